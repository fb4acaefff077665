# Reading a sysbench 1.0 run report (the log of `sysbench ... run`), sourced by benchmarks/*/run.sh.
#
#   sb_count LOG NAME       the count of a "NAME: N (x per sec.)" line: transactions, queries,
#                           ignored errors, reconnects
#   sb_rate LOG NAME        the x of that line
#   sb_latency LOG NAME     a "Latency (ms)" line: min, avg, max, 95th percentile
#   sb_messages LOG REGEX   how many logged messages match REGEX (an awk regex on the whole
#                           line), counting the repeats sysbench folds into "(last message
#                           repeated N times)"
#   sb_ignored LOG CODE     how many errors CODE sysbench ignored: with --verbosity=5 (debug) it
#                           logs each one as "DEBUG: Ignoring error CODE message, "

sb_count() { sed -n "s/^ *$2: *\([0-9]*\) *(.*/\1/p" "$1" | head -n1; }
sb_rate() { sed -n "s/^ *$2: *[0-9]* *(\([0-9.]*\) per sec.).*/\1/p" "$1" | head -n1; }
sb_latency() { sed -n "s/^ *$2: *\([0-9.]*\).*/\1/p" "$1" | head -n1; }

sb_messages() {
  awk -v re="$2" '
    /^\(last message repeated [0-9]+ times\)/ { if (last) n += $4; next }
    $0 ~ re { last = 1; n++; next }
    NF > 0 { last = 0 }
    END { print n + 0 }' "$1"
}
sb_ignored() { sb_messages "$1" "^DEBUG: Ignoring error $2 "; }
