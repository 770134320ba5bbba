#!/usr/bin/env bash
# The red team: hostile and unlucky input against the built CLI, end to end. One PASS/FAIL line per case
# and a total; exit 1 when any case fails. Run by `make redteam-tests` (part of `make test`).
#   tests/redteam/redteam.sh [GWB]   (GWB: the command line to test, default ./gwb at the repository root)
# Cases: hostile YAML (alias bomb, self alias, deep nesting, huge file) refused located within seconds;
# a byte flipped in every file of a checkpoint refused with the command to resume from the one before;
# that command works and reproduces the weights bit for bit; report and a model loader refuse too;
# legacy checkpoints load with a warning; a run directory without config.yaml, a status.json that is
# not JSON; a full disk and a read-only filesystem (small tmpfs mounts when root, else a chmod'ed folder).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
gwb="${1:-$root/gwb}"
work="$(mktemp -d "${TMPDIR:-/tmp}/gwb-redteam.XXXXXX")"
mounts=()
cleanup() { for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done; chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
export GWB_RUNS="$work/runs" GWB_DEVICE=cpu
passed=0; failed=0; skipped=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
# run_gwb: runs the CLI, leaving exit code in $code, stderr in $err, milliseconds in $ms.
run_gwb() {
  local start=$(date +%s%N)
  "$gwb" "$@" >"$work/out" 2>"$work/err"; code=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 )); err="$(cat "$work/err")"
}
# expect NAME CODE SUBSTRING…: the last run exited CODE, printed no stack trace, and stderr holds every SUBSTRING.
expect() {
  local name=$1 want=$2; shift 2
  if [[ $code != "$want" ]]; then fail "$name" "exit $code, expected $want: ${err:0:300}"; return; fi
  if grep -q '^   at ' "$work/err"; then fail "$name" "stack trace printed"; return; fi
  for s in "$@"; do [[ "$err" == *"$s"* ]] || { fail "$name" "stderr lacks '$s': ${err:0:300}"; return; }; done
  pass "$name"
}
flip() { python3 -c "import sys; p=sys.argv[1]; i=int(sys.argv[2]); b=bytearray(open(p,'rb').read()); i=i if i>=0 else len(b)//2; b[i]^=1; open(p,'wb').write(b)" "$1" "${2:--1}"; }

"$gwb" --help >/dev/null 2>&1 || { echo "FAIL build: $gwb does not start"; exit 1; }

# ---- hostile YAML ------------------------------------------------------------------------------------
python3 - "$work" <<'PY'
import sys, os
w = sys.argv[1]
lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'] + [f'a{i}: &a{i} [' + ', '.join([f'*a{i-1}'] * 10) + ']' for i in range(1, 12)]
open(f'{w}/bomb.yaml', 'w').write('\n'.join(lines) + '\nexperiments: {}\n')
open(f'{w}/self-alias.yaml', 'w').write('experiments: &x\n  a: *x\n')
open(f'{w}/deep-flow.yaml', 'w').write('experiments:\n  a:\n    seed: ' + '[' * 20000 + ']' * 20000 + '\n')
open(f'{w}/deep-block.yaml', 'w').write('experiments:\n' + ''.join('  ' * (i + 1) + f'k{i}:\n' for i in range(200)))
open(f'{w}/huge.yaml', 'w').write('experiments: {}\n' + ('#' * 1023 + '\n') * 6000)
open(f'{w}/reproductions-bomb.yaml', 'w').write('\n'.join(lines) + '\nreproductions: {}\n')
PY
for f in bomb self-alias deep-flow deep-block huge; do
  run_gwb check "$work/$f.yaml"
  if (( ms > 3000 )); then fail "yaml-$f" "took ${ms} ms"; continue; fi
  case $f in
    bomb) expect "yaml-$f refused located (${ms} ms)" 2 "$work/$f.yaml:4:45: aliases expand to more than 10000 nodes" "Write the values out" ;;
    self-alias) expect "yaml-$f refused located (${ms} ms)" 2 "$work/$f.yaml:2:6: the alias *x refers to a node that contains it" ;;
    deep-*) expect "yaml-$f refused located (${ms} ms)" 2 "$work/$f.yaml:" "nest more than 64 deep here" "Flatten" ;;
    huge) expect "yaml-$f refused by size (${ms} ms)" 2 "$work/$f.yaml: 6,144,016 bytes, more than the 2,097,152 (2 MB) gwb reads for this kind of file." ;;
  esac
done
run_gwb run quickstart --quick --set "seed=$(printf '[%.0s' {1..100})$(printf ']%.0s' {1..100})"
expect "yaml-set-value-deep refused" 2 "--set seed=[[[" "nest more than 64 deep" 
if "$gwb" reproduce --help 2>/dev/null | grep -q -- '--file'; then
  run_gwb reproduce --file "$work/reproductions-bomb.yaml" --all --budget quick
  expect "yaml-reproductions-bomb refused" 2 "reproductions-bomb.yaml:4:45: aliases expand"
fi

# ---- checkpoints -------------------------------------------------------------------------------------
tiny=(--quick --set 'budget={steps: 8}' --set log_every=2 --set checkpoint_every=2 --set data.batch_size=8 --set sample_every=0
      --set threads=1 --set 'model={name: dcgan, latent_dim: 16, g_width: 8, d_width: 8}')
run_gwb run quickstart "${tiny[@]}"
dir=$(ls -d "$GWB_RUNS"/quickstart/*-s1 2>/dev/null | head -1)
if [[ $code != 0 || -z "$dir" ]]; then fail "tiny-run" "exit $code: ${err:0:300}"; echo "TOTAL $passed passed, $failed failed"; exit 1; fi
pass "tiny-run completed"
ck="$dir/checkpoints/step-00000008"
[[ -f "$ck/manifest.json" && -d "$dir/checkpoints/step-00000006" ]] && pass "manifest written, two checkpoints kept" || fail "manifest" "missing in $ck"
sed -i 's/"completed"/"interrupted"/' "$dir/status.json"
cp "$ck/generator.pt" "$work/generator.pt.good"
for f in "$ck"/*; do
  name=$(basename "$f"); cp "$f" "$work/keep"
  flip "$f"
  run_gwb resume "$dir"
  if [[ $name == manifest.json ]]; then
    expect "flipped-byte $name refused" 2 "$ck/" "cannot be trusted" "./gwb resume $dir --from-checkpoint 6"
  else
    expect "flipped-byte $name refused" 2 "$ck/$name: its SHA-256 differs" "Resume from the checkpoint before it: ./gwb resume $dir --from-checkpoint 6"
  fi
  cp "$work/keep" "$f"
done
# One character of the RNG state changed (still valid JSON).
cp "$ck/state.json" "$work/keep"
python3 - "$ck/state.json" <<'PY'
import sys, json
p = sys.argv[1]; s = json.load(open(p)); r = s['torch_rng']; s['torch_rng'] = ('B' if r[10] != 'B' else 'C').join([r[:10], r[11:]])
json.dump(s, open(p, 'w'), indent=2)
PY
run_gwb resume "$dir"
expect "rng-state-edited refused" 2 "$ck/state.json" "--from-checkpoint 6"
run_gwb report "$dir"
expect "report refuses a damaged checkpoint" 2 "$ck/state.json" "--from-checkpoint 6"
run_gwb resume "$dir" --from-checkpoint 6
if [[ $code == 0 ]] && cmp -s "$ck/generator.pt" "$work/generator.pt.good"; then pass "resume --from-checkpoint 6 reproduces the weights bit for bit"
else fail "resume --from-checkpoint" "exit $code, weights equal: $(cmp -s "$ck/generator.pt" "$work/generator.pt.good" && echo yes || echo no): ${err:0:300}"; fi
run_gwb resume "$dir" --from-checkpoint 5
expect "resume from a step without checkpoint refused" 2 "no checkpoint of step 5; the run has 6, 8" "--from-checkpoint 0"

# A manifest deleted while an earlier checkpoint has one: refused. Checkpoints from before manifests: used, with a warning.
rm "$ck/manifest.json"
run_gwb report "$dir"
expect "deleted manifest beside a checked checkpoint refused" 2 "$ck/manifest.json: missing, though an earlier checkpoint of the run has one" "--from-checkpoint 6"
rm "$dir"/checkpoints/step-*/manifest.json
run_gwb report "$dir"
expect "legacy checkpoint read with a warning" 0 "gwb: warning: $ck: written before checkpoints had a manifest"
"$gwb" resume "$dir" --from-checkpoint 6 >/dev/null 2>&1   # rewrites it with a manifest

# ---- damaged run directories -------------------------------------------------------------------------
cp "$dir/status.json" "$work/status.keep"
echo '{"state": "runn' > "$dir/status.json"
run_gwb report "$dir"
expect "status.json not JSON: refused with the fix" 2 "$dir/status.json: not a valid status file" "./gwb resume $dir"
run_gwb resume "$dir"
expect "status.json not JSON: resume rebuilds it" 0 "resuming rewrites it"
mv "$dir/config.yaml" "$work/config.keep"
run_gwb resume "$dir" --from-checkpoint 6
expect "config.yaml deleted: refused with the fix" 2 "$dir/config.yaml: missing" "cp $ck/config.yaml $dir/config.yaml"
mv "$work/config.keep" "$dir/config.yaml"

# ---- full and read-only storage ----------------------------------------------------------------------
small="$work/small"; mkdir -p "$small"
if [[ $(id -u) == 0 ]] && mount -t tmpfs -o size=160k tmpfs "$small" 2>/dev/null; then
  mounts+=("$small")
  GWB_RUNS="$small" run_gwb run quickstart "${tiny[@]}"
  expect "disk full (160 KiB tmpfs): clear error, no stack trace" 2 "No space left on device" "the disk is full" "./gwb resume"
  sdir=$(ls -d "$small"/quickstart/*-s1 2>/dev/null | head -1)
  if [[ -n "$sdir" ]] && ! ls -d "$sdir"/checkpoints/*.tmp >/dev/null 2>&1 && \
     ! { ls "$sdir"/checkpoints/step-* >/dev/null 2>&1 && ! ls "$sdir"/checkpoints/step-*/manifest.json >/dev/null 2>&1; }; then
    pass "disk full: no half-written checkpoint left"
  else fail "disk full: half-written checkpoint" "$(ls -R "$sdir/checkpoints" 2>&1 | head -5)"; fi
  umount "$small"; mounts=()
  # A report on a disk that is full: refused clearly, and no report.html (half-written or not) appears.
  mount -t tmpfs -o size=4m tmpfs "$small" && mounts+=("$small")
  mkdir "$small/run" && cp -r "$dir"/{checkpoints,config.yaml,events,metrics.jsonl,samples,status.json} "$small/run"
  dd if=/dev/zero of="$small/fill" bs=4k 2>/dev/null
  run_gwb report "$small/run"
  expect "disk full: report fails clearly" 2 ": the disk is full. Free space on it"
  [[ ! -e "$small/run/report.html" ]] && pass "disk full: no report.html written" || fail "disk full: report.html" "exists"
  umount "$small"; mounts=()
  ro="$work/ro"; mkdir -p "$ro"
  cp -r "$dir" "$ro/run"
  if mount --bind "$ro" "$ro" 2>/dev/null && mount -o remount,bind,ro "$ro" 2>/dev/null; then
    mounts+=("$ro")
    run_gwb resume "$ro/run" --from-checkpoint 6
    expect "read-only bind mount: resume fails clearly" 2 ": the filesystem is read-only."
    umount "$ro"; mounts=()
  else echo "SKIP read-only bind mount: this machine refuses bind mounts"; skipped=$((skipped + 1)); fi
elif [[ $(id -u) != 0 ]]; then
  echo "(not root: no tmpfs; simulating an unwritable place with chmod)"
  cp -r "$dir" "$small/run"; chmod -R a-w "$small/run"
  run_gwb resume "$small/run" --from-checkpoint 6
  expect "unwritable run directory: resume fails clearly" 2 ": the place is not writable."
else
  echo "SKIP full and read-only filesystems: root here cannot mount a tmpfs, and chmod does not stop root"; skipped=$((skipped + 1))
fi

echo "TOTAL $passed passed, $failed failed, $skipped skipped"
[[ $failed == 0 ]]
