// How a DCGAN step scales from one intra-op thread to two, next to how SGEMM scales: alternating rounds
// in one process (torch.set_num_threads between them), so both thread counts see the same machine.
// Each round times SGEMM 2048³ and a workbench DCGAN training step (AdversarialTrainer, width 64, batch 64,
// non-saturating loss, Adam; one fixed random batch, so no data loading) at 1 and then at 2 threads. BENCHMARKS.md ("Speed") quotes it.
// Usage (after `make setup`, machine otherwise idle): dotnet fsi bench/probes/thread-scaling.fsx [ROUNDS]
#r "../../artifacts/bin/GanWorkbench.Cli/release/TorchSharp.dll"
#r "../../artifacts/bin/GanWorkbench.Cli/release/GanWorkbench.dll"
open System.Diagnostics
open TorchSharp
open GanWorkbench.Losses
open GanWorkbench.Models
open GanWorkbench.Training

let rounds = match fsi.CommandLineArgs with [| _; r |] -> int r | _ -> 5
let _ = GanWorkbench.Runtime.Compute.Create("cpu", 0, 1L)
printfn "cores %d, oneDNN ISA cap %s, malloc thresholds %s" System.Environment.ProcessorCount GanWorkbench.Native.TorchLoader.OneDnnIsa GanWorkbench.Native.MallocTuning.State

let batch = 64
let real = torch.rand(int64 batch, 1L, 28L, 28L) * 2.0f - 1.0f               // pixels in [−1, 1]; speed only
let g, d = new DcganGenerator(100, 64), new DcganDiscriminator(64)
let trainer = AdversarialTrainer.Create(g, d, NonSaturatingLoss(), UpdateSchedule.Alternating(1),
                new Adam(g.parameters(), 2e-4, 0.5, 0.999), new Adam(d.parameters(), 2e-4, 0.5, 0.999), (fun () -> real), batch)
let a = torch.randn(2048L, 2048L)

/// One workbench training step: a D update, then a G update (the trainer's own dispose scopes).
let step () = trainer.Step()

let sgemm () = (use _ = torch.NewDisposeScope() in torch.matmul(a, a) |> ignore)

/// Median milliseconds of one call over 7 blocks of n calls, after 2 warm-up calls.
let time n (f: unit -> unit) =
    for _ in 1 .. 2 do f ()
    let ms = [| for _ in 1 .. 7 -> (let sw = Stopwatch.StartNew() in (for _ in 1 .. n do f ()); sw.Elapsed.TotalMilliseconds / float n) |]
    (Array.sort ms).[3]

let sgemmFlops = 2.0 * 2048.0 ** 3.0
printfn "%5s %8s %12s %12s" "round" "threads" "SGEMM GF/s" "DCGAN ms"
let results =
    [ for r in 1 .. rounds do
        for t in [ 1; 2 ] do
            torch.set_num_threads t
            let s = time 10 sgemm
            let st = time 10 step
            printfn "%5d %8d %12.1f %12.1f" r t (sgemmFlops / s / 1e6) st
            yield t, sgemmFlops / s / 1e6, st ]
let median (xs: float list) = (List.sort xs).[xs.Length / 2]
let at t f = results |> List.filter (fun (u, _, _) -> u = t) |> List.map f |> median
let s1, s2 = at 1 (fun (_, s, _) -> s), at 2 (fun (_, s, _) -> s)
let d1, d2 = at 1 (fun (_, _, x) -> x), at 2 (fun (_, _, x) -> x)
printfn "medians: SGEMM %.1f → %.1f GFLOP/s (×%.2f); DCGAN step %.1f → %.1f ms (×%.2f)" s1 s2 (s2 / s1) d1 d2 (d1 / d2)
