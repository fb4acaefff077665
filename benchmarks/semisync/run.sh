#!/usr/bin/env bash
# Semisync throughput: minisqld against MariaDB 10.11, both as a source+replica pair on this
# machine, in the same run (docs/benchmarks.md, section "Semisync: minisqld vs MariaDB 10.11").
#
#   benchmarks/semisync/run.sh
#
# - builds what is missing (mvn -B -q -DskipTests package);
# - starts, in a temp dir, on free loopback ports: a minisqld source+replica pair (both semisync
#   plugins loaded with plugin-load-add, sync_binlog=1) and a MariaDB primary+replica pair
#   (mariadb-install-db + mariadbd --no-defaults, --log-bin --sync-binlog=1
#   --innodb-flush-log-at-trx-commit=1 --binlog-format=$BINLOG_FORMAT; semisync is built in);
# - sets up replication on both (file/position, MASTER_USE_GTID=no on MariaDB);
# - for each round, for each system (the order alternates between rounds), for each mode (the
#   order rotates between rounds: async = the source's semisync disabled, after_sync,
#   after_commit, set with SET GLOBAL and read back), after a WARMUP-second unrecorded run at 4
#   threads, for each thread count: sysbench oltp_insert --db-ps-mode=disable for DURATION s;
#   the replica catches up before each measured run;
# - writes every run to $OUT/runs.csv (TPS, p95, status deltas of the source, fsync+fdatasync
#   calls of source and replica counted with perf when it can read syscall tracepoints), the medians to
#   $OUT/medians.md, and the chart to $PNG (benchmarks/.../SemisyncReport.java, java.awt headless);
# - stops both pairs and deletes the temp dir at the end (also on Ctrl-C / errors).
#
# Knobs (environment): DURATION (s per run, 10), THREADS ("1 4 16 64"), ROUNDS (3),
# TABLE_SIZE (rows prepared, 10000), WARMUP (s, 3), PREWARM (s of 16-thread load each system gets
# once before round 1: the JVM compiles its hot code in the first minute, 60), MODES ("async after_sync after_commit"),
# SYSTEMS ("minisqld mariadb"), SEMI_TIMEOUT (rpl_semi_sync_master_timeout ms, 600000),
# CATCHUP_MAX (s to wait for the replica before a run, 120), BINLOG_FORMAT (both sources, ROW),
# SB_OPTS (added to sysbench's default options, empty), OUT (results dir, default
# benchmarks/semisync/results/<UTC timestamp>), PNG (docs/semisync-benchmark.png), KEEP=1 keeps
# the temp dir. Needs: java 17, maven (only to build), mariadbd, mariadb-install-db, the mariadb
# client, sysbench, python3 (to find free ports).
set -euo pipefail

root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

DURATION="${DURATION:-10}"
THREADS="${THREADS:-1 4 16 64}"
ROUNDS="${ROUNDS:-3}"
TABLE_SIZE="${TABLE_SIZE:-10000}"
WARMUP="${WARMUP:-3}"
PREWARM="${PREWARM:-60}"
MODES="${MODES:-async after_sync after_commit}"
SYSTEMS="${SYSTEMS:-minisqld mariadb}"
SEMI_TIMEOUT="${SEMI_TIMEOUT:-600000}"
BINLOG_FORMAT="${BINLOG_FORMAT:-ROW}"
SB_OPTS="${SB_OPTS:-}"
CATCHUP_MAX="${CATCHUP_MAX:-120}"
OUT="${OUT:-$root/benchmarks/semisync/results/$(date -u +%Y%m%dT%H%M%SZ)}"
PNG="${PNG:-$root/docs/semisync-benchmark.png}"
report_src="$root/benchmarks/src/main/java/io/minisqld/benchmarks/SemisyncReport.java"

. "$root/benchmarks/servers.sh"
. "$root/benchmarks/sysbench-result.sh"
need_commands java mariadbd mariadb-install-db mariadb mariadb-admin sysbench python3
server_jar_or_build plugins/semisync_master.jar plugins/semisync_slave.jar
mkdir -p "$OUT"
servers_begin semisync-bench

. "$root/benchmarks/semisync/pairs.sh"
# fsync/fdatasync calls of each server during a measured run, counted by perf on the syscall
# tracepoints (cheap: no ptrace). Left empty where perf cannot read them.
perf_ok=0
if command -v perf >/dev/null && perf stat -x, -e syscalls:sys_enter_fsync -- true >/dev/null 2>&1; then perf_ok=1; fi
count_syncs() { # count_syncs PID UNTIL_PID OUTFILE: runs until UNTIL_PID exits
  perf stat -x, -o "$3" -e syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync -p "$1" \
    -- tail --pid="$2" -f /dev/null >/dev/null 2>&1
}
sync_total() { [ -s "$1" ] && awk -F, '/sys_enter_f(data)?sync/ { n += $1 } END { print n + 0 }' "$1"; }
snapshot() { sql "$(src_port "$1")" 'SHOW GLOBAL STATUS' | grep -E '^(Rpl_semi_sync_master_|Binlog_|Com_insert\b)' || true; }
delta() { # delta BEFORE AFTER NAME
  local a b
  a="$(awk -v n="$3" '$1==n {print $2}' "$1")"; b="$(awk -v n="$3" '$1==n {print $2}' "$2")"
  if [ -n "$a" ] && [ -n "$b" ]; then awk -v a="$a" -v b="$b" 'BEGIN { printf "%.0f", b - a }'; fi
}
value() { awk -v n="$2" '$1==n {print $2}' "$1"; }

for s in $SYSTEMS; do setup_replication "$s"; done
prewarm "$PREWARM" "$OUT" $SYSTEMS

csv="$OUT/runs.csv"
echo "round,system,mode,threads,tps,p95_ms,avg_ms,errors,yes_tx,no_tx,binlog_commits,binlog_group_commits,binlog_fsyncs,tx_waits,tx_wait_time_us,net_waits,net_wait_time_us,avg_net_wait_us,source_fsyncs,replica_fsyncs,catchup_s,load1" >"$csv"

{
  echo "started: $(date -u '+%F %T') UTC; load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "DURATION=$DURATION THREADS=\"$THREADS\" ROUNDS=$ROUNDS TABLE_SIZE=$TABLE_SIZE WARMUP=$WARMUP PREWARM=$PREWARM SEMI_TIMEOUT=$SEMI_TIMEOUT BINLOG_FORMAT=$BINLOG_FORMAT SB_OPTS=\"$SB_OPTS\""
  echo "nproc: $(nproc)"; free -h; java -version 2>&1; mariadbd --version; sysbench --version
} >"$OUT/env.txt"

read -r -a sys_list <<<"$SYSTEMS"
read -r -a mode_list <<<"$MODES"
for round in $(seq 1 "$ROUNDS"); do
  # systems alternate between rounds; modes rotate so that each mode leads once in three rounds
  order=("${sys_list[@]}")
  if [ $((round % 2)) = 0 ]; then order=(); for ((i=${#sys_list[@]}-1; i>=0; i--)); do order+=("${sys_list[$i]}"); done; fi
  modes=()
  for ((i=0; i<${#mode_list[@]}; i++)); do modes+=("${mode_list[$(( (i + round - 1) % ${#mode_list[@]} ))]}"); done
  for s in "${order[@]}"; do
    say "round $round, $s: recreating sbtest1 ($TABLE_SIZE rows), modes ${modes[*]}"
    set_mode "$s" async
    sb "$s" 1 1 cleanup >/dev/null 2>&1 || true
    sb "$s" 4 1 prepare >"$OUT/prepare-$s-$round.log" 2>&1 || { cat "$OUT/prepare-$s-$round.log" >&2; die "$s: sysbench prepare failed"; }
    for m in "${modes[@]}"; do
      wait_caught_up "$s" >/dev/null
      set_mode "$s" "$m"
      sb "$s" 4 "$WARMUP" run >"$OUT/warmup.log" 2>&1 || { tail -n 20 "$OUT/warmup.log" >&2; die "$s $m: warm-up failed"; }
      check_semi_on "$s" "$m"
      for t in $THREADS; do
        cu="$(wait_caught_up "$s")"
        snapshot "$s" >"$base/before"
        log="$OUT/run-$round-$s-$m-$t.log"
        rm -f "$base/perf-src" "$base/perf-rep"
        sb "$s" "$t" "$DURATION" run >"$log" 2>&1 &
        sbpid=$!
        perf_pids=()
        if [ "$perf_ok" = 1 ]; then
          count_syncs "$(src_pid "$s")" "$sbpid" "$base/perf-src" & perf_pids+=("$!")
          count_syncs "$(rep_pid "$s")" "$sbpid" "$base/perf-rep" & perf_pids+=("$!")
        fi
        wait "$sbpid" || { tail -n 20 "$log" >&2; die "$s $m $t: sysbench run failed"; }
        for p in "${perf_pids[@]:-}"; do [ -n "$p" ] && wait "$p" || true; done
        snapshot "$s" >"$base/after"
        tps="$(sb_rate "$log" transactions)"
        p95="$(sb_latency "$log" '95th percentile')"
        avg="$(sb_latency "$log" avg)"
        errs="$(sb_count "$log" 'ignored errors')"
        b="$base/before"; a="$base/after"
        echo "$round,$s,$m,$t,$tps,$p95,$avg,${errs:-0},$(delta "$b" "$a" Rpl_semi_sync_master_yes_tx),$(delta "$b" "$a" Rpl_semi_sync_master_no_tx),$(delta "$b" "$a" Binlog_commits),$(delta "$b" "$a" Binlog_group_commits),$(delta "$b" "$a" Binlog_fsyncs),$(delta "$b" "$a" Rpl_semi_sync_master_tx_waits),$(delta "$b" "$a" Rpl_semi_sync_master_tx_wait_time),$(delta "$b" "$a" Rpl_semi_sync_master_net_waits),$(delta "$b" "$a" Rpl_semi_sync_master_net_wait_time),$(value "$a" Rpl_semi_sync_master_net_avg_wait_time),$(sync_total "$base/perf-src"),$(sync_total "$base/perf-rep"),$cu,$(cut -d' ' -f1 /proc/loadavg)" >>"$csv"
        say "round $round $s $m threads=$t: TPS $tps p95 $p95 ms (no_tx Δ $(delta "$b" "$a" Rpl_semi_sync_master_no_tx), catch-up ${cu}s)"
      done
    done
    for p in "$(src_port "$s")" "$(rep_port "$s")"; do
      sql "$p" 'SHOW GLOBAL STATUS' >"$OUT/status-$s-$p-round$round.txt" || true
    done
  done
done
echo "finished: $(date -u '+%F %T') UTC; load: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/env.txt"

say "runs: $csv"
java -Djava.awt.headless=true "$report_src" "$csv" "$PNG" | tee "$OUT/medians.md"
say "chart: $PNG"
