// Does the channels-last memory format make the CPU DCGAN step faster? TorchSharp 0.107 has no
// memory_format argument, but a tensor with channels-last strides (logical shape (B, C, H, W), memory
// order B, H, W, C) can be allocated with empty_strided and filled. libtorch's convolutions pick their
// layout from their input's and weight's strides, so convolution weights stored that way make every feature map
// after them channels-last too (batch norm and the activations keep the layout).
// Alternating rounds in one process, each with its own SGEMM 2048³ probe: the workbench trainer's DCGAN
// b64 step (width 64, NS loss, Adam, one fixed random batch) with the default layout, with channels-last
// convolution weights in G and D, and in D only; then each convolution and batch norm alone in each layout. BENCHMARKS.md ("Speed") quotes it.
// Usage (after `make setup`, machine otherwise idle): dotnet fsi bench/probes/channels-last.fsx [ROUNDS]
#r "../../artifacts/bin/GanWorkbench.Cli/release/TorchSharp.dll"
#r "../../artifacts/bin/GanWorkbench.Cli/release/GanWorkbench.dll"
open System.Diagnostics
open TorchSharp
open GanWorkbench.Losses
open GanWorkbench.Models
open GanWorkbench.Training
open TorchSharp.Modules

let rounds = match fsi.CommandLineArgs with [| _; r |] -> int r | _ -> 7
let _ = GanWorkbench.Runtime.Compute.Create("cpu", 0, 1L)
printfn "threads %d, oneDNN ISA cap %s, malloc thresholds %s" (torch.get_num_threads ()) GanWorkbench.Native.TorchLoader.OneDnnIsa GanWorkbench.Native.MallocTuning.State

/// The same values as a 4-D tensor, stored channels-last (strides (HWC, 1, WC, C)); a tensor of its own,
/// not a permuted view (autograd forbids in-place updates of a view made under no_grad).
let channelsLast (t: torch.Tensor) =
    let b, c, h, w = t.shape.[0], t.shape.[1], t.shape.[2], t.shape.[3]
    let result = torch.empty_strided([| b; c; h; w |], [| h * w * c; 1L; w * c; c |], dtype = t.dtype)
    (use _ = torch.no_grad() in result.copy_(t) |> ignore)
    result

/// Every Conv2d and ConvTranspose2d weight of a module replaced by a channels-last parameter (before the optimisers exist).
let toChannelsLast (m: torch.nn.Module) =
    for _, layer in m.named_modules() do
        match layer with
        | :? Conv2d as c -> c.weight <- new Parameter(channelsLast c.weight, c.weight.requires_grad)
        | :? ConvTranspose2d as c -> c.weight <- new Parameter(channelsLast c.weight, c.weight.requires_grad)
        | _ -> ()

let batch = 64
let real = torch.rand(int64 batch, 1L, 28L, 28L) * 2.0f - 1.0f               // pixels in [−1, 1]; speed only

/// A workbench trainer on fresh DCGAN networks (seed 1), with channels-last convolution weights in G and/or D.
let trainer clG clD =
    torch.manual_seed 1L |> ignore
    let g, d = new DcganGenerator(100, 64), new DcganDiscriminator(64)
    if clG then toChannelsLast g
    if clD then toChannelsLast d
    AdversarialTrainer.Create(g, d, NonSaturatingLoss(), UpdateSchedule.Alternating(1),
        new Adam(g.parameters(), 2e-4, 0.5, 0.999), new Adam(d.parameters(), 2e-4, 0.5, 0.999), (fun () -> real), batch)
let variants = [ "default", trainer false false; "channels-last", trainer true true; "channels-last D only", trainer false true ]
let a = torch.randn(2048L, 2048L)
let sgemm () = (use _ = torch.NewDisposeScope() in torch.matmul(a, a) |> ignore)
let stepFlops = 10369e6                                                    // analytic flops of this step (bench/README.md)

/// Median milliseconds of one call over 7 blocks of n calls, after 2 warm-up calls.
let time n (f: unit -> unit) =
    for _ in 1 .. 2 do f ()
    let ms = [| for _ in 1 .. 7 -> (let sw = Stopwatch.StartNew() in (for _ in 1 .. n do f ()); sw.Elapsed.TotalMilliseconds / float n) |]
    (Array.sort ms).[3]

let scoped (f: unit -> unit) () = use _ = torch.NewDisposeScope() in f ()
let s2, p1 = [| 2L; 2L |], [| 1L; 1L |]
let param (t: torch.Tensor) = t.requires_grad_(true)
let B, w = 64L, 64L
let wUp1, wDown2, wUp2, wDown1 = torch.randn(2L * w, w, 4L, 4L), torch.randn(2L * w, w, 4L, 4L), torch.randn(w, 1L, 4L, 4L), torch.randn(w, 1L, 4L, 4L)
let xUp1, xDown2, xBn = torch.randn(B, 2L * w, 7L, 7L), torch.randn(B, w, 14L, 14L), torch.randn(B, w, 14L, 14L)
let xUp2, xDown1 = torch.randn(B, w, 14L, 14L), torch.randn(B, 1L, 28L, 28L)
let bn = torch.nn.BatchNorm2d(w)
/// Forward + both gradients of each convolution and of batch norm, in one layout.
let layers (layout: torch.Tensor -> torch.Tensor) =
    let wu, wd, wu2, wd1 = param (layout wUp1), param (layout wDown2), param (layout wUp2), param (layout wDown1)
    let xu, xd, xb, xu2, xd1 = param (layout xUp1), param (layout xDown2), param (layout xBn), param (layout xUp2), param (layout xDown1)
    [ "up1 (transposed conv 128→64, 7→14)", scoped (fun () -> torch.nn.functional.conv_transpose2d(xu, wu, strides = s2, padding = p1).sum().backward())
      "down2 (conv 64→128, 14→7)", scoped (fun () -> torch.nn.functional.conv2d(xd, wd, strides = s2, padding = p1).sum().backward())
      "up2 (transposed conv 64→1, 14→28)", scoped (fun () -> torch.nn.functional.conv_transpose2d(xu2, wu2, strides = s2, padding = p1).sum().backward())
      "down1 (conv 1→64, 28→14)", scoped (fun () -> torch.nn.functional.conv2d(xd1, wd1, strides = s2, padding = p1).sum().backward())
      "batch norm 64 ch at 14×14", scoped (fun () -> bn.forward(xb).sum().backward()) ]
let layersStandard, layersLast = layers id, layers channelsLast

printfn "%5s %-22s %10s %10s %12s" "round" "layout" "step ms" "% of SGEMM" "vs default"
let results =
    [ for r in 1 .. rounds do
        let ceiling = 2.0 * 2048.0 ** 3.0 / (time 10 sgemm * 1e-3)            // flop/s of SGEMM 2048³ in this round
        let times = [ for name, t in variants -> name, time 10 (fun () -> t.Step()) ]
        let baseline = snd times.Head
        for name, ms in times do
            let share = stepFlops / (ms * 1e-3) / ceiling
            printfn "%5d %-22s %10.1f %9.0f%% %12.3f" r name ms (100.0 * share) (ms / baseline)
            yield name, ms, share, ms / baseline ]
let median (xs: float list) = (List.sort xs).[xs.Length / 2]
for name, _ in variants do
    let rows = results |> List.filter (fun (n, _, _, _) -> n = name)
    let ratios = rows |> List.map (fun (_, _, _, q) -> q)
    printfn "%-22s step %.1f ms, %.0f%% of SGEMM; vs default: median %.3f (range %.3f–%.3f)" name
        (rows |> List.map (fun (_, ms, _, _) -> ms) |> median) (100.0 * (rows |> List.map (fun (_, _, s, _) -> s) |> median))
        (median ratios) (List.min ratios) (List.max ratios)
for (name, f), (_, g) in List.zip layersStandard layersLast do
    let msDefault, msLast = time 20 f, time 20 g
    printfn "%-40s fwd+bwd default %7.3f ms, channels-last %7.3f ms (ratio %.3f)" name msDefault msLast (msLast / msDefault)
