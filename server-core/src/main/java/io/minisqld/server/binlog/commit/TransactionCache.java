package io.minisqld.server.binlog.commit;

import io.minisqld.plugin.api.observer.RowChange;
import io.minisqld.server.binlog.PendingEvent;
import io.minisqld.server.binlog.event.QueryEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The binlog events of a session's open transaction (MySQL's binlog transaction cache): each
 * successful data-changing statement's QUERY event, preceded by its INTVAR when it generated an
 * AUTO_INCREMENT value, or (ROW format) its TABLE_MAP and row events. BEGIN and XID are added at commit. Used by its session's thread only.
 */
public final class TransactionCache {
    private final List<PendingEvent> events = new ArrayList<>();
    /** The transaction's logged statements, in order, for its observers (QUERY texts; a row-logged statement's text). */
    private final List<String> statements = new ArrayList<>();
    /** The rows the transaction changed, for its observers (kept only while one is installed). */
    private final List<RowChange> rowChanges = new ArrayList<>();
    private long firstTimestamp;
    /** Each savepoint's place in the lists above, in the order they were set; names ignore case. */
    private final java.util.LinkedHashMap<String, int[]> savepoints = new java.util.LinkedHashMap<>();
    /** The CREATE / DROP TEMPORARY TABLE events among {@link #events}: changes no rollback undoes. */
    private final List<PendingEvent> temporaryTableDdl = new ArrayList<>();
    private boolean createdTemporaryTable;
    private boolean droppedTemporaryTable;

    public boolean isEmpty() {
        return events.isEmpty();
    }

    /** Adds a statement's events, in order. */
    public void add(List<PendingEvent> statementEvents) {
        if (events.isEmpty() && !statementEvents.isEmpty()) firstTimestamp = statementEvents.get(0).header().timestamp();
        events.addAll(statementEvents);
        for (PendingEvent e : statementEvents) {
            if (e.body() instanceof QueryEvent q && !q.sql().equals("BEGIN")) statements.add(q.sql());
        }
    }

    /**
     * A CREATE ({@code created}) or DROP TEMPORARY TABLE run inside the transaction, which its
     * rollback cannot undo (MySQL 5.7); {@code query}, its QUERY event, is null when the session
     * does not log.
     */
    public void addTemporaryTableDdl(PendingEvent query, boolean created) {
        if (created) createdTemporaryTable = true;
        else droppedTemporaryTable = true;
        if (query == null) return;
        add(List.of(query));
        temporaryTableDdl.add(query);
    }

    /** The CREATE / DROP TEMPORARY TABLE events of the transaction, which its rollback still logs. */
    public List<PendingEvent> temporaryTableDdl() {
        return temporaryTableDdl;
    }

    /** Whether the transaction created a temporary table (its rollback warns: 1751). */
    public boolean createdTemporaryTable() {
        return createdTemporaryTable;
    }

    /** Whether the transaction dropped a temporary table (its rollback warns: 1752). */
    public boolean droppedTemporaryTable() {
        return droppedTemporaryTable;
    }

    /** Adds the row events of a statement logged as rows, and the statement's text for the observers. */
    public void addRows(List<PendingEvent> rowEvents, String statement) {
        add(rowEvents);
        statements.add(statement);
    }

    /** Adds the rows a statement changed, for the transaction's observers. */
    public void addRowChanges(List<RowChange> changes) {
        rowChanges.addAll(changes);
    }

    /** The rows changed so far, in order. */
    public List<RowChange> rowChanges() {
        return rowChanges;
    }

    /** The statements logged so far: each QUERY event's text, and the text of each statement logged as rows. */
    public List<String> statements() {
        return statements;
    }

    /** The statements' events, without BEGIN and XID. */
    public List<PendingEvent> events() {
        return events;
    }

    /** When the transaction's first statement started (the BEGIN event's timestamp). */
    public long firstTimestamp() {
        return firstTimestamp;
    }

    /**
     * Marks where savepoint {@code name} stands: after the events logged so far (the SAVEPOINT
     * statement's own included). A savepoint of the same name set before is replaced.
     */
    public void savepoint(String name) {
        String key = name.toLowerCase(java.util.Locale.ROOT);
        savepoints.remove(key);
        savepoints.put(key, new int[] {events.size(), statements.size(), rowChanges.size()});
    }

    /**
     * ROLLBACK TO SAVEPOINT, as MySQL 5.7 treats a transaction's binlog cache when only
     * transactional tables changed: what was logged after the savepoint is cut off (the undone rows
     * never reach the binlog, and no ROLLBACK TO either), and later savepoints are forgotten; the
     * named one stays. False when the cache does not know the savepoint (nothing is cut then).
     */
    public boolean rollbackTo(String name) {
        String key = name.toLowerCase(java.util.Locale.ROOT);
        int[] mark = savepoints.get(key);
        if (mark == null) return false;
        List<PendingEvent> cut = new ArrayList<>(events.subList(mark[0], events.size()));
        events.subList(mark[0], events.size()).clear();
        statements.subList(mark[1], statements.size()).clear();
        rowChanges.subList(Math.min(mark[2], rowChanges.size()), rowChanges.size()).clear();
        // a temporary table made or dropped after the savepoint stays so: its statement stays logged
        for (PendingEvent e : cut) {
            if (temporaryTableDdl.contains(e)) add(List.of(e));
        }
        boolean later = false;
        for (java.util.Iterator<String> it = savepoints.keySet().iterator(); it.hasNext(); ) {
            String k = it.next();
            if (later) it.remove();
            if (k.equals(key)) later = true;
        }
        return true;
    }

    public void clear() {
        events.clear();
        statements.clear();
        rowChanges.clear();
        savepoints.clear();
        temporaryTableDdl.clear();
        createdTemporaryTable = false;
        droppedTemporaryTable = false;
    }
}
