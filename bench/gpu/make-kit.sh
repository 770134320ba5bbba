#!/usr/bin/env bash
# Packs what a GPU machine without NuGet (and maybe without .NET) needs to run `gwb bench` against
# its own PyTorch's libtorch, into bench/scratch/gpu-kit/kit.tar.xz (git-ignored; must stay under
# the 64 MiB a device session can carry): the .NET runtime this machine runs on, the CLI's managed
# assemblies, TorchSharp's bridge libLibTorchSharp.so (the build's libstdc++-compat copy) but no
# libtorch, and MNIST's training split gzipped. bench/gpu/run-kit.sh unpacks and uses it.
# usage: bench/gpu/make-kit.sh        (after `make build` or any ./gwb call)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
app="$root/artifacts/bin/GanWorkbench.Cli/release"
data="${GWB_DATA:-$root/data}/mnist"
out="$root/bench/scratch/gpu-kit"
[[ -f "$app/gwb.dll" ]] || { echo "no $app/gwb.dll: run 'make build' first" >&2; exit 2; }
[[ -f "$data/train-images-idx3-ubyte" || -f "$data/train-images-idx3-ubyte.gz" ]] || { echo "no MNIST in $data: ./gwb data fetch mnist" >&2; exit 2; }

dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
runtime="$(ls -d "$dotnet_root"/shared/Microsoft.NETCore.App/10.* | sort -V | tail -1)"
stage="$(mktemp -d)"; trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/dotnet/shared/Microsoft.NETCore.App" "$stage/app/runtimes/linux-x64/native" "$stage/data/mnist" "$out"
cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$stage/dotnet/"
cp -a "$runtime" "$stage/dotnet/shared/Microsoft.NETCore.App/"
# Managed assemblies and their manifests; of the natives only TorchSharp's bridge and SkiaSharp (PNG grids).
find "$app" -maxdepth 1 -type f \( -name '*.dll' -o -name '*.json' \) -exec cp {} "$stage/app/" \;
cp "$app/runtimes/linux-x64/native/libLibTorchSharp.so" "$app/runtimes/linux-x64/native/libSkiaSharp.so" "$stage/app/runtimes/linux-x64/native/"
for f in train-images-idx3-ubyte train-labels-idx1-ubyte; do
  if [[ -f "$data/$f.gz" ]]; then cp "$data/$f.gz" "$stage/data/mnist/"; else gzip -9 -c "$data/$f" > "$stage/data/mnist/$f.gz"; fi
done
tar -C "$stage" -cf - dotnet app data | xz -T0 -6 > "$out/kit.tar.xz"
size=$(stat -c %s "$out/kit.tar.xz")
echo "$out/kit.tar.xz: $((size / 1048576)) MiB ($size bytes; limit 64 MiB)"
(( size < 64 * 1048576 )) || { echo "too large for a device session" >&2; exit 1; }
