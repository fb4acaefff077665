#!/usr/bin/env bash
# Locking under load: minisqld against MariaDB 10.11 on this machine, in the same run, with
# sysbench's transactional workloads (docs/benchmarks.md, section "Locking: minisqld vs MariaDB
# 10.11 (sysbench oltp_read_write, oltp_update_index)").
#
#   benchmarks/oltp/run.sh
#
# - builds what is missing (mvn -B -q -DskipTests package);
# - starts, in a temp dir, on free loopback ports, one minisqld (--server-id=1
#   --max-connections=300, its defaults otherwise: no binlog, REPEATABLE READ,
#   innodb_lock_wait_timeout=50) and one MariaDB (mariadb-install-db + mariadbd --no-defaults
#   --skip-name-resolve --max-connections=300, its defaults otherwise);
# - warms both servers up once (INITIAL_WARMUP s of each workload at the highest thread count on
#   a prepared database of its own, unrecorded): minisqld's JIT compiles the statement paths
#   before the first measured run, not during it;
# - for each workload, for each thread count, for each round, both systems one after the other
#   (which one goes first alternates from one pair of runs to the next): a fresh database
#   (CREATE DATABASE sbtest_<pair>_<system>, sysbench prepare with --tables=1 --table-size=10000,
#   sysbench's own defaults, checked to hold ids 1..10000; dropped after the run), an unrecorded
#   warm-up of WARMUP s at the same thread count, then the measured run of DURATION s.
#   sysbench's default options otherwise: --db-ps-mode=auto unless PS_MODE is set,
#   --mysql-ignore-errors=1213,1020,1205. --verbosity=5 makes sysbench log each error it ignores
#   with its number (and each statement it could not prepare), nothing per query;
# - a statement error sysbench does not ignore ends sysbench, and the script stops with the
#   log's tail: nothing is hidden behind --mysql-ignore-errors;
# - writes every run to $OUT/runs.csv (TPS, transactions, ignored errors and errors/s, ignored
#   errors by number, reconnects, p95 and average latency, CPU seconds of the server process and
#   of sysbench, the load average before and after), its log to $OUT/logs/ (with sysbench's
#   "Failed to prepare ..., using emulation" messages counted and left out after the first),
#   the medians and the minisqld/MariaDB ratios to $OUT/medians.md (OltpReport.java), the
#   machine and the servers' settings to $OUT/env.txt;
# - stops both servers and deletes the temp dir at the end (also on Ctrl-C / errors).
#
# Knobs (environment): DURATION (s per run, 30), THREADS ("4 16"), ROUNDS (3), WORKLOADS
# ("oltp_read_write oltp_update_index"), SYSTEMS ("minisqld mariadb"), WARMUP (s before each
# run, 5), INITIAL_WARMUP (s per workload and system after start-up, 30), PS_MODE
# (empty: sysbench's default, auto; "disable" for text-protocol statements on both systems),
# PS_MODES (several modes in one run, e.g. "auto disable": each system runs in each mode, the
# modes' order alternating with the systems'; overrides PS_MODE),
# TABLES (1) and TABLE_SIZE (10000), REVS (git revisions: each adds the system at_<short hash>,
# that revision's minisqld built in a worktree and started with the same options; SYSTEMS then
# defaults to those, minisqld and mariadb), SB_OPTS (more sysbench options for every run), OUT (results dir, default
# benchmarks/oltp/results/<UTC timestamp>), KEEP=1 keeps the temp dir. BINLOG_FORMATS (e.g.
# "ROW STATEMENT"): instead of one server of each, one per format with the binary log on
# (--log-bin, sync_binlog=1, --binlog-format=F; MariaDB also innodb_flush_log_at_trx_commit=1),
# named minisqld_row, mariadb_row, …; each run also writes the binlog bytes it added per
# transaction to $OUT/binlog_bytes.csv. Needs: java 17, maven
# (only to build), mariadbd, mariadb-install-db, the mariadb client, sysbench 1.0, python3 (to
# find free ports), /usr/bin/time.
set -euo pipefail

root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

DURATION="${DURATION:-30}"
THREADS="${THREADS:-4 16}"
ROUNDS="${ROUNDS:-3}"
WORKLOADS="${WORKLOADS:-oltp_read_write oltp_update_index}"
REVS="${REVS:-}"
rev_systems=""
for r in $REVS; do rev_systems+="at_$(git -C "$root" rev-parse --short=7 "$r") "; done
SYSTEMS="${SYSTEMS:-${rev_systems}minisqld mariadb}"
read -r -a sb_opts <<<"${SB_OPTS:-}"
WARMUP="${WARMUP:-5}"
INITIAL_WARMUP="${INITIAL_WARMUP:-30}"
PS_MODE="${PS_MODE:-}"
PS_MODES="${PS_MODES:-$PS_MODE}"
TABLES="${TABLES:-1}"
TABLE_SIZE="${TABLE_SIZE:-10000}"
OUT="${OUT:-$root/benchmarks/oltp/results/$(date -u +%Y%m%dT%H%M%SZ)}"
report_src="$root/benchmarks/src/main/java/io/minisqld/benchmarks/OltpReport.java"

. "$root/benchmarks/servers.sh"
. "$root/benchmarks/sysbench-result.sh"
need_commands java mariadbd mariadb-install-db mariadb mariadb-admin sysbench python3 /usr/bin/time
server_jar_or_build
mkdir -p "$OUT/logs"
servers_begin oltp-bench

declare -A port_by=()
BINLOG_FORMATS="${BINLOG_FORMATS:-}"
if [ -z "$BINLOG_FORMATS" ]; then
  new_port ms_port
  new_port mdb_port
  say "starting minisqld :$ms_port"
  start_minisqld minisqld "$ms_port" --server-id=1 --max-connections=300
  say "starting MariaDB :$mdb_port"
  start_mariadb mariadb "$mdb_port"
  port_by=([minisqld]="$ms_port" [mariadb]="$mdb_port")
else
  fmt_systems=""
  for f in $BINLOG_FORMATS; do
    lf="$(echo "$f" | tr '[:upper:]' '[:lower:]')"
    new_port fmt_port
    say "starting minisqld_$lf :$fmt_port (--binlog-format=$f)"
    start_minisqld "minisqld_$lf" "$fmt_port" --server-id=1 --max-connections=300 --log-bin=mysql-bin --sync-binlog=1 \
      --binlog-format="$f"
    port_by[minisqld_$lf]="$fmt_port"
    new_port fmt_port
    say "starting mariadb_$lf :$fmt_port (--binlog-format=$f)"
    start_mariadb "mariadb_$lf" "$fmt_port" --server-id=1 --log-bin=mysql-bin --sync-binlog=1 --binlog-format="$f" \
      --innodb-flush-log-at-trx-commit=1
    port_by[mariadb_$lf]="$fmt_port"
    fmt_systems+="minisqld_$lf mariadb_$lf "
  done
  SYSTEMS="${SYSTEMS_SET:-$fmt_systems}"
fi
for r in $REVS; do
  name="at_$(git -C "$root" rev-parse --short=7 "$r")"
  build_revision "$r"
  new_port rev_port
  say "starting minisqld $r as $name :$rev_port"
  MS_JAR="$rev_jar" MS_LIB="$rev_lib" start_minisqld "$name" "$rev_port" --server-id=1 --max-connections=300
  port_by[$name]="$rev_port"
done
port_of() { echo "${port_by[$1]}"; }
binlog_pos() { # binlog_pos SYSTEM: the binlog's size so far (one file: max_binlog_size is 1 GiB)
  sql "$(port_of "$1")" "SHOW MASTER STATUS" | cut -f2
}

ps_opt=()
sb_wrap=()
set_ps_mode() { ps_opt=(); [ -n "$1" ] && ps_opt=(--db-ps-mode="$1"); return 0; }
set_ps_mode "$PS_MODE"
sb() { # sb SYSTEM WORKLOAD ACTION [OPTIONS...]: on database $db; under "${sb_wrap[@]}" when set
  local s="$1" w="$2" a="$3"; shift 3
  "${sb_wrap[@]}" sysbench "$w" --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$(port_of "$s")" --mysql-user=root \
    --mysql-db="$db" --tables="$TABLES" --table-size="$TABLE_SIZE" "${ps_opt[@]}" "${sb_opts[@]}" "$@" "$a"
}

# A database of its own for each run, not DROP/CREATE DATABASE sbtest: minisqld keeps a dropped
# table's AUTO_INCREMENT counter (AutoIncrement.forget has no caller), so sysbench prepare into a
# re-created sbtest.sbtest1 numbered its rows from 10001 on, the workload's ids (1..table size)
# missed every row, and two transactions deleting the same missing id both inserted it: 1062.
# check_prepared stops the script if a table does not hold exactly the ids 1..TABLE_SIZE.
check_prepared() { # check_prepared SYSTEM
  local i got want="$TABLE_SIZE 1 $TABLE_SIZE"
  # oltp_insert with --auto-inc=off prepares empty tables: sysbench then inserts ids of its own
  [ "$w" = oltp_insert ] && [[ " ${SB_OPTS:-} " == *" --auto-inc=off "* ]] && want="0 NULL NULL"
  for i in $(seq 1 "$TABLES"); do
    got="$(sql "$(port_of "$1")" "SELECT COUNT(*), MIN(id), MAX(id) FROM \`$db\`.sbtest$i" | tr '\t' ' ')"
    [ "$got" = "$want" ] || die "$1: $db.sbtest$i after prepare: COUNT, MIN(id), MAX(id) = $got, not $want"
  done
}

cpu_s() { # cpu_s PID: user + system CPU seconds of the whole process so far
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' "/proc/$1/stat"
}
load() { cut -d' ' -f1-3 /proc/loadavg; }

# sysbench logs one "Failed to prepare" line per statement and connection where the server
# refuses COM_STMT_PREPARE (1295): the first one is kept, the others are counted.
keep_log() { # keep_log RAW KEPT
  local n; n="$(sb_messages "$1" '^Failed to prepare')"
  awk '
    /^Failed to prepare/ { if (!seen) { print; seen = 1 }; skip = 1; next }
    /^\(last message repeated [0-9]+ times\)/ { if (skip) next }
    NF > 0 { skip = 0 }
    { print }' "$1" >"$2"
  [ "$n" -gt 1 ] && echo "[run.sh] $n 'Failed to prepare' messages in all, $((n - 1)) left out above" >>"$2"
  return 0
}

{
  echo "started: $(date -u '+%F %T') UTC; load: $(load)"
  echo "DURATION=$DURATION THREADS=\"$THREADS\" ROUNDS=$ROUNDS WORKLOADS=\"$WORKLOADS\" WARMUP=$WARMUP INITIAL_WARMUP=$INITIAL_WARMUP" \
    "PS_MODE=\"$PS_MODE\" PS_MODES=\"$PS_MODES\" TABLES=$TABLES TABLE_SIZE=$TABLE_SIZE REVS=\"$REVS\" SB_OPTS=\"${SB_OPTS:-}\""
  echo "nproc: $(nproc)"; free -h; java -version 2>&1; mariadbd --version; sysbench --version
  for s in $SYSTEMS; do
    echo "$s: $(sql "$(port_of "$s")" "SELECT CONCAT_WS(' ', VERSION(), @@tx_isolation,
      CONCAT('innodb_lock_wait_timeout=', @@innodb_lock_wait_timeout), CONCAT('autocommit=', @@autocommit),
      CONCAT('log_bin=', @@log_bin), CONCAT('max_connections=', @@max_connections))")"
  done
  for s in $SYSTEMS; do
    case "$s" in mariadb*) ;; *) continue ;; esac
    echo "$s: $(sql "$(port_of "$s")" "SELECT CONCAT_WS(' ', CONCAT('innodb_buffer_pool_size=', @@innodb_buffer_pool_size),
      CONCAT('innodb_flush_log_at_trx_commit=', @@innodb_flush_log_at_trx_commit),
      CONCAT('innodb_deadlock_detect=', @@innodb_deadlock_detect), CONCAT('binlog_format=', @@binlog_format),
      CONCAT('sync_binlog=', @@sync_binlog))")"
  done
  for s in $SYSTEMS; do
    case "$s" in mariadb*) continue ;; esac
    echo "$s: $(sql "$(port_of "$s")" "SELECT CONCAT_WS(' ', CONCAT('binlog_format=', @@binlog_format),
      CONCAT('sync_binlog=', @@sync_binlog))")"
  done
} >"$OUT/env.txt"

fresh_db() { # fresh_db SYSTEM NAME: $db, created and prepared
  db="$2"
  sql "$(port_of "$1")" "DROP DATABASE IF EXISTS \`$db\`; CREATE DATABASE \`$db\`"
  sb "$1" "$w" prepare >"$base/prepare.log" 2>&1 || { cat "$base/prepare.log" >&2; die "$1 $w: sysbench prepare failed"; }
  check_prepared "$1"
}
warm_up() { # warm_up SYSTEM THREADS SECONDS LOG: on $db, $w
  sb "$1" "$w" run --threads="$2" --time="$3" --report-interval=0 --verbosity=5 >"$base/warmup.log" 2>&1 \
    || { keep_log "$base/warmup.log" "$4"; tail -n 30 "$4" >&2; die "$1 $w: the warm-up failed (log: $4)"; }
}

max_threads="$(printf '%s\n' $THREADS | sort -n | tail -n1)"
if [ "$INITIAL_WARMUP" -gt 0 ]; then
  for s in $SYSTEMS; do
    for w in $WORKLOADS; do
      say "initial warm-up: $s $w, $max_threads threads, ${INITIAL_WARMUP}s"
      fresh_db "$s" "sbtest_warmup_${w}_$s"
      warm_up "$s" "$max_threads" "$INITIAL_WARMUP" "$OUT/logs/initial-warmup-$w-$s.log"
      keep_log "$base/warmup.log" "$OUT/logs/initial-warmup-$w-$s.log"
      sql "$(port_of "$s")" "DROP DATABASE \`$db\`"
    done
  done
fi

csv="$OUT/runs.csv"
[ -n "$BINLOG_FORMATS" ] && echo "system,workload,threads,round,transactions,binlog_bytes,bytes_per_transaction" >"$OUT/binlog_bytes.csv"
echo "pair,round,order,system,workload,threads,ps_mode,duration_s,tps,transactions,ignored_errors,errors_per_s,err_1213,err_1205,err_other,reconnects,p95_ms,avg_ms,server_cpu_s,sysbench_cpu_s,load_before,load_after" >"$csv"

read -r -a sys_list <<<"$SYSTEMS"
pair=0
for w in $WORKLOADS; do
  for t in $THREADS; do
    for round in $(seq 1 "$ROUNDS"); do
      pair=$((pair + 1))
      units=()
      for s in "${sys_list[@]}"; do
        for m in ${PS_MODES:-default}; do units+=("$s/$m"); done
      done
      order=("${units[@]}")
      if [ $((pair % 2)) = 0 ]; then order=(); for ((i=${#units[@]}-1; i>=0; i--)); do order+=("${units[$i]}"); done; fi
      pos=0
      for unit in "${order[@]}"; do
        s="${unit%/*}"; mode="${unit#*/}"; [ "$mode" = default ] && mode=""
        set_ps_mode "$mode"
        pos=$((pos + 1))
        pid="${pid_of[$s]}"
        tag="$w-$t-$round-$s${mode:+-$mode}"
        say "$w threads=$t round $round, $s ($pos of ${#order[@]}): fresh database, prepare, warm-up ${WARMUP}s"
        fresh_db "$s" "sbtest_${pair}_$s"
        warm_up "$s" "$t" "$WARMUP" "$OUT/logs/warmup-$tag.log"
        lb="$(load)"; c0="$(cpu_s "$pid")"
        [ -n "$BINLOG_FORMATS" ] && bin0="$(binlog_pos "$s")"
        raw="$base/run.log"
        sb_wrap=(/usr/bin/time -f '%U %S' -o "$base/time")
        sb "$s" "$w" run --threads="$t" --time="$DURATION" --report-interval=0 --verbosity=5 >"$raw" 2>&1 \
          || { keep_log "$raw" "$OUT/logs/run-$tag.log"; tail -n 30 "$OUT/logs/run-$tag.log" >&2
               die "$tag: sysbench stopped on an error it does not ignore (log: $OUT/logs/run-$tag.log)"; }
        sb_wrap=()
        c1="$(cpu_s "$pid")"; la="$(load)"
        keep_log "$raw" "$OUT/logs/run-$tag.log"
        errs="$(sb_count "$raw" 'ignored errors')"; e1213="$(sb_ignored "$raw" 1213)"; e1205="$(sb_ignored "$raw" 1205)"
        sbcpu="$(awk '{ printf "%.2f", $1 + $2 }' "$base/time")"
        echo "$pair,$round,$pos,$s,$w,$t,${mode:-auto},$DURATION,$(sb_rate "$raw" transactions),$(sb_count "$raw" transactions),$errs,$(sb_rate "$raw" 'ignored errors'),$e1213,$e1205,$((errs - e1213 - e1205)),$(sb_count "$raw" reconnects),$(sb_latency "$raw" '95th percentile'),$(sb_latency "$raw" avg),$(awk -v a="$c0" -v b="$c1" 'BEGIN { printf "%.2f", b - a }'),$sbcpu,$lb,$la" >>"$csv"
        if [ -n "$BINLOG_FORMATS" ]; then
          bin1="$(binlog_pos "$s")"
          echo "$s,$w,$t,$round,$(sb_count "$raw" transactions),$((bin1 - bin0)),$(awk -v b="$((bin1 - bin0))" -v n="$(sb_count "$raw" transactions)" 'BEGIN { printf "%.0f", b / n }')" >>"$OUT/binlog_bytes.csv"
        fi
        say "$tag: TPS $(sb_rate "$raw" transactions), ignored errors $errs ($(sb_rate "$raw" 'ignored errors')/s: 1213 x$e1213, 1205 x$e1205), p95 $(sb_latency "$raw" '95th percentile') ms, load $lb -> $la"
        sql "$(port_of "$s")" "DROP DATABASE \`$db\`"
        [ $((errs - e1213 - e1205)) = 0 ] || say "$tag: WARNING: $((errs - e1213 - e1205)) ignored errors are neither 1213 nor 1205 (see the log)"
      done
    done
  done
done
echo "finished: $(date -u '+%F %T') UTC; load: $(load)" >>"$OUT/env.txt"

say "runs: $csv"
java "$report_src" "$csv" | tee "$OUT/medians.md"
