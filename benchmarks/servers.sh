# Servers under test for the sysbench scripts (benchmarks/*/run.sh), sourced by them after
# `set -euo pipefail` with the working directory at the repository root ($root): build what is
# missing, pick free loopback ports, start minisqld and MariaDB servers in a temp dir, talk to
# them with the mariadb client, and stop them all (and delete the temp dir) when the script ends,
# also on Ctrl-C or an error.
#
#   servers_begin NAME            temp dir $base (/tmp/NAME.XXXXXX), the cleanup trap
#   server_jar_or_build [FILE...] $jar, after mvn -B -q -DskipTests package if the server jar,
#                                 its lib/ or one of FILEs is missing
#   new_port VAR                  a free loopback port no server of this script has, into VAR
#   build_revision REV            $rev_jar and $rev_lib: the server of git revision REV, built
#                                 (mvn -DskipTests package) in a worktree under $base
#   start_minisqld NAME PORT OPT...  java ... io.minisqld.server.Main --no-defaults --port
#                                 --bind-address=127.0.0.1 --datadir=$base/NAME/data
#                                 --log-error=$base/NAME.err OPT...; waits until it answers;
#                                 MS_JAR and MS_LIB (default $jar and server-core/target/lib)
#                                 choose another build
#   start_mariadb NAME PORT OPT...   mariadb-install-db, then mariadbd --no-defaults
#                                 --skip-name-resolve --max-connections=300 OPT...; waits likewise
#   sql PORT STATEMENTS           root on 127.0.0.1, tab-separated, no headers
#   status_of PORT NAME           one SHOW GLOBAL STATUS value
#
# $pid_of[NAME] is each server's pid. KEEP=1 keeps the temp dir. Servers are shut down in the
# reverse order of their ports (a replica, given its port after its source's, stops first).

say() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

need_commands() { # need_commands CMD...
  local cmd
  for cmd in "$@"; do command -v "$cmd" >/dev/null || die "$cmd is needed"; done
}

server_jar() {
  local j
  for j in server-core/target/server-core-*.jar; do
    case "$j" in *-sources.jar|*-javadoc.jar|*-tests.jar) continue ;; esac
    [ -f "$j" ] && { printf '%s\n' "$j"; return 0; }
  done
  return 1
}

# Builds only what is missing: a rebuild is the user's call.
server_jar_or_build() { # server_jar_or_build [FILE...]: sets $jar
  local missing=0 f
  server_jar >/dev/null && [ -d server-core/target/lib ] || missing=1
  for f in "$@"; do [ -e "$f" ] || missing=1; done
  if [ "$missing" = 1 ]; then
    say "building (mvn -B -q -DskipTests package)..."
    mvn -B -q -Dstyle.color=never -DskipTests package >&2
  fi
  jar="$root/$(server_jar)" || die "no server-core jar after the build"
}

build_revision() { # build_revision REV: sets $rev_jar and $rev_lib
  local src="$base/build-$1"
  git -C "$root" worktree add -q --detach "$src" "$1" >&2
  say "building $1 in $src (mvn -B -q -DskipTests package -pl server-core -am)..."
  (cd "$src" && mvn -B -q -Dstyle.color=never -DskipTests package -pl server-core -am >&2)
  rev_jar="$(cd "$src" && root="$src" server_jar)" || die "no server-core jar in the build of $1"
  rev_jar="$src/$rev_jar"; rev_lib="$src/server-core/target/lib"
  built_worktrees+=("$src")
}

servers_begin() { # servers_begin NAME
  base="$(mktemp -d "/tmp/$1.XXXXXX")"
  pids=()
  ports=()
  built_worktrees=()
  declare -gA pid_of=()
  trap servers_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

servers_cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local i p
  for ((i=${#ports[@]}-1; i>=0; i--)); do
    mariadb-admin -h127.0.0.1 -P"${ports[$i]}" -uroot --connect-timeout=2 shutdown >/dev/null 2>&1 || true
  done
  for p in "${pids[@]:-}"; do
    [ -n "$p" ] || continue
    for i in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    kill "$p" 2>/dev/null || true
    for i in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
    # a JVM whose jar was rebuilt under it can hang in its shutdown hook (NoClassDefFoundError)
    kill -9 "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  for p in "${built_worktrees[@]:-}"; do [ -n "$p" ] && git -C "$root" worktree remove --force "$p" 2>/dev/null; done
  if [ "${KEEP:-0}" = 1 ]; then say "kept $base"; else rm -rf "$base"; fi
  exit "$rc"
}

new_port() { # new_port VAR
  local p q taken
  while :; do
    p="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
    taken=0
    for q in "${ports[@]:-}"; do [ "$q" = "$p" ] && taken=1; done
    [ "$taken" = 0 ] && break
  done
  ports+=("$p")
  printf -v "$1" '%s' "$p"
}

sql() { # sql PORT STATEMENTS
  local port="$1"; shift
  mariadb -h127.0.0.1 -P"$port" -uroot --connect-timeout=5 -N -B -e "$*"
}
status_of() { sql "$1" "SHOW GLOBAL STATUS LIKE '$2'" | cut -f2; }

wait_up() { # wait_up PORT PID NAME LOG
  local deadline=$((SECONDS + 120))
  until sql "$1" 'SELECT 1' >/dev/null 2>&1; do
    kill -0 "$2" 2>/dev/null || { tail -n 30 "$4" >&2 || true; die "$3 exited while starting"; }
    [ "$SECONDS" -lt "$deadline" ] || die "$3 did not start within 120 s"
    sleep 0.3
  done
}

start_minisqld() { # start_minisqld NAME PORT OPTIONS...
  local name="$1" port="$2"; shift 2
  mkdir -p "$base/$name"
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -cp "${MS_JAR:-$jar}:${MS_LIB:-$root/server-core/target/lib}/*" io.minisqld.server.Main --no-defaults \
    --port="$port" --bind-address=127.0.0.1 --datadir="$base/$name/data" \
    --log-error="$base/$name.err" "$@" >"$base/$name.out" 2>&1 &
  pids+=("$!"); pid_of[$name]=$!
  wait_up "$port" "$!" "minisqld $name" "$base/$name.err"
}

start_mariadb() { # start_mariadb NAME PORT OPTIONS...
  local name="$1" port="$2"; shift 2
  mkdir -p "$base/$name"
  mariadb-install-db --no-defaults --datadir="$base/$name/data" --auth-root-authentication-method=normal \
    --skip-test-db --user="$(id -un)" >"$base/$name.install.log" 2>&1 \
    || { cat "$base/$name.install.log" >&2; die "mariadb-install-db failed"; }
  mariadbd --no-defaults --datadir="$base/$name/data" --port="$port" --bind-address=127.0.0.1 \
    --socket="$base/$name/mysqld.sock" --pid-file="$base/$name/mysqld.pid" --user="$(id -un)" \
    --skip-name-resolve --max-connections=300 --log-error="$base/$name.err" "$@" >"$base/$name.out" 2>&1 &
  pids+=("$!"); pid_of[$name]=$!
  wait_up "$port" "$!" "mariadbd $name" "$base/$name.err"
}
