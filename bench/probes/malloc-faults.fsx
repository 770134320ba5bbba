// Page faults and kernel time per workbench DCGAN step (width 64, batch 64, NS loss), to compare glibc's
// default malloc thresholds with the library's (lib/Native/MallocTuning.cs). Run it both ways, a few
// times each, alternating (BENCHMARKS.md quotes the result):
//   dotnet fsi bench/probes/malloc-faults.fsx; GWB_MALLOC_TUNING=0 dotnet fsi bench/probes/malloc-faults.fsx
// RELEASE_EVERY=50 adds what the run loop does after each logging window (a flush, then
// FreedMemory.Release: a gen-0 collection and malloc_trim) every 50 steps, over 300 steps; compare it
// with GWB_RELEASE_MEMORY=0 to see what the release costs.
#r "../../artifacts/bin/GanWorkbench.Cli/release/TorchSharp.dll"
#r "../../artifacts/bin/GanWorkbench.Cli/release/GanWorkbench.dll"
open System.Diagnostics
open TorchSharp
open GanWorkbench.Losses
open GanWorkbench.Models
open GanWorkbench.Training

let compute = GanWorkbench.Runtime.Compute.Create("cpu", 0, 1L)
let batch = 64
let real = torch.rand(int64 batch, 1L, 28L, 28L) * 2.0f - 1.0f               // pixels in [−1, 1]; speed only
let g = new DcganGenerator(100, 64)
let d = new DcganDiscriminator(64)
let trainer = AdversarialTrainer.Create(g, d, NonSaturatingLoss(), UpdateSchedule.Alternating(1),
                new Adam(g.parameters(), 2e-4, 0.5, 0.999), new Adam(d.parameters(), 2e-4, 0.5, 0.999), (fun () -> real), batch)
for _ in 1 .. 20 do trainer.Step()                                              // warm-up

/// Minor faults, user and system CPU time in clock ticks (/proc/self/stat fields 10, 14, 15).
let stat () = let f = (System.IO.File.ReadAllText "/proc/self/stat").Split(')').[1].Split(' ') in int64 f.[8], int64 f.[12], int64 f.[13]
let releaseEvery = match System.Environment.GetEnvironmentVariable "RELEASE_EVERY" with null | "" -> 0 | n -> int n
let steps = if releaseEvery > 0 then 300 else 80
let (f0, u0, s0) = stat ()
let clock = Stopwatch.StartNew()
for i in 1 .. steps do
    trainer.Step()
    if releaseEvery > 0 && i % releaseEvery = 0 then
        trainer.Flush() |> ignore
        GanWorkbench.Native.FreedMemory.Release() |> ignore
let wall = clock.Elapsed.TotalMilliseconds / float steps
let (f1, u1, s1) = stat ()
let tickMs = 1000.0 / 100.0                                                     // USER_HZ = 100 on Linux
printfn "malloc thresholds %s, release every %d steps (GWB_RELEASE_MEMORY=%s): %.1f ms/step wall, CPU %.1f ms user + %.1f ms system per step, %d minor page faults per step"
    GanWorkbench.Native.MallocTuning.State releaseEvery (System.Environment.GetEnvironmentVariable "GWB_RELEASE_MEMORY") wall (float (u1 - u0) * tickMs / float steps) (float (s1 - s0) * tickMs / float steps) ((f1 - f0) / int64 steps)
