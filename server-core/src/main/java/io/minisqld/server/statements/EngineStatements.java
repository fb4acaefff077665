package io.minisqld.server.statements;

import io.minisqld.server.engine.EngineQuery;
import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.statement.StatementKind;
import io.minisqld.server.sql.statement.EngineStatement;
import io.minisqld.server.sql.statement.SqlSpan;
import java.util.List;

/**
 * Runs the statements the storage engine executes: checks the tables' privileges, commits
 * implicitly before DDL, asks the before_dml observers, puts the server's values in, runs the
 * engine, and then logs and commits as autocommit says (a deadlock rolls back the whole
 * transaction, as InnoDB does; other errors only the statement).
 */
final class EngineStatements {
    /** The statements that fire triggers. */
    private static final java.util.Set<StatementKind> TRIGGERING = java.util.EnumSet.of(StatementKind.INSERT,
            StatementKind.INSERT_SELECT, StatementKind.REPLACE, StatementKind.REPLACE_SELECT, StatementKind.UPDATE,
            StatementKind.DELETE, StatementKind.UPDATE_MULTI, StatementKind.DELETE_MULTI);

    /** The session's user variables take the engine's values (null unsets one). */
    private static void adopt(Session s, java.util.Map<String, Object> values) {
        for (java.util.Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getValue() == null) s.userVariables().remove(e.getKey());
            else s.userVariables().put(e.getKey(), e.getValue());
        }
    }

    private final ServerContext server;
    private final Transactions transactions;
    private final ServerValues values;
    private final RowLogging rowLogging = new RowLogging();

    EngineStatements(ServerContext server, Transactions transactions, ServerValues values) {
        this.server = server;
        this.transactions = transactions;
        this.values = values;
    }

    /** A value error of an INSERT's first row (or its only one's): MySQL's checks before it writes it. */
    private static final java.util.Set<Integer> BEFORE_WRITING = java.util.Set.of(
            ErrorCode.ER_BAD_NULL_ERROR.number(), ErrorCode.ER_TRUNCATED_WRONG_VALUE_FOR_FIELD.number(),
            ErrorCode.ER_TRUNCATED_WRONG_VALUE.number(), ErrorCode.ER_WARN_DATA_OUT_OF_RANGE.number(),
            ErrorCode.ER_DATA_TOO_LONG.number(), ErrorCode.ER_WARN_DATA_TRUNCATED.number(),
            ErrorCode.ER_NO_DEFAULT_FOR_FIELD.number());
    private static final java.util.regex.Pattern AT_ROW = java.util.regex.Pattern.compile(" at row (\\d+)$");

    /**
     * Whether an INSERT that failed with {@code e} wrote no row before, so InnoDB would have taken
     * no AUTO_INCREMENT value (it takes them when it writes the first row): a value error of the
     * first row, or of the only one; 1364 is raised before any row.
     */
    private static boolean failedBeforeWriting(SqlError e, int rows) {
        if (!BEFORE_WRITING.contains(e.number())) return false;
        if (e.number() == ErrorCode.ER_NO_DEFAULT_FOR_FIELD.number() || rows == 1) return true;
        java.util.regex.Matcher m = AT_ROW.matcher(e.getMessage());
        return m.find() && m.group(1).equals("1");
    }

    /**
     * Keeps the session's list of its temporary tables (MySQL checks no privilege on a temporary
     * table after CREATE TEMPORARY TABLE): a CREATE TEMPORARY TABLE that succeeded adds its table,
     * a DROP [TEMPORARY] TABLE removes the tables it names, an ALTER TABLE … RENAME renames its own.
     */
    private static void noteTemporaryTables(Session s, List<io.minisqld.server.sql.Token> sig) {
        if (sig.size() < 3) return;
        if (sig.get(0).is("CREATE") && sig.get(1).is("TEMPORARY") && sig.get(2).is("TABLE")) {
            int k = 3;
            if (k + 2 < sig.size() && sig.get(k).is("IF") && sig.get(k + 1).is("NOT")) k += 3;
            String[] name = tableName(sig, k, s.database());
            if (name != null) s.temporaryTables().add(name[0] + "." + name[1]);
        } else if (sig.get(0).is("DROP") && (sig.get(1).is("TABLE") || sig.get(1).is("TEMPORARY"))
                && !s.temporaryTables().isEmpty()) {
            for (int k = sig.get(1).is("TABLE") ? 2 : 3; k < sig.size(); k++) {
                String[] name = tableName(sig, k, s.database());
                if (name != null) {
                    s.temporaryTables().remove(name[0] + "." + name[1]);
                    if (k + 2 < sig.size() && sig.get(k + 1).isSymbol(".")) k += 2;
                }
            }
        } else if (sig.get(0).is("ALTER") && sig.get(1).is("TABLE") && !s.temporaryTables().isEmpty()) {
            // ALTER TABLE t … RENAME [TO | AS] n of a temporary table: it is n from now on
            String[] name = tableName(sig, 2, s.database());
            if (name == null || !s.temporaryTables().contains(name[0] + "." + name[1])) return;
            for (int k = 3; k + 1 < sig.size(); k++) {
                if (!sig.get(k).is("RENAME") || sig.get(k + 1).is("INDEX") || sig.get(k + 1).is("KEY")
                        || sig.get(k + 1).is("COLUMN")) {
                    continue;
                }
                String[] to = tableName(sig, sig.get(k + 1).is("TO") || sig.get(k + 1).is("AS") ? k + 2 : k + 1,
                        s.database());
                if (to == null) return;
                s.temporaryTables().remove(name[0] + "." + name[1]);
                s.temporaryTables().add(to[0] + "." + to[1]);
                return;
            }
        }
    }

    /** {database, table} lowercased for [db.]name at {@code k}, or null. */
    private static String[] tableName(List<io.minisqld.server.sql.Token> sig, int k, String database) {
        if (k >= sig.size() || !sig.get(k).isIdentifier()) return null;
        if (k + 2 < sig.size() && sig.get(k + 1).isSymbol(".") && sig.get(k + 2).isIdentifier()) {
            return new String[] {sig.get(k).value().toLowerCase(java.util.Locale.ROOT),
                sig.get(k + 2).value().toLowerCase(java.util.Locale.ROOT)};
        }
        if (database == null) return null;
        return new String[] {database.toLowerCase(java.util.Locale.ROOT), sig.get(k).value().toLowerCase(java.util.Locale.ROOT)};
    }

    /**
     * A CREATE TRIGGER without a DEFINER clause is logged with the session's account as its
     * definer, as MySQL 5.7 logs it, so a replica's trigger has the source's definer.
     */
    private static String withDefiner(Session s, String logged, List<io.minisqld.server.sql.Token> sig) {
        if (sig.size() < 2 || !sig.get(0).is("CREATE") || !sig.get(1).is("TRIGGER") || s.account().internal()) {
            return logged;
        }
        int create = logged.toUpperCase(java.util.Locale.ROOT).indexOf("CREATE");
        if (create < 0) return logged;
        io.minisqld.server.grant.AccountName me = s.account().name();
        return logged.substring(0, create + 6) + " DEFINER=`" + me.user().replace("`", "``") + "`@`"
                + me.host().replace("`", "``") + "`" + logged.substring(create + 6);
    }

    /**
     * CREATE … DEFINER = u … TRIGGER | VIEW naming another account than the session's needs SUPER
     * (1227), as MySQL 5.7: the object would act with that account's privileges.
     */
    private void checkDefiner(Session s, List<io.minisqld.server.sql.Token> sig) {
        if (s.account().internal() || sig.size() < 4 || !(sig.get(0).is("CREATE") || sig.get(0).is("ALTER"))) return;
        int k = 1;
        while (k < sig.size() && k < 8 && !sig.get(k).is("DEFINER")) k++;
        if (k + 2 >= sig.size() || !sig.get(k).is("DEFINER") || !sig.get(k + 1).isSymbol("=")) return;
        io.minisqld.server.sql.Token user = sig.get(k + 2);
        if (user.is("CURRENT_USER")) return;
        String host = "%";
        if (k + 3 < sig.size() && sig.get(k + 3).type() == io.minisqld.server.sql.TokenType.USER_VAR) {
            host = sig.get(k + 3).value();
        } else if (k + 4 < sig.size() && sig.get(k + 3).isSymbol("@")) {
            host = sig.get(k + 4).value();
        }
        boolean self = user.value().equals(s.account().name().user()) && host.equalsIgnoreCase(s.account().name().host());
        if (!self && !server.accounts().hasGlobal(s.account(), Privilege.SUPER)) {
            throw ErrorCode.ER_SPECIFIC_ACCESS_DENIED_ERROR.error("SUPER");
        }
    }

    /**
     * DROP TRIGGER needs TRIGGER on the trigger's table, which the statement does not name: it is
     * looked up (through the system session, as committed) and refused with 1142 for that table,
     * as MySQL 5.7 does. A trigger that does not exist is left to the engine's error.
     */
    private void checkDropTrigger(Session s, EngineStatement st) {
        List<io.minisqld.server.sql.Token> sig = st.text().significant();
        if (s.account().internal() || sig.size() < 3 || !sig.get(0).is("DROP") || !sig.get(1).is("TRIGGER")) return;
        int k = sig.get(2).is("IF") ? 4 : 2;
        if (k >= sig.size()) return;
        String db = s.database();
        String name = sig.get(k).value();
        if (k + 2 < sig.size() && sig.get(k + 1).isSymbol(".")) {
            db = name;
            name = sig.get(k + 2).value();
        }
        if (db == null) return;
        EngineSession system = server.engine().systemSession();
        RowsResult found;
        synchronized (system) {
            try {
                found = ((EngineSession.Rows) system.executeInternal("SELECT EVENT_OBJECT_TABLE FROM"
                        + " information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = " + io.minisqld.server.engine.SqlLiteral.quote(db)
                        + " AND TRIGGER_NAME = " + io.minisqld.server.engine.SqlLiteral.quote(name))).rows();
            } finally {
                system.commit();
            }
        }
        if (found.rows().isEmpty()) return;
        String table = found.text(0, 0);
        if (!server.accounts().has(s.account(), io.minisqld.server.grant.Privilege.TRIGGER, db, table)) {
            throw AccessDenied.table(s, io.minisqld.server.grant.Privilege.TRIGGER, table);
        }
    }

    StatementResult execute(Session s, EngineStatement st, StatementText text) {
        long startedMicros = ServerValues.statementMicros(s);
        TablePrivileges.check(server.accounts(), s, st.tables(), st.text());
        if (st.kind() == io.minisqld.server.sql.statement.StatementKind.OTHER_ENGINE) checkDropTrigger(s, st);
        checkDefiner(s, st.text().significant());
        if (AuditNotes.on(server.observers().audit(), s)) {
            // audit plugins hear of each table read or written, and may refuse (3164)
            AuditNotes.tableAccess(server.observers().audit(), s, st, text.text());
        }
        if (isKeysToggle(st)) {
            // ALTER TABLE t DISABLE | ENABLE KEYS (every dump has them): InnoDB's answer, a note
            transactions.implicitCommit(s);
            io.minisqld.server.sql.statement.TableRef t = st.tables().get(0);
            s.engine().describe(t.database() != null ? t.database() : s.database(), t.table());
            transactions.logCommitted(s, s.database(), st.text().loggedText());
            s.note(ErrorCode.ER_ILLEGAL_HA, t.table());
            return OkResult.EMPTY;
        }
        TableEngineOption.check(s, st);
        // DDL of the session's temporary tables only, which a ROW-format binlog leaves out (below)
        boolean temporaryOnly = st.implicitCommit() && !s.temporaryTables().isEmpty() && changesTemporaryOnly(s, st);
        GtidConsistency.check(s, st.text().significant(), server.variables().globalString("enforce_gtid_consistency"),
                server.gtids().mode(), transactions.logging(s));
        if (st.implicitCommit()) transactions.implicitCommit(s);
        if (st.loggedInTransaction()) {
            if (transactions.logging(s) && !s.transactionIsolation().equals("REPEATABLE-READ")
                    && s.variables().string("binlog_format").equalsIgnoreCase("STATEMENT")) {
                // a statement-based binlog replays statements in commit order, which reproduces
                // the source only when each statement read what REPEATABLE READ's locks guarantee
                throw ErrorCode.ER_BINLOG_STMT_MODE_AND_ROW_ENGINE.error(" InnoDB is limited to row-logging when"
                        + " transaction isolation level is READ COMMITTED or READ UNCOMMITTED.");
            }
            transactions.beforeDml(s, text.text());
        }
        // strict mode and ERROR_FOR_DIVISION_BY_ZERO are in force whatever sql_mode says
        // (SqlModePolicy.ALWAYS_ON; a value without them is taken with warning 1235 saying so), so
        // every statement that changes data fails on a zero divisor
        EngineQuery.Builder builder = values.query(s, st.span()).values(st.values()).multiTable(st.multiTable())
                .strictDivision(st.loggedInTransaction())
                .fullGroupBy(s.variables().string("sql_mode").contains("ONLY_FULL_GROUP_BY"));
        SelectLimit.apply(st, s.variables().longValue("sql_select_limit"), builder);
        // each GROUP_CONCAT is cut to group_concat_max_len bytes, with MySQL's warning 1260 (the engine's)
        builder.groupConcatMaxLen(s.variables().longValue("group_concat_max_len"));
        AutoIncrementInsert autoIncrement = AutoIncrementInsert.of(st, s.database(),
                s.variables().string("sql_mode").contains("NO_AUTO_VALUE_ON_ZERO"),
                (db, table) -> s.engine().describe(db == null ? s.database() : db, table));
        List<Long> generated = List.of();
        if (autoIncrement != null) {
            // SET insert_id = n (what an INTVAR INSERT_ID event does on a replica) fixes the next
            // statement's first generated value, once
            long forced = s.variables().longValue("insert_id");
            if (forced != 0) s.variables().set("insert_id", 0L);
            generated = counters(s, autoIncrement.database(), autoIncrement.table()).assign(autoIncrement.database(), autoIncrement.table(),
                    autoIncrement.column(), autoIncrement.rows(), forced != 0 ? forced : null,
                    s.variables().longValue("auto_increment_increment"), s.variables().longValue("auto_increment_offset"));
            autoIncrement.write(st.text(), builder, generated);
        }
        EngineQuery query = builder.build();
        SafeUpdates.check(s, st, query);
        if (io.minisqld.server.sql.QueryAssignments.assignsInChange(st.text().significant())) {
            throw ErrorCode.ER_NOT_SUPPORTED_YET.error("assigning a user variable with := in INSERT, REPLACE, UPDATE or DELETE");
        }
        // statement-format logging: RAND()'s seeds as the statement found them, what is unsafe
        boolean logged = !st.implicitCommit() && st.loggedInTransaction() && transactions.logging(s);
        UnsafeForStatementLog unsafe = logged ? UnsafeForStatementLog.of(st.text().significant()) : null;
        boolean asRows = logged && !savepointStatement(st) && logsRows(s, unsafe);
        long[] randSeeds = !asRows && unsafe != null && unsafe.rand() ? new long[] {s.random().seed1(), s.random().seed2()} : null;
        EngineSession.EngineResult result;
        List<io.minisqld.server.engine.RowCapture.Change> changedRows = List.of();
        long reportedRows = 0;
        boolean rowsForObservers = logged && transactions.observersWantRows();
        // an UPDATE tells the rows it changed from those it matched (a row set to the values it
        // has is not changed): the affected rows of a client without CLIENT_FOUND_ROWS, and the
        // "Rows matched: n  Changed: m" every client gets; the rows captured tell them apart
        boolean countChanged = st.kind() == io.minisqld.server.sql.statement.StatementKind.UPDATE
                && (asRows || rowsForObservers || !s.clientFoundRows()) && reportsRowsOfAll(s, st);
        try (io.minisqld.server.engine.RowCapture capture = asRows || rowsForObservers || countChanged
                ? io.minisqld.server.engine.RowCapture.open() : null) {
            java.util.Set<String> assigned = io.minisqld.server.sql.statement.EngineStatement.assignedInQuery(st);
            if (!assigned.isEmpty()) {
                // the query reads and assigns these in the engine, row by row: their values go there and back
                java.util.Map<String, Object> before = new java.util.HashMap<>();
                for (String name : assigned) before.put(name, s.userVariables().get(name));
                // a derived table that only starts them, (SELECT @r := 0) z, is read before the rows
                var sig = st.text().significant();
                for (java.util.Map.Entry<Integer, Integer> init
                        : io.minisqld.server.sql.QueryAssignments.initialAssignments(sig).entrySet()) {
                    before.put(sig.get(init.getKey()).value().toLowerCase(java.util.Locale.ROOT),
                            literalValue(sig, init.getValue()));
                }
                s.engine().putUserVariables(before);
            }
            // a change's triggers read and assign the session's user variables in the engine
            boolean change = TRIGGERING.contains(st.kind());
            Object shared = change ? s.engine().shareUserVariables(s.userVariables()) : null;
            result = s.engine().execute(query);
            if (change) adopt(s, s.engine().userVariablesAssignedSince(shared));
            if (!assigned.isEmpty()) adopt(s, s.engine().userVariables(assigned));
            if (capture != null) {
                changedRows = List.copyOf(capture.changes());
                reportedRows = capture.reported();
            }
            if (countChanged && result instanceof EngineSession.Update u) {
                java.util.Set<String> written = writtenTables(s, st);
                long changed = changedRows.stream().filter(c -> !c.nested()
                        && c.kind() == io.minisqld.server.engine.RowCapture.Kind.UPDATE
                        && written.contains(RowLogging.key(c.database(), c.table()))).count();
                result = new EngineSession.MatchedUpdate(u.affectedRows(), changed);
            }
        } catch (SqlError e) {
            if (autoIncrement != null && !generated.isEmpty() && failedBeforeWriting(e, autoIncrement.rows().size())) {
                counters(s, autoIncrement.database(), autoIncrement.table()).release(autoIncrement.database(),
                        autoIncrement.table(), autoIncrement.column(), generated);
            }
            if (e.number() == ErrorCode.ER_LOCK_DEADLOCK.number()) {
                // InnoDB rolls back the whole transaction on a deadlock
                transactions.rollback(s);
            } else if (!s.inTransaction() && s.autocommit()) {
                s.engine().rollback();
            }
            throw e;
        }
        noteTemporaryTables(s, st.text().significant());
        // the insert id of MySQL's OK packet and INTVAR event: the first value generated; LAST_INSERT_ID()
        // moves only then (an explicit value shows in the OK packet only)
        long insertId = 0;
        long okInsertId = 0;
        if (autoIncrement != null) {
            insertId = generated.isEmpty() ? 0 : generated.get(0);
            okInsertId = insertId != 0 ? insertId : autoIncrement.lastExplicit();
        } else if (result instanceof EngineSession.Update u && u.firstGeneratedId() != 0) {
            // a form the server does not rewrite (INSERT … SELECT): the engine generated the values
            insertId = u.firstGeneratedId();
            okInsertId = insertId;
            engineGenerated(s, st, u.highestKey());
        }
        if (st.implicitCommit()) {
            // DDL committed in the engine as it ran (MySQL 5.7's non-atomic DDL); then it is logged
            s.engine().commit();
            newTableCounters(s, st);
            s.setInTransaction(false);
            if (!temporaryOnly || !rowFormat(s)) {
                transactions.logCommitted(s, s.database(), withDefiner(s, query.mysqlText(), st.text().significant()));
            } else if (st.verb().equals("DROP")) {
                transactions.logCommitted(s, s.database(), droppedIfExists(st));
            }
        } else if (io.minisqld.server.sql.statement.EngineStatement.temporaryTableDdl(st.text().significant())) {
            newTableCounters(s, st);
            temporaryTableDdl(s, st, query.mysqlText(), startedMicros);
        } else {
            if (rowsForObservers) s.binlogCache().addRowChanges(RowLogging.forObservers(s, changedRows));
            if (asRows) {
                List<io.minisqld.server.binlog.PendingEvent> events = rowLogging.events(s, transactions.serverIdFor(s),
                        Math.floorDiv(startedMicros, 1_000_000), query.mysqlText(), changedRows, writtenTables(s, st));
                if (reportedRows == 0 && changedCount(result) > 0 && reportsRowsOfAny(s, st)) {
                    // the engine changed rows it did not report: logging nothing would leave replicas behind
                    s.engine().rollback();
                    throw ErrorCode.ER_UNKNOWN_ERROR.error("the binary log in ROW format got no row image of this"
                            + " statement's " + changedCount(result) + " changed row(s); the statement was rolled back");
                }
                if (!events.isEmpty()) s.binlogCache().addRows(events, query.mysqlText());
            } else if (logged && !rolledBackInCache(s, st)) {
                s.binlogCache().add(BinlogEvents.statement(s, transactions.serverIdFor(s), startedMicros,
                        query.mysqlText(), insertId, randSeeds, unsafe.fractionalTime() || storesFractionalNow(s, st)));
                unsafe.noteLogged(s);
                if (savepointStatement(st) && st.text().significant().get(0).is("SAVEPOINT")) {
                    s.binlogCache().savepoint(savepointName(st));
                }
            }
            if (st.loggedInTransaction()) {
                // the transaction's rows and start, for the transaction hooks' context
                s.transactionChanged(result instanceof EngineSession.Update u ? u.affectedRows()
                        : result instanceof EngineSession.MatchedUpdate m ? m.changed() : 0, startedMicros);
            }
            if (s.autocommit() && !s.inTransaction()) {
                transactions.commit(s);
            } else if (!s.autocommit()) {
                s.setInTransaction(true);
            }
        }
        // LAST_INSERT_ID(expr): its value is LAST_INSERT_ID() and the OK packet's insert id from now
        // on (the sequence idiom UPDATE seq SET id = LAST_INSERT_ID(id + 1))
        Long assigned = setsLastInsertId(st) ? s.engine().lastInsertIdSet() : null;
        if (assigned != null) {
            s.setLastInsertId(assigned);
            insertId = 0;
            okInsertId = assigned;
        }
        if (result instanceof EngineSession.Update u) {
            if (assigned == null && autoIncrement != null && generated.size() == 1 && u.affectedRows() != 1
                    && duplicateKeyUpdate(st)) {
                // a one-row INSERT … ON DUPLICATE KEY UPDATE that updated (2) or left (0) the row it
                // met inserted none: LAST_INSERT_ID() keeps its value, and the id its insert would
                // have had names no row (the binlog's INSERT_ID still carries it, as MySQL's)
                return new OkResult(u.affectedRows(), 0, null);
            }
            if (insertId != 0) s.setLastInsertId(insertId);
            return new OkResult(u.affectedRows(), okInsertId, u.records() < 0 ? null
                    : ErrorCode.ER_INSERT_INFO.message(u.records(), u.duplicates(), s.pendingWarningCount()));
        }
        if (result instanceof EngineSession.MatchedUpdate m) {
            // MySQL's multi_update::send_eof: the rows changed, or matched for a CLIENT_FOUND_ROWS client
            return new OkResult(s.clientFoundRows() ? m.matched() : m.changed(), okInsertId,
                    ErrorCode.ER_UPDATE_INFO.message(m.matched(), m.changed(), s.pendingWarningCount()));
        }
        // DO evaluates its expressions and answers OK
        if (st.kind() == io.minisqld.server.sql.statement.StatementKind.DO) return OkResult.EMPTY;
        RowsResult rows = ((EngineSession.Rows) result).rows();
        if (rows.columns().isEmpty() && st.kind() == io.minisqld.server.sql.statement.StatementKind.SELECT) {
            // a SELECT of nothing (SELECT, SELECT /* … */): MySQL's syntax error, not a result of no
            // columns, which clients cannot read ("malformed packet")
            throw ErrorCode.ER_PARSE_ERROR.error("", 1);
        }
        if (st.kind() == io.minisqld.server.sql.statement.StatementKind.SELECT) {
            s.setFoundRows(calculatesFoundRows(st) ? foundRows(s, st) : rows.rows().size());
        }
        return rows;
    }

    /** The value of the literal at significant index {@code at} (a number, maybe after a minus; a string; NULL). */
    private static Object literalValue(List<io.minisqld.server.sql.Token> sig, int at) {
        io.minisqld.server.sql.Token t = sig.get(at);
        if (t.is("NULL")) return null;
        if (t.type() != io.minisqld.server.sql.TokenType.NUMBER) return t.value();
        boolean negative = at > 0 && sig.get(at - 1).isSymbol("-");
        String text = (negative ? "-" : "") + t.text();
        if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0) return Double.parseDouble(text);
        java.math.BigDecimal n = new java.math.BigDecimal(text);
        return n.scale() <= 0 && n.toBigInteger().bitLength() < 64 ? (Object) n.longValueExact() : n;
    }

    /** Whether the statement is an INSERT … ON DUPLICATE KEY UPDATE. */
    private static boolean duplicateKeyUpdate(EngineStatement st) {
        var sig = st.text().significant();
        for (int i = 0; i + 3 < sig.size(); i++) {
            if (sig.get(i).is("ON") && sig.get(i + 1).is("DUPLICATE") && sig.get(i + 2).is("KEY") && sig.get(i + 3).is("UPDATE")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the statement calls LAST_INSERT_ID with an argument. */
    private static boolean setsLastInsertId(EngineStatement st) {
        var sig = st.text().significant();
        for (int i = 0; i + 2 < sig.size(); i++) {
            if (sig.get(i).is("LAST_INSERT_ID") && sig.get(i + 1).isSymbol("(") && !sig.get(i + 2).isSymbol(")")) {
                return true;
            }
        }
        return false;
    }

    /**
     * SAVEPOINT, ROLLBACK TO SAVEPOINT and RELEASE SAVEPOINT change no row: SAVEPOINT and RELEASE are
     * logged as their statements in every format; ROLLBACK TO cuts the transaction's cache back to
     * its SAVEPOINT instead ({@link #rolledBackInCache}).
     */
    private static boolean savepointStatement(EngineStatement st) {
        var sig = st.text().significant();
        return !sig.isEmpty() && (sig.get(0).is("SAVEPOINT") || sig.get(0).is("ROLLBACK") || sig.get(0).is("RELEASE"));
    }

    /**
     * ROLLBACK [WORK] TO [SAVEPOINT] name: as MySQL 5.7 does when only transactional tables changed
     * (every table here), the transaction's binlog cache is cut back to the savepoint, so neither
     * the undone changes nor the ROLLBACK TO reach the binlog; true when that was done (the
     * statement is then not logged). A reader of row events that does not apply ROLLBACK TO
     * (a change-data-capture tool) would otherwise take the undone rows for changes.
     */
    private static boolean rolledBackInCache(Session s, EngineStatement st) {
        var sig = st.text().significant();
        if (!savepointStatement(st) || !sig.get(0).is("ROLLBACK")) return false;
        return s.binlogCache().rollbackTo(savepointName(st));
    }

    /** The savepoint a SAVEPOINT, ROLLBACK TO or RELEASE statement names: its last word, unquoted. */
    private static String savepointName(EngineStatement st) {
        var sig = st.text().significant();
        int last = sig.size() - 1;
        while (last > 0 && sig.get(last).isSymbol(";")) last--;
        return sig.get(last).value();
    }

    /** ROW logs every statement as rows; MIXED those unsafe to log as text, and all under READ COMMITTED. */
    private static boolean logsRows(Session s, UnsafeForStatementLog unsafe) {
        String format = s.variables().string("binlog_format").toUpperCase(java.util.Locale.ROOT);
        return switch (format) {
            case "ROW" -> true;
            case "MIXED" -> unsafe.unsafe() || !s.transactionIsolation().equals("REPEATABLE-READ");
            default -> false;
        };
    }

    /** The rows the engine says the statement changed. */
    private static long changedCount(EngineSession.EngineResult result) {
        if (result instanceof EngineSession.Update u) return u.affectedRows();
        if (result instanceof EngineSession.MatchedUpdate m) return m.changed();
        return 0;
    }

    /**
     * Whether the engine reports the rows of a table the statement writes: a statement that writes
     * only temporary tables changes rows that a ROW-format binlog leaves out, as MySQL's. A
     * statement whose written tables are unknown here is held to the check.
     */
    private static boolean reportsRowsOfAny(Session s, EngineStatement st) {
        List<String[]> written = writtenTableNames(s, st);
        return written.isEmpty() || written.stream().anyMatch(t -> s.engine().reportsRowsOf(t[0], t[1]));
    }

    /** Whether the engine reports the rows of every table the statement writes (and it names some). */
    private static boolean reportsRowsOfAll(Session s, EngineStatement st) {
        List<String[]> written = writtenTableNames(s, st);
        return !written.isEmpty() && written.stream().allMatch(t -> s.engine().reportsRowsOf(t[0], t[1]));
    }

    /** The tables the statement itself inserts into, updates or deletes from ({@link RowLogging#key}). */
    private static java.util.Set<String> writtenTables(Session s, EngineStatement st) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String[] t : writtenTableNames(s, st)) out.add(RowLogging.key(t[0], t[1]));
        return out;
    }

    /** {database, table} of each table the statement inserts into, updates or deletes from. */
    private static List<String[]> writtenTableNames(Session s, EngineStatement st) {
        List<String[]> out = new java.util.ArrayList<>();
        for (io.minisqld.server.sql.statement.TableRef t : st.tables()) {
            io.minisqld.server.grant.Privilege p = t.needed();
            if (p == io.minisqld.server.grant.Privilege.INSERT || p == io.minisqld.server.grant.Privilege.UPDATE
                    || p == io.minisqld.server.grant.Privilege.DELETE) {
                out.add(new String[] {t.database() != null ? t.database() : s.database(), t.table()});
            }
        }
        return out;
    }

    /**
     * Whether the statement writes a table with a DATETIME(n) or TIMESTAMP(n) column whose DEFAULT
     * or ON UPDATE is the current time: it stores the statement time's microseconds, which its
     * event then carries (MySQL's query_start_usec_used).
     */
    private static boolean storesFractionalNow(Session s, EngineStatement st) {
        for (io.minisqld.server.sql.statement.TableRef t : st.tables()) {
            if (t.needed() != io.minisqld.server.grant.Privilege.INSERT
                    && t.needed() != io.minisqld.server.grant.Privilege.UPDATE) continue;
            io.minisqld.server.engine.TableInfo info;
            try {
                info = s.engine().describe(t.database() != null ? t.database() : s.database(), t.table());
            } catch (SqlError gone) {
                continue;
            }
            for (io.minisqld.server.engine.TableInfo.ColumnInfo c : info.columns()) {
                String type = c.mysqlType();
                if ((type.startsWith("datetime(") || type.startsWith("timestamp("))
                        && (c.defaultValue() != null && c.defaultValue().startsWith("CURRENT_TIMESTAMP")
                        || c.extra().startsWith("on update"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** SELECT SQL_CALC_FOUND_ROWS …: FOUND_ROWS() is then the rows without the LIMIT. */
    private static boolean calculatesFoundRows(EngineStatement st) {
        List<io.minisqld.server.sql.Token> sig = st.text().significant();
        return sig.size() > 1 && sig.get(1).is("SQL_CALC_FOUND_ROWS");
    }

    /**
     * The rows a SELECT SQL_CALC_FOUND_ROWS would give without its LIMIT (and what follows it):
     * counted by the engine over the statement's own text, in the session's transaction.
     */
    private long foundRows(Session s, EngineStatement st) {
        StatementText text = st.text();
        List<io.minisqld.server.sql.Token> sig = text.significant();
        int depth = 0;
        int limit = sig.size();
        for (int k = 0; k < sig.size(); k++) {
            io.minisqld.server.sql.Token t = sig.get(k);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && (t.is("LIMIT") || t.is("FOR") || t.is("LOCK") || t.isSymbol(";"))) {
                limit = k;
                break;
            }
        }
        io.minisqld.server.sql.statement.SqlSpan whole = st.span();
        int from = text.tokenIndex(0);
        int to = text.tokenIndex(limit - 1) + 1;
        List<io.minisqld.server.sql.statement.ServerValue> inside = new java.util.ArrayList<>();
        for (io.minisqld.server.sql.statement.ServerValue v : whole.serverValues()) {
            if (v.first() >= from && v.last() < to) inside.add(v);
        }
        io.minisqld.server.sql.statement.SqlSpan unlimited = new io.minisqld.server.sql.statement.SqlSpan(text, from, to,
                inside);
        try {
            RowsResult count = query(s, server.lexer().statement("SELECT COUNT(*) FROM ("), unlimited,
                    server.lexer().statement(") AS found_rows"));
            byte[] value = count.rows().get(0)[0];
            return Long.parseLong(new String(value, java.nio.charset.StandardCharsets.US_ASCII));
        } catch (io.minisqld.server.error.SqlError e) {
            // a select list a derived table cannot hold (two columns of one name): its rows, counted here
            return query(s, server.lexer().statement(" "), unlimited, null).rows().size();
        }
    }

    /**
     * The columns a query's result will have, from the engine's plan without running it (a
     * prepared statement's metadata). A statement the engine cannot describe without its values
     * gets none here (its columns come with its rows); an unknown table or column is an error now,
     * as in MySQL.
     */
    java.util.List<io.minisqld.server.result.Column> resultColumns(Session s, EngineStatement st) {
        EngineQuery.Builder builder = values.query(s, st.span(), true).values(st.values());
        try {
            return s.engine().resultColumns(builder.build());
        } catch (SqlError e) {
            if (e.number() == ErrorCode.ER_NO_SUCH_TABLE.number() || e.number() == ErrorCode.ER_BAD_FIELD_ERROR.number()
                    || e.number() == ErrorCode.ER_NO_DB_ERROR.number()) {
                throw e;
            }
            return java.util.List.of();
        }
    }

    /** ALTER TABLE t DISABLE KEYS or ENABLE KEYS, alone. */
    private static boolean isKeysToggle(EngineStatement st) {
        List<io.minisqld.server.sql.Token> sig = st.text().significant();
        int n = sig.size();
        return n >= 5 && sig.get(0).is("ALTER") && sig.get(1).is("TABLE") && sig.get(n - 1).is("KEYS")
                && (sig.get(n - 2).is("DISABLE") || sig.get(n - 2).is("ENABLE")) && st.tables().size() == 1
                && (n == 5 || (n == 7 && sig.get(3).isSymbol(".")));
    }

    /**
     * After CREATE / DROP TEMPORARY TABLE, which leave the open transaction open (MySQL 5.7):
     * inside one, the statement is logged in its binlog cache, in its place among the
     * transaction's statements, and kept as a change its rollback cannot undo (logged then all the
     * same: {@link Transactions#rollback}); outside one, it is committed and logged on its own.
     */
    private void temporaryTableDdl(Session s, EngineStatement st, String text, long startedMicros) {
        boolean created = st.verb().equals("CREATE");
        // ROW format (MySQL 5.7): the creation is not logged, a drop as DROP … IF EXISTS, for a
        // table made before the session switched to ROW (a replica has no other)
        if (rowFormat(s)) text = created ? null : droppedIfExists(st);
        if (s.inTransaction() || !s.autocommit()) {
            s.binlogCache().addTemporaryTableDdl(transactions.logging(s) && text != null ? BinlogEvents.query(s,
                    transactions.serverIdFor(s), Math.floorDiv(startedMicros, 1_000_000), s.database(), text)
                    : null, created);
            s.setInTransaction(true);
        } else {
            s.engine().commit();
            if (text != null) transactions.logCommitted(s, s.database(), text);
        }
        if (created && text != null && transactions.logging(s)) s.setTemporaryTablesLogged();
    }

    private static boolean rowFormat(Session s) {
        return s.variables().string("binlog_format").equalsIgnoreCase("ROW");
    }

    /** Whether every table the statement changes (ALTER, TRUNCATE, CREATE / DROP INDEX, DROP) is one of the session's temporary tables. */
    private static boolean changesTemporaryOnly(Session s, EngineStatement st) {
        boolean any = false;
        for (io.minisqld.server.sql.statement.TableRef t : st.tables()) {
            if (t.needed() == io.minisqld.server.grant.Privilege.SELECT) continue;
            String db = t.database() != null ? t.database() : s.database();
            if (db == null || !s.temporaryTables().contains((db + "." + t.table()).toLowerCase(java.util.Locale.ROOT))) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** What MySQL 5.7 logs in ROW format for a drop of temporary tables: DROP TEMPORARY TABLE IF EXISTS, generated. */
    private static String droppedIfExists(EngineStatement st) {
        StringBuilder out = new StringBuilder("DROP TEMPORARY TABLE IF EXISTS ");
        String sep = "";
        for (io.minisqld.server.sql.statement.TableRef t : st.tables()) {
            out.append(sep);
            if (t.database() != null) out.append(io.minisqld.server.grant.AccountName.backquote(t.database())).append('.');
            out.append(io.minisqld.server.grant.AccountName.backquote(t.table()));
            sep = ",";
        }
        return out.append(" /* generated by server */").toString();
    }

    /**
     * A table created (perhaps where one of that name was dropped) or truncated starts its
     * AUTO_INCREMENT counter again from its rows, as MySQL's new or truncated table starts at 1.
     */
    private void newTableCounters(Session s, EngineStatement st) {
        if (st.kind() != io.minisqld.server.sql.statement.StatementKind.CREATE_TABLE
                && st.kind() != io.minisqld.server.sql.statement.StatementKind.TRUNCATE) {
            return;
        }
        Long start = st.kind() == io.minisqld.server.sql.statement.StatementKind.CREATE_TABLE
                ? io.minisqld.server.sql.statement.EngineStatement.createTableAutoIncrement(st.text().significant()) : null;
        // a CREATE TABLE … AUTO_INCREMENT = n: the engine set the new table's counter to n
        if (start != null && start > 1) return;
        for (io.minisqld.server.sql.statement.TableRef t : st.tables()) {
            // not the tables a CREATE TABLE … SELECT reads
            if (t.needed() == io.minisqld.server.grant.Privilege.SELECT) continue;
            String db = t.database() != null ? t.database() : s.database();
            if (db != null) counters(s, db, t.table()).forget(db, t.table());
        }
    }

    /**
     * The AUTO_INCREMENT counters of {@code db.table}: the session's own for one of its temporary
     * tables (which no other session sees, and whose rows only its session can count), else the
     * engine's.
     */
    private io.minisqld.server.engine.AutoIncrement counters(Session s, String db, String table) {
        return counters(server, s, db, table);
    }

    static io.minisqld.server.engine.AutoIncrement counters(ServerContext server, Session s, String db, String table) {
        if (!s.temporaryTables().isEmpty()
                && s.temporaryTables().contains(db.toLowerCase(java.util.Locale.ROOT) + "." + table.toLowerCase(java.util.Locale.ROOT))) {
            return s.engine().temporaryTableCounters();
        }
        return server.engine().autoIncrement();
    }

    /** Values the engine generated itself move the table's counter past them. */
    private void engineGenerated(Session s, EngineStatement st, long highest) {
        for (io.minisqld.server.sql.statement.TableRef t : st.tables()) {
            if (t.needed() != io.minisqld.server.grant.Privilege.INSERT) continue;
            String db = t.database() != null ? t.database() : s.database();
            if (db == null) return;
            io.minisqld.server.engine.TableInfo info = s.engine().describe(db, t.table());
            for (io.minisqld.server.engine.TableInfo.ColumnInfo c : info.columns()) {
                if ("auto_increment".equalsIgnoreCase(c.extra())) {
                    counters(s, db, info.name()).generated(db, info.name(), c.name(), highest);
                }
            }
            return;
        }
    }

    /**
     * Runs a query the server composed around part of a client's statement (the value of
     * {@code SET @x = expr}, the condition of {@code SHOW VARIABLES WHERE …}), in the session's
     * engine transaction.
     */
    RowsResult query(Session s, StatementText prefix, SqlSpan span, StatementText suffix) {
        EngineSession.EngineResult r = s.engine().execute(values.composed(s, prefix, span, suffix));
        if (!(r instanceof EngineSession.Rows rows)) throw new IllegalStateException("not a query: " + prefix);
        if (s.autocommit() && !s.inTransaction()) s.engine().commit();
        return rows.rows();
    }

    ServerValues values() {
        return values;
    }
}
