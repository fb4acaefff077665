# The two semisync pairs of benchmarks/semisync/*.sh, sourced after benchmarks/servers.sh with
# the knobs SEMI_TIMEOUT, BINLOG_FORMAT, TABLE_SIZE, SB_OPTS, CATCHUP_MAX set: starts a minisqld
# source+replica pair (both semisync plugins loaded with plugin-load-add, sync_binlog=1) and a
# MariaDB primary+replica pair (--log-bin --sync-binlog=1 --innodb-flush-log-at-trx-commit=1
# --binlog-format=$BINLOG_FORMAT; semisync is built in) on free loopback ports, and defines:
#
#   src_port / rep_port / src_pid / rep_pid SYSTEM   (SYSTEM: minisqld or mariadb)
#   setup_replication SYSTEM    file/position replication, waits for the semisync client
#   wait_caught_up SYSTEM       waits for the replica's SQL thread (prints the seconds waited)
#   set_mode SYSTEM MODE        async | after_sync | after_commit, set and read back
#   check_semi_on SYSTEM MODE   semisync ON with one client in a semisync mode
#   sb SYSTEM THREADS SECONDS ACTION [OPTION...]   sysbench oltp_insert with its default options
#   slave_field PORT FIELD      one field of SHOW SLAVE STATUS

slave_field() { # -N would drop the field names of the vertical format
  mariadb -h127.0.0.1 -P"$1" -uroot --connect-timeout=5 -e 'SHOW SLAVE STATUS\G' | sed -n "s/^ *$2: //p"
}

# a source's port before its replica's: the replicas stop first
new_port ms_src_port; new_port ms_rep_port; new_port mdb_src_port; new_port mdb_rep_port
minisqld() { # minisqld NAME PORT OPTIONS...: both semisync plugins loaded
  start_minisqld "$@" --plugin-dir="$root/plugins" \
    --plugin-load-add='rpl_semi_sync_master=semisync_master.so;rpl_semi_sync_slave=semisync_slave.so'
}

say "starting minisqld source :$ms_src_port and replica :$ms_rep_port"
minisqld ms-source "$ms_src_port" --server-id=1 --log-bin=mysql-bin --sync-binlog=1 --binlog-format="$BINLOG_FORMAT" \
  --rpl-semi-sync-master-enabled=1 --rpl-semi-sync-master-timeout="$SEMI_TIMEOUT" --max-connections=300
minisqld ms-replica "$ms_rep_port" --server-id=2 --relay-log=replica-relay-bin \
  --rpl-semi-sync-slave-enabled=1 --max-connections=300
say "starting MariaDB primary :$mdb_src_port and replica :$mdb_rep_port"
start_mariadb mdb-source "$mdb_src_port" --server-id=1 --log-bin=mysql-bin --sync-binlog=1 \
  --innodb-flush-log-at-trx-commit=1 --binlog-format="$BINLOG_FORMAT" \
  --rpl-semi-sync-master-enabled=ON --rpl-semi-sync-master-timeout="$SEMI_TIMEOUT"
start_mariadb mdb-replica "$mdb_rep_port" --server-id=2 --relay-log=replica-relay-bin \
  --innodb-flush-log-at-trx-commit=1 --rpl-semi-sync-slave-enabled=ON

src_pid() { if [ "$1" = minisqld ]; then echo "${pid_of[ms-source]}"; else echo "${pid_of[mdb-source]}"; fi; }
rep_pid() { if [ "$1" = minisqld ]; then echo "${pid_of[ms-replica]}"; else echo "${pid_of[mdb-replica]}"; fi; }
src_port() { if [ "$1" = minisqld ]; then echo "$ms_src_port"; else echo "$mdb_src_port"; fi; }
rep_port() { if [ "$1" = minisqld ]; then echo "$ms_rep_port"; else echo "$mdb_rep_port"; fi; }

setup_replication() { # setup_replication SYSTEM
  local s="$1" sp rp gtid=""
  sp="$(src_port "$s")"; rp="$(rep_port "$s")"
  # kept out of the binlog: no replica is connected yet, a logged statement would wait for an ack
  sql "$sp" "SET SESSION sql_log_bin = 0; CREATE USER IF NOT EXISTS 'repl'@'127.0.0.1' IDENTIFIED BY 'repl';
    GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1'"
  [ "$s" = mariadb ] && gtid=", MASTER_USE_GTID=no"
  local file pos
  file="$(sql "$sp" 'SHOW MASTER STATUS' | cut -f1)"; pos="$(sql "$sp" 'SHOW MASTER STATUS' | cut -f2)"
  sql "$rp" "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$sp, MASTER_USER='repl',
    MASTER_PASSWORD='repl', MASTER_LOG_FILE='$file', MASTER_LOG_POS=$pos, MASTER_CONNECT_RETRY=1$gtid; START SLAVE"
  local deadline=$((SECONDS + 60))
  until [ "$(status_of "$sp" Rpl_semi_sync_master_clients)" = 1 ]; do
    [ "$SECONDS" -lt "$deadline" ] || { sql "$rp" 'SHOW SLAVE STATUS\G' >&2; die "$s: the replica did not register as semisync"; }
    sleep 0.3
  done
  sql "$sp" "CREATE DATABASE IF NOT EXISTS sbtest"
  say "$s: replication running, Rpl_semi_sync_master_clients = 1"
}

wait_caught_up() { # wait_caught_up SYSTEM -> prints the seconds waited
  local s="$1" sp rp file pos start=$SECONDS
  sp="$(src_port "$s")"; rp="$(rep_port "$s")"
  read -r file pos < <(sql "$sp" 'SHOW MASTER STATUS' | cut -f1,2)
  while :; do
    local rf rpos
    rf="$(slave_field "$rp" Relay_Master_Log_File)"; rpos="$(slave_field "$rp" Exec_Master_Log_Pos)"
    if [ "$rf" = "$file" ] && [ "${rpos:-0}" -ge "$pos" ]; then break; fi
    if [ $((SECONDS - start)) -ge "$CATCHUP_MAX" ]; then say "$s: replica still behind after ${CATCHUP_MAX}s ($rf:$rpos < $file:$pos), going on"; break; fi
    sleep 0.5
  done
  echo $((SECONDS - start))
}

set_mode() { # set_mode SYSTEM MODE: SET GLOBAL on the source, then read it back
  local s="$1" m="$2" sp enabled point got
  sp="$(src_port "$s")"
  case "$m" in
    async) enabled=0; point=AFTER_SYNC ;;
    after_sync) enabled=1; point=AFTER_SYNC ;;
    after_commit) enabled=1; point=AFTER_COMMIT ;;
    *) die "unknown mode $m" ;;
  esac
  sql "$sp" "SET GLOBAL rpl_semi_sync_master_wait_point = $point; SET GLOBAL rpl_semi_sync_master_enabled = $enabled;
    SET GLOBAL rpl_semi_sync_master_timeout = $SEMI_TIMEOUT"
  got="$(sql "$sp" 'SELECT @@global.rpl_semi_sync_master_enabled, @@global.rpl_semi_sync_master_wait_point, @@global.rpl_semi_sync_master_timeout' | tr '\t' ' ')"
  case "$got" in
    "$enabled $point $SEMI_TIMEOUT"|"$( [ $enabled = 1 ] && echo ON || echo OFF) $point $SEMI_TIMEOUT") ;;
    *) die "$s: mode $m not set: read back '$got'" ;;
  esac
  say "$s: mode $m (enabled, wait_point, timeout = $got)"
}

check_semi_on() { # after the warm-up: semisync must be ON with one client in a semisync mode
  local s="$1" m="$2" sp st cl
  sp="$(src_port "$s")"
  [ "$m" = async ] && return 0
  st="$(status_of "$sp" Rpl_semi_sync_master_status)"; cl="$(status_of "$sp" Rpl_semi_sync_master_clients)"
  [ "$st" = ON ] && [ "$cl" = 1 ] || die "$s $m: Rpl_semi_sync_master_status=$st clients=$cl after the warm-up"
}

# sysbench with its default options (prepared statements where the server has them, AUTO_INCREMENT
# ids); SB_OPTS adds to them (e.g. SB_OPTS="--db-ps-mode=disable").
sb() { # sb SYSTEM THREADS SECONDS ACTION [OPTION...]
  local sp; sp="$(src_port "$1")"
  # shellcheck disable=SC2086
  sysbench oltp_insert --db-driver=mysql --mysql-host=127.0.0.1 --mysql-port="$sp" --mysql-user=root \
    --mysql-db=sbtest --tables=1 --table-size="$TABLE_SIZE" --threads="$2" \
    --time="$3" --report-interval=0 $SB_OPTS "${@:5}" "$4"
}

# one unrecorded load per system before the measurements (the same for both): minisqld's JVM
# compiles its hot paths during the first minute of load, which a server that has been running
# has long done
prewarm() { # prewarm SECONDS OUTDIR SYSTEM...
  local secs="$1" out="$2" s; shift 2
  [ "$secs" -gt 0 ] || return 0
  for s in "$@"; do
    say "$s: pre-warming, ${secs}s of 16-thread load"
    set_mode "$s" async
    sb "$s" 1 1 cleanup >/dev/null 2>&1 || true
    sb "$s" 4 1 prepare >/dev/null 2>&1 || die "$s: sysbench prepare failed"
    sb "$s" 16 "$secs" run >"$out/prewarm-$s.log" 2>&1 || { tail -n 20 "$out/prewarm-$s.log" >&2; die "$s: pre-warm failed"; }
    wait_caught_up "$s" >/dev/null
  done
}

