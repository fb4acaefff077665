package io.minisqld.server.durability;

import io.minisqld.server.durability.Workload.Row;
import io.minisqld.server.durability.Workload.TxnId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The durability promise after a restart, checked against the table, the binlog and what the
 * clients were told (DESIGN.md "commit order": nothing absent from the binlog is ever visible,
 * and an acknowledged commit survives a crash):
 * <ol>
 *   <li>every acknowledged transaction is in the binlog exactly once and all its rows are in the
 *       table exactly once;</li>
 *   <li>the table holds exactly the rows of the binlogged transactions (no row the binlog lacks,
 *       no binlogged row missing: recovery re-applies what the engine lost);</li>
 *   <li>the binlog holds whole transactions only ({@link BinlogAudit#problems()}).</li>
 * </ol>
 */
final class DurabilityCheck {
    private static final int SHOWN = 25;

    private DurabilityCheck() {
    }

    /** The broken promises, empty when all hold. */
    static List<String> problems(Map<Row, Integer> table, BinlogAudit binlog, Map<TxnId, Integer> acknowledged,
                                 Map<TxnId, Integer> attempted) {
        List<String> problems = new ArrayList<>(binlog.problems());

        Map<TxnId, Integer> timesBinlogged = new HashMap<>();
        Set<String> malformed = new TreeSet<>();
        for (BinlogAudit.BinlogTxn t : binlog.transactions()) {
            TxnId id = t.id();
            if (id == null) continue;
            timesBinlogged.merge(id, 1, Integer::sum);
            Integer parts = attempted.get(id);
            if (parts == null) {
                malformed.add(id + " at " + t.file() + ":" + t.position() + " was never sent by a client");
            } else if (!wholeTransaction(t.rows(), id, parts)) {
                malformed.add(id + " at " + t.file() + ":" + t.position() + " has rows " + t.rows() + ", expected parts 0.." + (parts - 1));
            }
        }
        addAll(problems, "binlogged transactions that are not what a client sent", malformed);

        Set<TxnId> twice = new TreeSet<>();
        timesBinlogged.forEach((id, n) -> {
            if (n > 1) twice.add(id);
        });
        addAll(problems, "transactions binlogged more than once", twice);

        Set<TxnId> ackedNotBinlogged = new TreeSet<>();
        Set<String> ackedNotInTable = new TreeSet<>();
        for (Map.Entry<TxnId, Integer> a : acknowledged.entrySet()) {
            TxnId id = a.getKey();
            if (!timesBinlogged.containsKey(id)) ackedNotBinlogged.add(id);
            for (int p = 0; p < a.getValue(); p++) {
                int n = table.getOrDefault(new Row(id.writer(), id.seq(), p), 0);
                if (n != 1) ackedNotInTable.add(id + " row " + p + " found " + n + " times");
            }
        }
        addAll(problems, "acknowledged transactions missing from the binlog", ackedNotBinlogged);
        addAll(problems, "acknowledged rows not in the table exactly once", ackedNotInTable);

        Map<Row, Integer> binlogRows = new HashMap<>();
        for (Row r : binlog.rows()) binlogRows.merge(r, 1, Integer::sum);
        Set<String> extra = new TreeSet<>();
        Set<String> missing = new TreeSet<>();
        Set<Row> all = new HashSet<>(table.keySet());
        all.addAll(binlogRows.keySet());
        for (Row r : all) {
            int inTable = table.getOrDefault(r, 0);
            int inBinlog = binlogRows.getOrDefault(r, 0);
            String line = r.txn() + " row " + r.part() + ": table " + inTable + ", binlog " + inBinlog;
            if (inTable > inBinlog) extra.add(line);
            if (inTable < inBinlog) missing.add(line);
        }
        addAll(problems, "rows in the table the binlog lacks", extra);
        addAll(problems, "binlogged rows missing from the table", missing);
        return problems;
    }

    private static boolean wholeTransaction(List<Row> rows, TxnId id, int parts) {
        if (rows.size() != parts) return false;
        for (int p = 0; p < parts; p++) {
            Row r = rows.get(p);
            if (!r.txn().equals(id) || r.part() != p) return false;
        }
        return true;
    }

    private static void addAll(List<String> problems, String what, Set<?> items) {
        if (items.isEmpty()) return;
        List<String> shown = new ArrayList<>();
        for (Object o : items) {
            if (shown.size() == SHOWN) break;
            shown.add(String.valueOf(o));
        }
        problems.add(items.size() + " " + what + (items.size() > SHOWN ? " (first " + SHOWN + ")" : "") + ": " + shown);
    }

    /** The error log's recovery summary lines (truncation, re-applied count), joined for a progress line. */
    static String recoveryLines(String errorLog) {
        List<String> lines = new ArrayList<>();
        for (String line : errorLog.split("\n")) {
            int at = line.indexOf("Recovery: ");
            if (at >= 0) lines.add(line.substring(at));
        }
        return lines.isEmpty() ? "no recovery" : String.join("; ", lines);
    }

    /** The failure text: how to reproduce, what broke, the binlog's files, the transactions in doubt. */
    static String report(String context, List<String> problems, BinlogAudit binlog, Map<TxnId, String> inDoubt,
                         int acknowledged) {
        StringBuilder sb = new StringBuilder(context).append('\n');
        sb.append("acknowledged transactions so far: ").append(acknowledged)
                .append(", binlogged: ").append(binlog.transactions().size()).append('\n');
        for (String p : problems) sb.append("  PROBLEM ").append(p).append('\n');
        sb.append("binlog files:\n");
        for (String f : binlog.files()) sb.append("  ").append(f).append('\n');
        Map<TxnId, String> doubt = new TreeMap<>(inDoubt);
        sb.append("in doubt at the crash (").append(doubt.size()).append("): ").append(doubt.keySet()).append('\n');
        return sb.toString();
    }
}
