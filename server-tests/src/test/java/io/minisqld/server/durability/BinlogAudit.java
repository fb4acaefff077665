package io.minisqld.server.durability;

import io.minisqld.server.binlog.BinlogReader;
import io.minisqld.server.binlog.PositionedEvent;
import io.minisqld.server.binlog.event.EventFlags;
import io.minisqld.server.binlog.event.IntvarEvent;
import io.minisqld.server.binlog.event.QueryEvent;
import io.minisqld.server.binlog.event.RotateEvent;
import io.minisqld.server.binlog.event.RowsEvent;
import io.minisqld.server.binlog.event.StopEvent;
import io.minisqld.server.binlog.event.TableMapEvent;
import io.minisqld.server.binlog.event.XidEvent;
import io.minisqld.server.storage.RealFileLayer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the binlog files of a data directory hold, read through the project's own
 * {@link BinlogReader} (CRC-verified): every committed transaction (BEGIN … XID) with the
 * workload rows its statements (STATEMENT format) or its WRITE_ROWS events (ROW format) insert, and every way the files break the rule that a binlog
 * holds only whole transactions (a BEGIN without its XID, an XID or ROTATE/STOP inside a
 * transaction, a file whose last event is not an XID, a DDL query, a STOP or a ROTATE).
 *
 * @param files        one line per file of the index: name, size, in-use flag, event count, last event
 * @param transactions the binlogged transactions in binlog order
 * @param problems     the broken rules found, empty when the binlog is whole
 */
record BinlogAudit(List<String> files, List<BinlogTxn> transactions, List<String> problems) {

    /** One BEGIN … XID group: where it starts, its XID and the workload rows its INSERTs carry. */
    record BinlogTxn(String file, long position, long xid, List<Workload.Row> rows) {
        /** The workload transaction these rows belong to (all rows of a transaction share it). */
        Workload.TxnId id() {
            return rows.isEmpty() ? null : rows.get(0).txn();
        }
    }

    /** Reads every file the index {@code <datadir>/<stem>.index} lists. */
    static BinlogAudit read(Path datadir, String stem) throws IOException {
        RealFileLayer layer = new RealFileLayer();
        List<String> listing = new ArrayList<>();
        List<BinlogTxn> txns = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Path index = datadir.resolve(stem + ".index");
        if (!Files.exists(index)) {
            problems.add("no index file " + index);
            return new BinlogAudit(listing, txns, problems);
        }
        for (String line : Files.readString(index, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) continue;
            Path path = datadir.resolve(Path.of(line.strip()).getFileName());
            String name = path.getFileName().toString();
            try (BinlogReader reader = BinlogReader.open(layer, path)) {
                List<PositionedEvent> events = reader.readAll(reader.firstEventAfterFormatDescription(), reader.size());
                boolean inUse = (reader.formatDescriptionEvent().header().flags() & EventFlags.BINLOG_IN_USE) != 0;
                PositionedEvent last = events.isEmpty() ? null : events.get(events.size() - 1);
                listing.add(name + " size=" + reader.size() + " in_use=" + inUse + " events=" + events.size()
                        + " last=" + (last == null ? "Format_desc" : describe(last)));
                scan(name, events, txns, problems);
                if (last != null && !endsWhole(last)) {
                    problems.add(name + ": last event " + describe(last) + " is not an XID, a DDL query, a STOP or a ROTATE");
                }
            } catch (IOException | RuntimeException e) {
                listing.add(name + " unreadable: " + e);
                problems.add(name + ": cannot be read to its end: " + e);
            }
        }
        return new BinlogAudit(listing, txns, problems);
    }

    /** Whether the last file of the index still has its in-use flag set (its server never closed it). */
    static boolean lastFileInUse(Path datadir, String stem) throws IOException {
        List<String> lines = Files.readAllLines(datadir.resolve(stem + ".index"), StandardCharsets.UTF_8);
        lines.removeIf(String::isBlank);
        Path last = datadir.resolve(Path.of(lines.get(lines.size() - 1).strip()).getFileName());
        try (BinlogReader reader = BinlogReader.open(new RealFileLayer(), last)) {
            return (reader.formatDescriptionEvent().header().flags() & EventFlags.BINLOG_IN_USE) != 0;
        }
    }

    private static void scan(String file, List<PositionedEvent> events, List<BinlogTxn> txns, List<String> problems) {
        PositionedEvent begin = null;
        List<Workload.Row> rows = null;
        for (PositionedEvent e : events) {
            if (e.body() instanceof QueryEvent q && q.sql().equalsIgnoreCase("BEGIN")) {
                if (begin != null) problems.add(file + ": BEGIN at " + begin.position() + " has no XID before the BEGIN at " + e.position());
                begin = e;
                rows = new ArrayList<>();
            } else if (e.body() instanceof QueryEvent q) {
                // outside BEGIN … XID a query is DDL, committed on its own
                if (begin != null) rows.addAll(Workload.rowsOf(q.sql()));
            } else if (e.body() instanceof XidEvent x) {
                if (begin == null) {
                    problems.add(file + ": XID " + x.xid() + " at " + e.position() + " without a BEGIN");
                } else {
                    txns.add(new BinlogTxn(file, begin.position(), x.xid(), List.copyOf(rows)));
                    begin = null;
                }
            } else if (e.body() instanceof RotateEvent || e.body() instanceof StopEvent) {
                if (begin != null) problems.add(file + ": " + describe(e) + " inside the transaction begun at " + begin.position());
            } else if (e.body() instanceof io.minisqld.server.binlog.event.GtidEvent
                    || e.body() instanceof io.minisqld.server.binlog.event.PreviousGtidsEvent) {
                // MySQL 5.7's GTID (or anonymous) event before each transaction, PREVIOUS_GTIDS after the FDE
                if (begin != null) problems.add(file + ": " + describe(e) + " inside the transaction begun at " + begin.position());
            } else if (e.body() instanceof RowsEvent r) {
                // ROW format: the workload's rows as the WRITE_ROWS events of its table carry them
                if (begin == null) problems.add(file + ": " + describe(e) + " outside a transaction");
                else rows.addAll(Workload.rowsOf(r));
            } else if (!(e.body() instanceof IntvarEvent) && !(e.body() instanceof TableMapEvent)) {
                problems.add(file + ": unexpected event " + describe(e));
            }
        }
        if (begin != null) problems.add(file + ": BEGIN at " + begin.position() + " without XID (the file ends inside a transaction)");
    }

    private static boolean endsWhole(PositionedEvent e) {
        // a file with no transaction yet ends with its PREVIOUS_GTIDS
        return e.body() instanceof XidEvent || e.body() instanceof StopEvent || e.body() instanceof RotateEvent
                || e.body() instanceof io.minisqld.server.binlog.event.PreviousGtidsEvent
                || e.body() instanceof QueryEvent q && !q.sql().equalsIgnoreCase("BEGIN");
    }

    private static String describe(PositionedEvent e) {
        String what;
        if (e.body() instanceof QueryEvent q) what = "Query '" + abbreviate(q.sql()) + "'";
        else if (e.body() instanceof XidEvent x) what = "Xid " + x.xid();
        else what = e.body().getClass().getSimpleName();
        return what + " at " + e.position();
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** The workload rows of every binlogged transaction, in binlog order. */
    List<Workload.Row> rows() {
        List<Workload.Row> all = new ArrayList<>();
        for (BinlogTxn t : transactions) all.addAll(t.rows());
        return all;
    }
}
