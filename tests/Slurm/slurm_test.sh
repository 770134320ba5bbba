#!/usr/bin/env bash
# make slurm-test: the workbench against a real Slurm (Debian's slurm-wlm + munge on localhost, started here
# and stopped at the end by pid). Submits the 4-member study of tests/Slurm/experiments.yaml with --slurm;
# requeues one running member with `scontrol requeue` and sends another the time-limit warning (USR1 to its
# batch shell); checks both resumed from their checkpoint rather than restarted, and that every member ends
# bit-identical (metrics and final checkpoint) to a local sweep of the same members; checks `sweep status`,
# the report, a reproduction submitted with --slurm, and the errors for a refused submission and an unknown partition (exit 2, nothing submitted).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source tests/Slurm/cluster.sh
trap slurm_stop EXIT

work="$PWD/build/slurm-test"
rm -rf "$work" && mkdir -p "$work"
export GWB_RUNS="$work/runs" GWB_DEVICE=cpu
study=(sweep slurm-test --file tests/Slurm/experiments.yaml --quick)
sweep="$GWB_RUNS/sweeps/slurm-test"
gwb() { ./gwb "$@"; }
fail() { echo "slurm-test: FAILED: $*" >&2; for f in "$sweep"/slurm/*.out; do [ -f "$f" ] && { echo "== $f" >&2; tail -15 "$f" >&2; }; done; exit 1; }
member_dir() { compgen -G "$sweep/experiment-slurm-$1_seed-$2-*" | head -1 || true; }
json_field() { /usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get(sys.argv[2]))' "$1" "$2" 2>/dev/null || echo none; }

slurm_install
slurm_start

echo "== refused submissions: exit 2, Slurm's message shown, nothing submitted or written"
set +e
out=$(gwb "${study[@]}" --slurm --sbatch-arg=--mincpus=64 2>&1); code=$?
set -e
[ "$code" -eq 2 ] || fail "refused submission: exit $code, expected 2: $out"
grep -q "sbatch refused the array job" <<<"$out" || fail "refused submission: no 'sbatch refused' in: $out"
grep -qi "node configuration is not available\|Node count specification invalid" <<<"$out" || fail "refused submission: Slurm's own message missing: $out"
[ ! -e "$sweep" ] || fail "refused submission left $(ls -A "$sweep") in $sweep"
set +e
out=$(gwb "${study[@]}" --slurm --partition nosuch 2>&1); code=$?
set -e
[ "$code" -eq 2 ] && grep -q "no such partition on this cluster (sinfo lists: debug)" <<<"$out" || fail "unknown partition: exit $code: $out"
[ -z "$(squeue -h -o %i)" ] || fail "a refused submission left jobs in the queue: $(squeue -h)"

echo "== submit the study"
out=$(gwb "${study[@]}" --slurm --max-parallel 2 --time 00:10:00 --signal-before 60)
echo "$out"
job=$(tail -1 <<<"$out")
[[ "$job" =~ ^[0-9]+$ ]] || fail "no job id printed: $out"
[ -f "$sweep/slurm/$job.sbatch" ] && [ -f "$sweep/slurm/jobs.json" ] || fail "script or jobs.json missing in $sweep/slurm"
out=$(gwb "${study[@]}" --slurm)
grep -q "nothing to submit" <<<"$out" || fail "submitting the queued study again submitted members twice: $out"

# Waits (up to 300 s) until member $1 (short|long) seed $2 is running at step >= 20, then prints its task.
wait_running() {
  local dir step state i
  for i in $(seq 300); do
    dir=$(member_dir "$1" "$2")
    if [ -n "$dir" ] && [ -f "$dir/status.json" ]; then
      state=$(json_field "$dir/status.json" state); step=$(json_field "$dir/status.json" step)
      [ "$state" = completed ] && fail "member $1 s$2 completed before the test could interrupt it"
      [ "$state" = running ] && [ "$step" -ge 20 ] && return 0
    fi
    sleep 1
  done
  fail "member $1 s$2 never ran"
}
wait_running long 1
echo "== scontrol requeue ${job}_2 (member 2 running)"
scontrol requeue "${job}_2"
wait_running long 2
echo "== the time-limit warning (USR1) to member 3's batch shell"
scancel --batch --signal=USR1 "${job}_3"

echo "== wait for the array to finish"
for i in $(seq 600); do
  [ -z "$(squeue -h -j "$job" -o %i 2>/dev/null)" ] && break
  # A requeued task may be held until its begin time; let it start now.
  for t in $(squeue -h -r -j "$job" -t PENDING -o '%i %r' 2>/dev/null | awk '$2=="BeginTime"{print $1}'); do scontrol update jobid="$t" starttime=now || true; done
  sleep 1
done
[ -z "$(squeue -h -j "$job" -o %i 2>/dev/null)" ] || fail "the array did not finish in 10 minutes: $(squeue -h -j "$job")"
squeue -h -j "$job" >/dev/null 2>&1 || true

for m in 2 3; do
  log="$sweep/slurm/${job}_$m.out"
  grep -q "attempt 2" "$log" || fail "member $m was not started a second time ($log)"
  grep -qE "resuming from the checkpoint at step [1-9][0-9]*" "$log" || fail "member $m restarted instead of resuming ($log)"
  echo "member $m: $(grep -m1 -o 'resuming from the checkpoint at step [0-9]*' "$log")"
done
grep -q "requeueing job" "$sweep/slurm/${job}_3.out" || fail "member 3 did not requeue itself on USR1"

echo "== sweep status"
gwb sweep status slurm-test | tee "$work/status.txt" || fail "sweep status exited $? with every member done"
[ "$(grep -c ' completed ' "$work/status.txt")" -eq 4 ] || fail "sweep status does not show 4 completed members"
grep -q "${job}_2" "$work/status.txt" || fail "sweep status does not show the job ids"
gwb report slurm-test >/dev/null || fail "./gwb report slurm-test failed"

echo "== a reproduction through Slurm, then its record written locally from the Slurm runs"
out=$(gwb reproduce goodfellow2014-table1 --budget quick --slurm)
rjob=$(tail -1 <<<"$out")
[[ "$rjob" =~ ^[0-9]+$ ]] || fail "reproduce --slurm printed no job id: $out"
for i in $(seq 300); do [ -z "$(squeue -h -j "$rjob" -o %i 2>/dev/null)" ] && break; sleep 1; done
grep -q "goodfellow2014-mnist seed 1: completed" "$GWB_RUNS/reproductions/goodfellow2014-table1/slurm/${rjob}_0.out" || fail "the reproduction's task did not complete its member"
out=$(gwb reproduce goodfellow2014-table1 --budget quick) || fail "reproduce after Slurm: $out"
grep -q "finished run reused" <<<"$out" && grep -q "^record: " <<<"$out" || fail "reproduce did not reuse the Slurm run: $out"

echo "== the same members locally: identical metrics and final checkpoints"
GWB_RUNS="$work/local" gwb "${study[@]}" >"$work/local.log" || fail "the local sweep failed: $(tail "$work/local.log")"
/usr/bin/python3 tests/Slurm/compare_runs.py "$sweep" "$work/local/sweeps/slurm-test" || fail "Slurm and local runs differ"
echo "slurm-test: OK"
