#!/usr/bin/env python3
"""The PyTorch peer of `./gwb bench`: the benchmark's models and steps in PyTorch.

Two ways to run it, with any python3 that has torch (Debian's python3-torch on CPU; the GPU
machine's PyTorch there):

  serve mode (what `./gwb bench` uses): JSON commands on stdin, one JSON reply per line on stdout,
  so the C# harness can alternate blocks of TorchSharp and PyTorch steps in one run:
      {"cmd": "setup", "model": "dcgan-ns", "batch": 64, "device": "cpu", "threads": 2, "seed": 1, "data": "data/mnist"}
      {"cmd": "run", "steps": 20}      → {"seconds": …, "steps": 20, "loss": …}
      {"cmd": "sgemm", "n": 2048, "repeats": 3}   → {"gflops": […]}
      {"cmd": "memory"}                → {"rss_mb": …, "peak_rss_mb": …}
      {"cmd": "quit"}

  standalone: python3 bench/pytorch/peer.py --model dcgan-ns --batch 64 --steps 20 --repeats 5
  prints the median step time and images/s of repeated blocks (after a warm-up block).
"""

import argparse
import gzip
import json
import os
import platform
import resource
import statistics
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import steps  # noqa: E402  (after the path fix above)


def read_idx_images(folder):
    """MNIST training images (60000, 1, 28, 28) as uint8, from the raw or gzipped IDX file."""
    path = os.path.join(folder, "train-images-idx3-ubyte")
    opener = open if os.path.exists(path) else gzip.open
    if opener is gzip.open:
        path += ".gz"
    with opener(path, "rb") as f:
        content = f.read()
    magic, count, rows, cols = np.frombuffer(content[:16], dtype=">i4")
    if magic != 2051:
        raise ValueError(f"{path}: not an IDX image file (magic {magic}, expected 2051)")
    return np.frombuffer(content[16:], dtype=np.uint8).reshape(count, 1, rows, cols)


def load_images(folder, scale, device):
    """The whole training set as one float32 tensor on the device, in [0, 1] or [−1, 1]."""
    pixels = torch.from_numpy(read_idx_images(folder).copy()).to(device).float()
    return pixels.div_(255.0) if scale == "zero_one" else pixels.div_(127.5).sub_(1.0)


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def memory():
    """Current and peak resident set size of this process, in MiB (Linux)."""
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with open("/proc/self/statm") as f:
        rss_pages = int(f.read().split()[1])
    return {"rss_mb": rss_pages * os.sysconf("SC_PAGE_SIZE") / 2**20, "peak_rss_mb": peak_kib / 1024}


def sgemm(n, repeats, device):
    """GFLOP/s of n×n float32 matrix products (2n³ flops each), one number per product."""
    a, b = torch.randn(n, n, device=device), torch.randn(n, n, device=device)
    torch.mm(a, b)
    sync(device)
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        torch.mm(a, b)
        sync(device)
        rates.append(2 * n**3 / (time.perf_counter() - start) / 1e9)
    return rates


class Session:
    """One model at one batch size on one device, ready to run blocks of steps."""

    def __init__(self, model, batch, device, threads, seed, data):
        self.device = torch.device(device)
        if threads > 0:
            torch.set_num_threads(threads)
        start = time.perf_counter()
        images = load_images(data, steps.pixel_scale(model), self.device)
        sync(self.device)
        self.load_seconds = time.perf_counter() - start
        self.step = steps.build(model, images, batch, self.device, seed)

    def run(self, count):
        start = time.perf_counter()
        loss = None
        for _ in range(count):
            loss = self.step.step()
        value = loss.item()          # one read per block: also waits for the device
        return {"seconds": time.perf_counter() - start, "steps": count, "loss": value}


def versions():
    return {"python": platform.python_version(), "torch": torch.__version__,
            "threads": torch.get_num_threads(), "cuda": torch.version.cuda,
            "cuda_available": torch.cuda.is_available(),
            "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None}


def serve():
    session = None
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            cmd = request["cmd"]
            if cmd == "setup":
                session = Session(request["model"], request["batch"], request.get("device", "cpu"),
                                  request.get("threads", 0), request.get("seed", 1), request["data"])
                reply = {"load_seconds": session.load_seconds, **versions()}
            elif cmd == "run":
                reply = session.run(request["steps"])
            elif cmd == "sgemm":
                dev = session.device if session else torch.device(request.get("device", "cpu"))
                reply = {"gflops": sgemm(request["n"], request.get("repeats", 3), dev)}
            elif cmd == "memory":
                reply = memory()
            elif cmd == "quit":
                print(json.dumps({"bye": True}), flush=True)
                return
            else:
                reply = {"error": f"unknown command '{cmd}'"}
        except Exception as e:  # the harness shows this and carries on without the peer
            reply = {"error": f"{type(e).__name__}: {e}"}
        print(json.dumps(reply), flush=True)


def standalone(args):
    session = Session(args.model, args.batch, args.device, args.threads, args.seed, args.data)
    session.run(args.warmup)
    blocks = [session.run(args.steps)["seconds"] / args.steps for _ in range(args.repeats)]
    median = statistics.median(blocks)
    print(json.dumps({"model": args.model, "batch": args.batch, "device": args.device,
                      "median_step_seconds": median, "min_step_seconds": min(blocks),
                      "max_step_seconds": max(blocks), "images_per_second": args.batch / median,
                      "block_step_seconds": blocks, **memory(), **versions()}, indent=1))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--serve", action="store_true", help="JSON commands on stdin (used by ./gwb bench)")
    parser.add_argument("--model", choices=steps.MODELS, default="dcgan-ns")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--steps", type=int, default=20, help="steps per timed block")
    parser.add_argument("--repeats", type=int, default=5, help="timed blocks")
    parser.add_argument("--warmup", type=int, default=5, help="untimed steps first")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--threads", type=int, default=0, help="intra-op threads (0: torch's default)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", default=os.path.join(os.environ.get("GWB_DATA", "data"), "mnist"),
                        help="folder with train-images-idx3-ubyte[.gz] (default: $GWB_DATA/mnist or data/mnist)")
    args = parser.parse_args()
    if args.serve:
        serve()
    else:
        standalone(args)


if __name__ == "__main__":
    main()
