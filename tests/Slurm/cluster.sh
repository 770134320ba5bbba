# A single-node Slurm on localhost, owned by the calling script (sourced by tests/Slurm/slurm_test.sh).
# slurm_install: Debian's slurm-wlm and munge unpacked into build/slurm/root (apt-get download + dpkg-deb -x:
#   no root needed, nothing installed system-wide, no service started by a package script).
# slurm_start: writes build/slurm/etc/slurm.conf (this user as SlurmUser, state/spool/logs under build/slurm),
#   starts munged, slurmctld and slurmd in the background and records their pids; slurm_stop ends exactly those.
SLURM_HOME="${SLURM_HOME:-$PWD/build/slurm}"
SLURM_ROOT="$SLURM_HOME/root"
SLURM_PACKAGES="munge libmunge2 slurmctld slurmd slurm-client slurm-wlm-basic-plugins libhwloc15 liblua5.1-0 libjwt0"
SLURM_PIDS=()

slurm_install() {
  if [ -x "$SLURM_ROOT/usr/bin/sbatch" ] && [ -x "$SLURM_ROOT/usr/sbin/munged" ]; then return 0; fi
  if ! ls /var/lib/apt/lists/*_Packages* >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then apt-get update -qq; else sudo apt-get update -qq; fi
  fi
  local debs="$SLURM_HOME/debs"
  rm -rf "$debs" "$SLURM_ROOT" && mkdir -p "$debs/partial" "$SLURM_ROOT"
  echo "slurm-test: fetching $SLURM_PACKAGES"
  (cd "$debs" && apt-get download -q -o Dir::Cache::Archives="$debs" $SLURM_PACKAGES 2>&1 | grep -v '^W: Download is performed unsandboxed' || true)
  local n=0
  for deb in "$debs"/*.deb; do dpkg-deb -x "$deb" "$SLURM_ROOT"; n=$((n + 1)); done
  [ "$n" -eq "$(wc -w <<<"$SLURM_PACKAGES")" ] || { echo "slurm-test: expected $(wc -w <<<"$SLURM_PACKAGES") packages, unpacked $n" >&2; return 1; }
}

slurm_env() {
  export LD_LIBRARY_PATH="$SLURM_ROOT/usr/lib/x86_64-linux-gnu:$SLURM_ROOT/usr/lib/x86_64-linux-gnu/slurm-wlm${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  export PATH="$SLURM_ROOT/usr/bin:$PATH"
  export SLURM_CONF="$SLURM_HOME/etc/slurm.conf"
}

slurm_write_conf() {
  local user; user="$(id -un)"
  mkdir -p "$SLURM_HOME"/{etc,state,spool,log,run,munge}
  chmod 700 "$SLURM_HOME/munge"
  cat >"$SLURM_HOME/etc/slurm.conf" <<CONF
ClusterName=gwbtest
SlurmctldHost=localhost(127.0.0.1)
SlurmUser=$user
SlurmdUser=$user
SlurmctldPort=${SLURM_CTLD_PORT:-16817}
SlurmdPort=${SLURM_D_PORT:-16818}
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SLURM_HOME/munge/munge.socket
PluginDir=$SLURM_ROOT/usr/lib/x86_64-linux-gnu/slurm-wlm
StateSaveLocation=$SLURM_HOME/state
SlurmdSpoolDir=$SLURM_HOME/spool
SlurmctldPidFile=$SLURM_HOME/run/slurmctld.pid
SlurmdPidFile=$SLURM_HOME/run/slurmd.pid
SlurmctldLogFile=$SLURM_HOME/log/slurmctld.log
SlurmdLogFile=$SLURM_HOME/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
JobRequeue=1
SchedulerParameters=sched_interval=2
KillWait=30
NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
}

slurm_start() {
  slurm_env
  slurm_write_conf
  local m="$SLURM_HOME/munge"
  [ -f "$m/munge.key" ] || { dd if=/dev/urandom of="$m/munge.key" bs=1024 count=1 status=none; chmod 400 "$m/munge.key"; }
  "$SLURM_ROOT/usr/sbin/munged" -F -f --socket="$m/munge.socket" --key-file="$m/munge.key" \
    --pid-file="$m/munged.pid" --log-file="$m/munged.log" --seed-file="$m/munged.seed" >"$SLURM_HOME/log/munged.out" 2>&1 &
  SLURM_PIDS+=($!)
  local i
  for i in $(seq 50); do [ -S "$m/munge.socket" ] && break; sleep 0.2; done
  [ -S "$m/munge.socket" ] || { echo "slurm-test: munged did not start:" >&2; cat "$SLURM_HOME/log/munged.out" "$m/munged.log" >&2; return 1; }
  "$SLURM_ROOT/usr/sbin/slurmctld-wlm" -D -c -i -f "$SLURM_CONF" >"$SLURM_HOME/log/slurmctld.out" 2>&1 &
  SLURM_PIDS+=($!)
  "$SLURM_ROOT/usr/sbin/slurmd-wlm" -D -N localhost -f "$SLURM_CONF" -d "$SLURM_ROOT/usr/sbin/slurmstepd-wlm" >"$SLURM_HOME/log/slurmd.out" 2>&1 &
  SLURM_PIDS+=($!)
  for i in $(seq 60); do
    if sinfo -h -n localhost -o %T 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then echo "slurm-test: Slurm up (pids ${SLURM_PIDS[*]})"; return 0; fi
    sleep 1
  done
  echo "slurm-test: the node did not come up; sinfo says: $(sinfo -h -o '%T %E' 2>&1)" >&2
  tail -20 "$SLURM_HOME/log/slurmctld.log" "$SLURM_HOME/log/slurmd.log" >&2 || true
  return 1
}

# Stops the daemons this script started, by pid (slurmd, slurmctld, munged), and waits for them.
slurm_stop() {
  local i
  for ((i = ${#SLURM_PIDS[@]} - 1; i >= 0; i--)); do kill "${SLURM_PIDS[i]}" 2>/dev/null || true; done
  for pid in "${SLURM_PIDS[@]}"; do
    for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  SLURM_PIDS=()
}
