#!/usr/bin/env bash
# Runs two shell commands at once — make test's two lanes — with every output line prefixed by its lane ([A], [B]).
# Both lanes run to their end even when one fails; prints each lane's time and exit status, and exits 1 when either
# failed (naming it), 0 when both passed.
# Usage: tests/lanes.sh "COMMAND A" "COMMAND B"
set -uo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: tests/lanes.sh \"COMMAND A\" \"COMMAND B\"" >&2
  exit 2
fi
status_dir="$(mktemp -d)"
trap 'rm -rf "$status_dir"' EXIT
start=$SECONDS

lane() {
  local name=$1 command=$2 began=$SECONDS
  { bash -c "$command" 2>&1; echo $? > "$status_dir/$name"; } | sed -u "s/^/[$name] /"
  echo "[$name] lane $name: exit $(cat "$status_dir/$name") after $(( (SECONDS - began) / 60 )) min $(( (SECONDS - began) % 60 )) s"
}

lane A "$1" &
a=$!
lane B "$2" &
b=$!
wait "$a" "$b"

failed=()
for name in A B; do
  [[ "$(cat "$status_dir/$name" 2>/dev/null)" == 0 ]] || failed+=("$name")
done
elapsed=$(( SECONDS - start ))
if (( ${#failed[@]} )); then
  echo "lanes: lane ${failed[*]} failed (see the [${failed[0]}] lines above); both lanes took $(( elapsed / 60 )) min $(( elapsed % 60 )) s"
  exit 1
fi
echo "lanes: both passed in $(( elapsed / 60 )) min $(( elapsed % 60 )) s"
