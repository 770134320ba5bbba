#!/usr/bin/env bash
# On a GPU machine with PyTorch but without NuGet: try TorchSharp 0.107 against that PyTorch's
# libtorch, and measure the PyTorch peer there. Everything it learns goes to $OUT (default ./gpu-out).
# Run from the repository root with bench/scratch/gpu-kit/kit.tar.xz present (bench/gpu/make-kit.sh).
# Steps, each recorded even when a later one fails:
#   1. versions: PyTorch, CUDA, GPU, glibc/libstdc++, libtorch sonames;
#   2. bench/gpu/abi-check.sh: symbols libLibTorchSharp.so needs that this libtorch lacks (reads only);
#   3. the PyTorch peer alone on the GPU (independent of TorchSharp);
#   4. `gwb bench --device cuda` with GWB_LIBTORCH_DIR = PyTorch's lib folder.
# usage: bench/gpu/run-kit.sh [extra gwb bench arguments]
set -uo pipefail
out="${OUT:-$PWD/gpu-out}"; mkdir -p "$out"
work="$(mktemp -d)"
tar -xJf bench/scratch/gpu-kit/kit.tar.xz -C "$work" || { echo "no kit: run bench/gpu/make-kit.sh first" >&2; exit 2; }
python="${PYTHON:-python3}"
torch_lib="$("$python" -c 'import torch, os; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')"

{ "$python" -c 'import torch, platform; print("python", platform.python_version(), "torch", torch.__version__, "cuda", torch.version.cuda,
      "gpu", torch.cuda.get_device_name(0) if torch.cuda.is_available() else None)'
  ldd --version | head -1
  strings "$(ldconfig -p | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')" | grep -E '^GLIBCXX_3\.4\.3[0-9]$' | sort -V | tail -1
  for l in libc10 libtorch libtorch_cpu libtorch_cuda; do echo "$l: $(readelf -d "$torch_lib/$l.so" 2>/dev/null | grep SONAME)"; done
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv 2>&1
} > "$out/versions.txt" 2>&1

bench/gpu/abi-check.sh "$work/app/runtimes/linux-x64/native/libLibTorchSharp.so" "$torch_lib" > "$out/abi-check.txt" 2>&1
echo "abi-check exit $?" >> "$out/abi-check.txt"

for model in dcgan-ns dcgan-wgan-gp mlp-gan mlp-vae; do
  for batch in 64 256; do
    GWB_DATA="$work/data" timeout 120 "$python" bench/pytorch/peer.py --device cuda --model $model --batch $batch \
      --steps 50 --repeats 7 > "$out/peer-$model-b$batch.json" 2>> "$out/peer.log"
  done
done

export DOTNET_ROOT="$work/dotnet" GWB_LIBTORCH_DIR="$torch_lib" GWB_DATA="$work/data" GWB_ROOT="$PWD"
dotnet_bin="$work/dotnet/dotnet"
timeout 420 "$dotnet_bin" "$work/app/gwb.dll" bench --device cuda --python "$python" --skip notebooks \
  --rounds 5 --block-seconds 1 --memory-steps 2000 --output "$out/bench-gpu.json" "$@" > "$out/bench.log" 2>&1
echo "bench exit $?" >> "$out/bench.log"
rm -rf "$work"
