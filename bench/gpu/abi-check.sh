#!/usr/bin/env bash
# Does TorchSharp's native bridge (libLibTorchSharp.so) find every symbol it needs in a given
# libtorch? Lists the dynamic symbols the bridge imports that neither that libtorch (libc10,
# libtorch, libtorch_cpu, and the CUDA parts when present) nor the system's C/C++ runtime defines.
# Nothing is loaded or run: this only reads symbol tables (nm), so it is safe to try first on a
# machine whose libtorch differs from the 2.10 that TorchSharp 0.107 was built against
# (e.g. the GPU machine's PyTorch 2.11: TORCH_LIB=$(python3 -c 'import torch,os;print(os.path.dirname(torch.__file__))')/lib).
#
# usage: bench/gpu/abi-check.sh path/to/libLibTorchSharp.so TORCH_LIB_DIR
# exit:  0 when nothing is missing, 1 when symbols are missing (listed, demangled), 2 on bad usage.
set -euo pipefail
if [[ $# -ne 2 || ! -f "$1" || ! -d "$2" ]]; then
  echo "usage: $0 path/to/libLibTorchSharp.so TORCH_LIB_DIR" >&2; exit 2
fi
bridge="$1"; dir="$2"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

# Strong imports only ("U"); weak ones ("w", e.g. _ITM_*) may stay unresolved.
nm -D --undefined-only "$bridge" | awk '$1 == "U" {print $2}' | sed 's/@.*//' | sort -u > "$tmp/needed"

libs=()
for name in libc10 libtorch libtorch_cpu libc10_cuda libtorch_cuda; do
  for f in "$dir/$name.so" "$dir/$name.so".*; do [[ -f "$f" ]] && { libs+=("$f"); break; }; done
done
for name in libstdc++.so.6 libc.so.6 libm.so.6 libgcc_s.so.1 ld-linux-x86-64.so.2; do
  f="$(ldconfig -p | awk -v n="$name" '$1 == n && /x86-64/ && !found {print $NF; found = 1}')"
  [[ -n "$f" ]] && libs+=("$f")
done
for f in "${libs[@]}"; do nm -D --defined-only "$f" | awk '{print $NF}' | sed 's/@.*//'; done | sort -u > "$tmp/defined"

comm -23 "$tmp/needed" "$tmp/defined" > "$tmp/missing"
echo "bridge:   $bridge ($(wc -l < "$tmp/needed") imported symbols)"
echo "searched: ${libs[*]}"
count=$(wc -l < "$tmp/missing")
echo "missing:  $count"
if [[ $count -gt 0 ]]; then
  head -n 40 "$tmp/missing" | c++filt | sed 's/^/  /'
  [[ $count -gt 40 ]] && echo "  … and $((count - 40)) more"
  exit 1
fi
