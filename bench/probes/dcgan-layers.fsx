// Where a DCGAN step's time goes on the CPU: each matrix-product layer of the 28×28 DCGAN (width 64,
// batch 64) timed alone, forward and forward + backward, as GFLOP/s against one SGEMM; and batch norm
// next to an element-wise add of the same size. BENCHMARKS.md ("Speed", the SGEMM target) quotes it.
// Usage (after `make setup`, machine otherwise idle): dotnet fsi bench/probes/dcgan-layers.fsx
#r "../../artifacts/bin/GanWorkbench.Cli/release/TorchSharp.dll"
#r "../../artifacts/bin/GanWorkbench.Cli/release/GanWorkbench.dll"
open System.Diagnostics
open TorchSharp

let compute = GanWorkbench.Runtime.Compute.Create("cpu", 0, 1L)
printfn "threads %d, oneDNN ISA cap %s, malloc thresholds %s" (torch.get_num_threads ()) GanWorkbench.Native.TorchLoader.OneDnnIsa GanWorkbench.Native.MallocTuning.State

/// Median over 11 blocks of 5 calls, after 5 warm-up calls; GFLOP/s when the flops are known.
let time name (flops: float) (f: unit -> unit) =
    for _ in 1 .. 5 do f ()
    let ms = [| for _ in 1 .. 11 -> (let sw = Stopwatch.StartNew() in (for _ in 1 .. 5 do f ()); sw.Elapsed.TotalMilliseconds / 5.0) |] |> Array.sort
    let median = ms.[5]
    if flops > 0.0 then printfn "%-40s %8.3f ms %7.1f GFLOP/s" name median (flops / median / 1e6)
    else printfn "%-40s %8.3f ms" name median

let B, w = 64L, 64L
let scoped (f: unit -> unit) () = use _ = torch.NewDisposeScope() in f ()
let a = torch.randn(2048L, 2048L)
time "SGEMM 2048³" (2.0 * 2048.0 ** 3.0) (scoped (fun () -> torch.matmul(a, a) |> ignore))

/// A layer y = f(x, W): forward (2 flops per multiply-add) and forward + weight and input gradients (3×).
let layer name (macs: int64) (x: torch.Tensor) (f: torch.Tensor -> torch.Tensor) =
    time (name + " fwd") (2.0 * float macs) (scoped (fun () -> use _ = torch.no_grad() in f x |> ignore))
    time (name + " fwd+bwd") (6.0 * float macs) (scoped (fun () -> (f x).sum().backward()))

let s2, p1 = [| 2L; 2L |], [| 1L; 1L |]
let param (shape: int64[]) = torch.randn(shape).requires_grad_(true)
let wProject, wUp1, wUp2 = param [| 2L * w * 49L; 100L |], param [| 2L * w; w; 4L; 4L |], param [| w; 1L; 4L; 4L |]
let wDown1, wDown2, wClassify = param [| w; 1L; 4L; 4L |], param [| 2L * w; w; 4L; 4L |], param [| 1L; 2L * w * 49L |]
layer "G project 100→6272" (B * 100L * 2L * w * 49L) (param [| B; 100L |]) (fun x -> torch.nn.functional.linear(x, wProject))
layer "G up1 128→64, 7→14" (B * 2L * w * w * 16L * 49L) (param [| B; 2L * w; 7L; 7L |]) (fun x -> torch.nn.functional.conv_transpose2d(x, wUp1, strides = s2, padding = p1))
layer "G up2 64→1, 14→28" (B * w * 16L * 196L) (param [| B; w; 14L; 14L |]) (fun x -> torch.nn.functional.conv_transpose2d(x, wUp2, strides = s2, padding = p1))
layer "D down1 1→64, 28→14" (B * w * 16L * 196L) (param [| B; 1L; 28L; 28L |]) (fun x -> torch.nn.functional.conv2d(x, wDown1, strides = s2, padding = p1))
layer "D down2 64→128, 14→7" (B * w * 2L * w * 16L * 49L) (param [| B; w; 14L; 14L |]) (fun x -> torch.nn.functional.conv2d(x, wDown2, strides = s2, padding = p1))
layer "D classify 6272→1" (B * 2L * w * 49L) (param [| B; 2L * w * 49L |]) (fun x -> torch.nn.functional.linear(x, wClassify))

let h = param [| B; w; 14L; 14L |]
let bn = torch.nn.BatchNorm2d(w)
time "batch norm 64 ch at 14×14, fwd+bwd" 0.0 (scoped (fun () -> bn.forward(h).sum().backward()))
time "leaky ReLU, same tensor, fwd+bwd" 0.0 (scoped (fun () -> torch.nn.functional.leaky_relu(h, 0.2).sum().backward()))
let hd = h.detach()
time "x + x, same tensor" 0.0 (scoped (fun () -> (hd + hd) |> ignore))
