#!/usr/bin/env bash
# One client's commit latency by stage: minisqld async and semisync AFTER_SYNC, with MariaDB 10.11
# measured in the same run (docs/benchmarks.md, section "One commit's latency by stage").
#
#   benchmarks/semisync/breakdown.sh
#
# - starts the two pairs of benchmarks/semisync/pairs.sh (minisqld and MariaDB, each a source and
#   a semisync replica, sync_binlog=1, ROW) and pre-warms both (PREWARM s of 16-thread load; the
#   minisqld pair with a recording running, discarded after);
# - for each round, for each system (alternating), for mode async then after_sync: sysbench
#   oltp_insert with its default options at 1 thread for DURATION s (plus --percentile=50, so
#   that its report gives the median latency of a whole transaction: BEGIN, INSERT, COMMIT);
# - minisqld: a Java Flight Recorder recording of both processes during each run
#   (jcmd JFR.start with benchmarks/semisync/breakdown.jfc: socket reads and writes, file writes
#   and fsyncs, thread parks, each at threshold 0), turned into one commit's latency by stage by
#   benchmarks/.../CommitBreakdown.java (median and p95 of every stage over all commits);
# - MariaDB: what its status counters give (Rpl_semi_sync_master_tx_avg_wait_time, the mean
#   acknowledgement wait, and Binlog_commits / Rpl_semi_sync_master_yes_tx for the run);
# - writes each run's sysbench log, breakdown and counters to $OUT and a summary to
#   $OUT/summary.md.
#
# Knobs: DURATION (10), ROUNDS (3), PREWARM (60), SYSTEMS ("minisqld mariadb"; MS_JAR and MS_LIB
# choose another minisqld build, as in benchmarks/servers.sh), TABLE_SIZE (10000), SEMI_TIMEOUT (600000),
# BINLOG_FORMAT (ROW), SB_OPTS (empty), CATCHUP_MAX (120), OUT (default
# benchmarks/semisync/results/breakdown-<UTC timestamp>), KEEP_JFR=1 keeps the recordings in
# $OUT (<pid>-<round>-<system>-<mode>.jfr), KEEP=1 keeps the temp dir.
# Needs: java 17 with jcmd, maven (only to build), mariadbd, mariadb-install-db, the mariadb
# client, sysbench, python3.
set -euo pipefail

root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

DURATION="${DURATION:-10}"
ROUNDS="${ROUNDS:-3}"
PREWARM="${PREWARM:-60}"
TABLE_SIZE="${TABLE_SIZE:-10000}"
SEMI_TIMEOUT="${SEMI_TIMEOUT:-600000}"
BINLOG_FORMAT="${BINLOG_FORMAT:-ROW}"
SB_OPTS="${SB_OPTS:-}"
CATCHUP_MAX="${CATCHUP_MAX:-120}"
SYSTEMS="${SYSTEMS:-minisqld mariadb}"
OUT="${OUT:-$root/benchmarks/semisync/results/breakdown-$(date -u +%Y%m%dT%H%M%SZ)}"
analyzer="$root/benchmarks/src/main/java/io/minisqld/benchmarks/CommitBreakdown.java"
settings="$root/benchmarks/semisync/breakdown.jfc"

. "$root/benchmarks/servers.sh"
. "$root/benchmarks/sysbench-result.sh"
need_commands java jcmd mariadbd mariadb-install-db mariadb sysbench python3
server_jar_or_build plugins/semisync_master.jar plugins/semisync_slave.jar
mkdir -p "$OUT"
servers_begin commit-breakdown
. "$root/benchmarks/semisync/pairs.sh"

read -r -a sys_list <<<"$SYSTEMS"
for s in "${sys_list[@]}"; do setup_replication "$s"; done
# the first recording makes the JVM instrument its socket and file classes and compile them again:
# one is started and discarded during the pre-warm, so that round 1 measures a compiled server
for p in "$(src_pid minisqld)" "$(rep_pid minisqld)"; do jcmd "$p" JFR.start name=warm settings="$settings" >/dev/null; done
prewarm "$PREWARM" "$OUT" "${sys_list[@]}"
for p in "$(src_pid minisqld)" "$(rep_pid minisqld)"; do jcmd "$p" JFR.stop name=warm >/dev/null; done
{
  echo "started: $(date -u '+%F %T') UTC; load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "DURATION=$DURATION ROUNDS=$ROUNDS PREWARM=$PREWARM TABLE_SIZE=$TABLE_SIZE BINLOG_FORMAT=$BINLOG_FORMAT SB_OPTS=\"$SB_OPTS\""
  echo "nproc: $(nproc)"; java -version 2>&1; mariadbd --version; sysbench --version
} >"$OUT/env.txt"

status_value() { awk -v n="$2" '$1==n {print $2}' "$1"; }
summary="$OUT/summary.md"
echo "| round | system | mode | TPS | median ms (sysbench, whole transaction) | mean ack wait µs (source's counter) |" >"$summary"
echo "|---|---|---|---:|---:|---:|" >>"$summary"

for round in $(seq 1 "$ROUNDS"); do
  order=("${sys_list[@]}")
  if [ $((round % 2)) = 0 ]; then order=(); for ((i=${#sys_list[@]}-1; i>=0; i--)); do order+=("${sys_list[$i]}"); done; fi
  for s in "${order[@]}"; do
    set_mode "$s" async
    sb "$s" 1 1 cleanup >/dev/null 2>&1 || true
    sb "$s" 4 1 prepare >"$OUT/prepare-$s-$round.log" 2>&1 || { cat "$OUT/prepare-$s-$round.log" >&2; die "$s: sysbench prepare failed"; }
    for m in async after_sync; do
      wait_caught_up "$s" >/dev/null
      set_mode "$s" "$m"
      sb "$s" 1 3 run >/dev/null 2>&1 || die "$s $m: warm-up failed"
      check_semi_on "$s" "$m"
      wait_caught_up "$s" >/dev/null
      tag="$round-$s-$m"
      if [ "$s" = minisqld ]; then
        for p in "$(src_pid "$s")" "$(rep_pid "$s")"; do
          jcmd "$p" JFR.start name=breakdown settings="$settings" filename="$base/$p-$tag.jfr" >/dev/null
        done
      fi
      sql "$(src_port "$s")" 'SHOW GLOBAL STATUS' >"$base/before"
      sb "$s" 1 "$DURATION" run --percentile=50 >"$OUT/run-$tag.log" 2>&1 || { tail -n 20 "$OUT/run-$tag.log" >&2; die "$tag: sysbench failed"; }
      sql "$(src_port "$s")" 'SHOW GLOBAL STATUS' >"$base/after"
      wait_wait=""
      if [ "$s" = minisqld ]; then
        for p in "$(src_pid "$s")" "$(rep_pid "$s")"; do jcmd "$p" JFR.stop name=breakdown >/dev/null; done
        if [ "$m" = async ]; then
          java "$analyzer" "$m" "$base/$(src_pid "$s")-$tag.jfr" >"$OUT/breakdown-$tag.md"
        else
          java "$analyzer" "$m" "$base/$(src_pid "$s")-$tag.jfr" "$base/$(rep_pid "$s")-$tag.jfr" >"$OUT/breakdown-$tag.md"
        fi
        if [ "${KEEP_JFR:-0}" = 1 ]; then mv "$base"/*-"$tag".jfr "$OUT/"; else rm -f "$base"/*-"$tag".jfr; fi
      fi
      cp "$base/after" "$OUT/status-$tag.txt"
      [ "$m" = after_sync ] && wait_wait="$(status_value "$base/after" Rpl_semi_sync_master_tx_avg_wait_time)"
      echo "| $round | $s | $m | $(sb_rate "$OUT/run-$tag.log" transactions) | $(sb_latency "$OUT/run-$tag.log" '50th percentile') | ${wait_wait:--} |" >>"$summary"
      say "round $round $s $m: TPS $(sb_rate "$OUT/run-$tag.log" transactions), median $(sb_latency "$OUT/run-$tag.log" '50th percentile') ms"
    done
  done
done
echo "finished: $(date -u '+%F %T') UTC; load: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/env.txt"
cat "$summary"
for f in "$OUT"/breakdown-*.md; do echo; echo "## $(basename "$f" .md)"; cat "$f"; done
