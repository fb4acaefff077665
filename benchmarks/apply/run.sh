#!/usr/bin/env bash
# Replica apply throughput: a minisqld replica against MariaDB 10.11 replicas, in the same run
# (docs/benchmarks.md, section "Replica apply rate"; issue 17).
#
#   benchmarks/apply/run.sh
#
# - builds what is missing (mvn -B -q -DskipTests package);
# - starts, in a temp dir, on free loopback ports, four asynchronous source+replica pairs:
#   minisqld (source --log-bin --sync-binlog=1 --binlog-format=STATEMENT; replica without a binlog,
#   one SQL thread), "minisqld-4w" (the same, the replica with four workers), MariaDB (source --log-bin --sync-binlog=1 --innodb-flush-log-at-trx-commit=1
#   --binlog-format=STATEMENT; replica with MariaDB's defaults: one SQL thread,
#   innodb_flush_log_at_trx_commit=1) and "mariadb-flush2" (the same, the replica with
#   --innodb-flush-log-at-trx-commit=2, the durability minisqld's replica has: its applied commits
#   are synced together);
# - for each round, for each system (the order rotates between rounds), for each thread count:
#   sysbench oltp_insert --auto-inc=off --db-ps-mode=disable --mysql-ignore-errors=1062 (random ids
#   collide now and then) for DURATION s on the source while the
#   replica applies, then waits until the replica holds every row (catch-up); apply rate = the
#   source's commits / (DURATION + catch-up). With MODE=backlog the replica's SQL thread is stopped
#   during the run and started after it: apply rate = the commits / the time to apply them (what
#   the replica can apply, whatever its source's speed);
# - writes every run to $OUT/runs.csv and the medians to $OUT/medians.md.
#
# Knobs (environment): DURATION (s, 30), THREADS ("16 64"), ROUNDS (3), TABLE_SIZE (10000),
# SYSTEMS ("minisqld minisqld-4w mariadb mariadb-flush2"; minisqld-4w: the replica with
# slave_parallel_workers=4, LOGICAL_CLOCK), CATCHUP_MAX (s, 300), WARMUP (s of an unrecorded
# 16-thread run per system first, 10), MODE (live or backlog, live), OUT (default
# benchmarks/apply/results/<UTC timestamp>), KEEP=1 keeps the temp dir.
# Needs: java 17, maven (only to build), mariadbd, mariadb-install-db, the mariadb client,
# sysbench, python3 (free ports).
set -euo pipefail

root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

DURATION="${DURATION:-30}"
THREADS="${THREADS:-16 64}"
ROUNDS="${ROUNDS:-3}"
TABLE_SIZE="${TABLE_SIZE:-10000}"
SYSTEMS="${SYSTEMS:-minisqld minisqld-4w mariadb mariadb-flush2}"
CATCHUP_MAX="${CATCHUP_MAX:-300}"
WARMUP="${WARMUP:-10}"
MODE="${MODE:-live}"
OUT="${OUT:-benchmarks/apply/results/$(date -u +%Y%m%dT%H%M%SZ)}"

. "$root/benchmarks/servers.sh"
. "$root/benchmarks/sysbench-result.sh"
need_commands java mariadbd mariadb-install-db mariadb mariadb-admin sysbench python3
servers_begin apply-bench
server_jar_or_build
mkdir -p "$OUT"

declare -A src_port rep_port
for s in $SYSTEMS; do
  new_port port; src_port[$s]=$port
  new_port port; rep_port[$s]=$port
done
for s in $SYSTEMS; do
  case "$s" in
    minisqld|minisqld-4w)
      workers=0; [ "$s" = minisqld-4w ] && workers=4
      start_minisqld "$s-source" "${src_port[$s]}" --server-id=1 --log-bin=mysql-bin --sync-binlog=1 \
        --binlog-format=STATEMENT --max-connections=300
      start_minisqld "$s-replica" "${rep_port[$s]}" --server-id=2 --relay-log=replica-relay-bin --max-connections=300 \
        --slave-parallel-workers="$workers" --slave-parallel-type=LOGICAL_CLOCK ;;
    mariadb|mariadb-flush2)
      flush=1; [ "$s" = mariadb-flush2 ] && flush=2
      start_mariadb "$s-source" "${src_port[$s]}" --server-id=1 --log-bin=mysql-bin --sync-binlog=1 \
        --innodb-flush-log-at-trx-commit=1 --binlog-format=STATEMENT
      start_mariadb "$s-replica" "${rep_port[$s]}" --server-id=2 --relay-log=replica-relay-bin \
        --innodb-flush-log-at-trx-commit="$flush" ;;
    *) die "unknown system $s" ;;
  esac
  sql "${src_port[$s]}" "CREATE USER 'repl'@'%' IDENTIFIED BY 'repl'; GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%'"
  file_pos="$(sql "${src_port[$s]}" "SHOW MASTER STATUS" | cut -f1,2)"
  extra=", MASTER_USE_GTID=no"; case "$s" in minisqld*) extra="" ;; esac
  sql "${rep_port[$s]}" "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${src_port[$s]}, MASTER_USER='repl',
    MASTER_PASSWORD='repl', MASTER_LOG_FILE='${file_pos%%$'\t'*}', MASTER_LOG_POS=${file_pos##*$'\t'}$extra; START SLAVE"
done

rows() { sql "$1" "SELECT COUNT(*) FROM sbtest.sbtest1" 2>/dev/null || echo -1; }

# prepare: a fresh table (dropped and recreated through replication), then wait for the replica
prepare() { # prepare SYSTEM
  local sp="${src_port[$1]}" rp="${rep_port[$1]}" deadline n
  sql "$sp" "DROP DATABASE IF EXISTS sbtest; CREATE DATABASE sbtest"
  sysbench oltp_insert --mysql-host=127.0.0.1 --mysql-port="$sp" --mysql-user=root --mysql-db=sbtest \
    --tables=1 --table-size="$TABLE_SIZE" prepare >/dev/null
  n="$(rows "$sp")"
  deadline=$((SECONDS + CATCHUP_MAX))
  until [ "$(rows "$rp")" = "$n" ]; do
    [ "$SECONDS" -lt "$deadline" ] || die "$1's replica did not get the prepared table"
    sleep 0.5
  done
}

# an unrecorded warm-up per system (the JIT of minisqld's servers)
for s in $SYSTEMS; do
  prepare "$s"
  sysbench oltp_insert --mysql-host=127.0.0.1 --mysql-port="${src_port[$s]}" --mysql-user=root --mysql-db=sbtest \
    --tables=1 --table-size="$TABLE_SIZE" --auto-inc=off --db-ps-mode=disable --mysql-ignore-errors=1062 --threads=16 --time="$WARMUP" \
    run >/dev/null 2>&1
done

echo "round,system,threads,duration_s,source_tps,source_commits,catchup_s,apply_rate" > "$OUT/runs.csv"
for round in $(seq 1 "$ROUNDS"); do
  order=($SYSTEMS)
  shift_by=$(( (round - 1) % ${#order[@]} ))
  order=("${order[@]:$shift_by}" "${order[@]:0:$shift_by}")
  for s in "${order[@]}"; do
    for t in $THREADS; do
      prepare "$s"
      sp="${src_port[$s]}"; rp="${rep_port[$s]}"
      before="$(rows "$sp")"
      [ "$MODE" = backlog ] && sql "$rp" "STOP SLAVE SQL_THREAD"
      log="$OUT/run-$round-$s-$t.log"
      sysbench oltp_insert --mysql-host=127.0.0.1 --mysql-port="$sp" --mysql-user=root --mysql-db=sbtest \
        --tables=1 --table-size="$TABLE_SIZE" --auto-inc=off --db-ps-mode=disable --mysql-ignore-errors=1062 --threads="$t" \
        --time="$DURATION" --report-interval=0 run > "$log" 2>&1
      after="$(rows "$sp")"
      if [ "$MODE" = backlog ]; then
        # the relay log holds the whole run before the SQL thread starts
        sleep 3
        sql "$rp" "START SLAVE SQL_THREAD"
      fi
      ended="$(date +%s.%N)"
      deadline=$((SECONDS + CATCHUP_MAX))
      until [ "$(rows "$rp")" = "$after" ]; do
        [ "$SECONDS" -lt "$deadline" ] || { say "$s: the replica did not catch up within ${CATCHUP_MAX}s"; break; }
        sleep 0.2
      done
      caught="$(date +%s.%N)"
      commits=$((after - before))
      if [ "$MODE" = backlog ]; then
        read -r catchup rate < <(python3 -c "c=$caught-$ended; print(round(c,2), round($commits/c))")
      else
        read -r catchup rate < <(python3 -c "c=$caught-$ended; print(round(c,2), round($commits/($DURATION+c)))")
      fi
      tps="$(sb_rate "$log" transactions)"
      say "round $round $s threads $t: source $tps tps, $commits commits, catch-up ${catchup}s, apply rate $rate/s"
      echo "$round,$s,$t,$DURATION,$tps,$commits,$catchup,$rate" >> "$OUT/runs.csv"
    done
  done
done

python3 - "$OUT" <<'EOF'
import csv, statistics, sys
out = sys.argv[1]
runs = list(csv.DictReader(open(f"{out}/runs.csv")))
keys = sorted({(r["system"], int(r["threads"])) for r in runs}, key=lambda k: (k[1], k[0]))
lines = ["| threads | system | source TPS | catch-up s | apply rate/s | rounds |", "|---|---|---|---|---|---|"]
for system, threads in keys:
    rs = [r for r in runs if r["system"] == system and int(r["threads"]) == threads]
    med = lambda f: statistics.median(float(r[f]) for r in rs)
    lines.append(f"| {threads} | {system} | {med('source_tps'):.0f} | {med('catchup_s'):.1f} | "
                 f"{med('apply_rate'):.0f} | {len(rs)} |")
open(f"{out}/medians.md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
EOF
