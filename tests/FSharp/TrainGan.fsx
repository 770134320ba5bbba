// Trains a GAN for 20 steps through GanWorkbench's public API, from F# (run by tests/FSharp/FSharpScriptTests).
// Usage: dotnet fsi TrainGan.fsx   (GWB_DATA must point at the dataset cache)
#r "../TorchSharp.dll"
#r "../GanWorkbench.dll"
#r "../YamlDotNet.dll"

open TorchSharp
open GanWorkbench.Data
open GanWorkbench.Experiments
open GanWorkbench.Losses
open GanWorkbench.Models
open GanWorkbench.Training

// 1. The pieces by hand: data on the device, a DCGAN pair, the non-saturating loss, alternating updates.
let compute = GanWorkbench.Runtime.Compute.Create("cpu", 0, 7L)
let data = ImageDataset.Load("mnist", "train", compute.Device, PixelScale.Tanh)
let batches = new ImageBatches(data, 32, 7L)
let g = new DcganGenerator(32, 16)
let d = new DcganDiscriminator(16)
let optG = torch.optim.Adam(g.parameters(), 2e-4, 0.5, 0.999)
let optD = torch.optim.Adam(d.parameters(), 2e-4, 0.5, 0.999)
let game = new StandardGame(g, d, NonSaturatingLoss(), R1Penalty(1.0))
let trainer = new AdversarialTrainer(game, UpdateSchedule.Alternating(1), optG, optD, (fun () -> batches.Next()), 32)
let mutable logged = 0
trainer.Logged.Add(fun m -> logged <- logged + 1)
for _ in 1 .. 20 do trainer.Step()
let m = trainer.Flush()
printfn "trainer: steps=%d d_loss=%.4f g_loss=%.4f penalty=%.4f logged=%d" trainer.StepCount m.DLoss m.GLoss (m.Get "penalty") logged

// 2. The same through the experiment runner, with an observer written as an F# object expression.
let spec =
    ExperimentFile.Load().Get("toy-8gaussians", true, [ "device=cpu"; "tensorboard=false"; "budget={steps: 20}"; "log_every=10" ])
let observer =
    { new RunObserver() with
        override _.OnLog(metrics, total) = printfn "runner: step %d/%d d_loss=%.4f" metrics.Step total metrics.DLoss }
let runs = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gwb-fsharp-" + string (System.Guid.NewGuid()))
let result = ExperimentRunner.Run(spec, RunOptions(RunsRoot = runs, Observers = [| observer |]))
printfn "runner: %s after %d steps" (YamlNames.Of(result.Status.State)) result.Status.Step
System.IO.Directory.Delete(runs, true)
