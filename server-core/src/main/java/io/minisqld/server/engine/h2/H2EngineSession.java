package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.EngineQuery;
import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.engine.RowCapture;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.sql.TokenType;
import java.util.ArrayList;
import io.minisqld.server.sql.Token;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.message.DbException;

/**
 * One H2 connection, autocommit off, for one client session. Used by its session's thread only,
 * except {@link #cancel()}.
 */
final class H2EngineSession implements EngineSession {

    /** An index access with a condition in H2's plan text. */
    private static final java.util.regex.Pattern INDEX_CONDITION = java.util.regex.Pattern.compile("/\\* [^*]*: [^*]*\\*/");
    /** A whole-table scan in H2's plan text. */
    private static final java.util.regex.Pattern TABLE_SCAN = java.util.regex.Pattern.compile("\\.tableScan \\*/");

    private final H2StorageEngine engine;
    private final Connection conn;
    private final long sessionId;
    private final TableMetadata metadata;
    private final TableStatements tables;
    private final ViewTargets viewTargets;
    private String database;
    /** The statement this session runs or ran last, and how many it ran (a deadlock's report). */
    private volatile EngineQuery current;
    private volatile long statements;
    private volatile boolean executing;
    /** The H2 transaction this session's statements run in, and when the first of them started. */
    private volatile org.h2.mvstore.tx.Transaction transaction;
    private volatile java.time.LocalDateTime transactionStarted;
    private volatile String isolation = "REPEATABLE READ";
    /** The statement running now, for cancel() from another thread. */
    private volatile Statement running;
    private volatile boolean closed;
    /** KILL QUERY asked to stop the running statement (tells it from max_execution_time's timeout). */
    private volatile boolean killRequested;
    /** innodb_lock_wait_timeout, in milliseconds. */
    private long lockWaitMillis = 50_000;
    private boolean readCommitted;
    private final UncommittedMatches rowLocks;

    H2EngineSession(H2StorageEngine engine, Connection conn, long sessionId) {
        this.engine = engine;
        this.conn = conn;
        this.sessionId = sessionId;
        this.metadata = new TableMetadata(conn, engine::schemaGeneration);
        this.tables = new TableStatements(this, engine);
        this.viewTargets = new ViewTargets(this);
        this.rowLocks = new UncommittedMatches(engine, this::h2Session);
    }

    Connection connection() {
        return conn;
    }

    private String definer = "root@localhost";

    @Override
    public void setDefiner(String userAtHost) {
        this.definer = userAtHost;
    }

    /** The session's account as a new object's default definer. */
    String definer() {
        return definer;
    }

    long sessionId() {
        return sessionId;
    }

    /** The id of this session's H2 session (the owner H2 records in its transactions). */
    int h2SessionId() {
        return h2Session().getId();
    }

    /** The number of statements this session has run, the current one included. */
    long statementNumber() {
        return statements;
    }

    /** The MySQL text of the statement this session runs now, or null between statements. */
    String runningStatement() {
        return executing ? currentStatement() : null;
    }

    /** When the first statement of {@code tx} started, if it is this session's transaction; else null. */
    java.time.LocalDateTime transactionStarted(org.h2.mvstore.tx.Transaction tx) {
        return tx == transaction ? transactionStarted : null;
    }

    /** The lock records of {@code tx} that are no InnoDB weight ({@link UncommittedMatches#extraLockRecords}). */
    long extraLockRecords(org.h2.mvstore.tx.Transaction tx) {
        return rowLocks.extraLockRecords(tx);
    }

    /** This session's isolation level, as InnoDB names it. */
    String isolationName() {
        return isolation;
    }

    /** A statement starts in the session's H2 transaction: the first one of a transaction marks its start. */
    private void noteTransaction(SessionLocal h2) {
        org.h2.mvstore.tx.Transaction tx = h2.getTransaction();
        if (tx != transaction) {
            transactionStarted = java.time.LocalDateTime.now();
            transaction = tx;
        }
    }

    /** The MySQL text of the statement this session runs or ran last, or null. */
    String currentStatement() {
        EngineQuery q = current;
        return q == null ? null : q.mysqlText();
    }

    @Override
    public void useDatabase(String db) {
        if (db != null && (db.equals(H2StorageEngine.NO_DATABASE_SCHEMA) || !H2StorageEngine.schemaExists(conn, db))) {
            throw ErrorCode.ER_BAD_DB_ERROR.error(db);
        }
        String schema = db == null ? H2StorageEngine.NO_DATABASE_SCHEMA : db;
        try (Statement st = conn.createStatement()) {
            st.execute("SET SCHEMA " + H2StorageEngine.ident(schema));
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, this);
        }
        database = db;
    }

    @Override
    public String database() {
        return database;
    }

    @Override
    public void putUserVariables(Map<String, Object> values) {
        SessionLocal h2 = h2Session();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            h2.setVariable(e.getKey(), v == null ? org.h2.value.ValueNull.INSTANCE
                    : org.h2.value.ValueToObjectConverter.objectToValue(h2, v, org.h2.value.Value.UNKNOWN));
        }
    }

    @Override
    public Object shareUserVariables(Map<String, Object> values) {
        SessionLocal h2 = h2Session();
        String[] held = h2.getVariableNames();
        if (values.isEmpty() && held.length == 0) return null;
        for (String name : held) {
            if (!values.containsKey(name.toLowerCase(java.util.Locale.ROOT))) h2.setVariable(name, org.h2.value.ValueNull.INSTANCE);
        }
        putUserVariables(values);
        Map<String, org.h2.value.Value> shared = new java.util.HashMap<>();
        for (String name : h2.getVariableNames()) shared.put(name, h2.getVariable(name));
        return shared;
    }

    @Override
    public Map<String, Object> userVariablesAssignedSince(Object shared) {
        if (shared == null && h2Session().getVariableNames().length == 0) return Map.of();
        @SuppressWarnings("unchecked")
        Map<String, org.h2.value.Value> before = shared == null ? Map.of() : (Map<String, org.h2.value.Value>) shared;
        SessionLocal h2 = h2Session();
        java.util.Set<String> assigned = new java.util.HashSet<>();
        // a value H2 holds is replaced, not changed, when assigned: another object
        for (String name : h2.getVariableNames()) {
            if (before.get(name) != h2.getVariable(name)) assigned.add(name);
        }
        for (String name : before.keySet()) {
            if (h2.getVariable(name) == org.h2.value.ValueNull.INSTANCE) assigned.add(name);
        }
        Map<String, Object> out = new java.util.HashMap<>();
        for (Map.Entry<String, Object> e : userVariables(assigned).entrySet()) {
            out.put(e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue());
        }
        return out;
    }

    @Override
    public Map<String, Object> userVariables(java.util.Collection<String> names) {
        SessionLocal h2 = h2Session();
        Map<String, Object> out = new java.util.HashMap<>();
        for (String name : names) {
            org.h2.value.Value v = h2.getVariable(name);
            out.put(name, switch (v.getValueType()) {
                case org.h2.value.Value.NULL -> null;
                case org.h2.value.Value.TINYINT, org.h2.value.Value.SMALLINT, org.h2.value.Value.INTEGER,
                        org.h2.value.Value.BIGINT -> v.getLong();
                case org.h2.value.Value.BOOLEAN -> v.getBoolean() ? 1L : 0L;
                case org.h2.value.Value.NUMERIC, org.h2.value.Value.DECFLOAT -> v.getBigDecimal();
                case org.h2.value.Value.REAL, org.h2.value.Value.DOUBLE -> v.getDouble();
                default -> v.getString();
            });
        }
        return out;
    }

    @Override
    public Long lastInsertIdSet() {
        org.h2.value.Value v = h2Session().getLastIdentity();
        return v == org.h2.value.ValueNull.INSTANCE ? null : v.getLong();
    }

    @Override
    public EngineResult execute(EngineQuery query) {
        current = query;
        statements++;
        executing = true;
        List<Token> sig = significant(query);
        // CREATE / DROP TEMPORARY TABLE run inside the open transaction, whose rows stay uncommitted
        try (TemporaryTableDdl temporary = TemporaryTableDdl.is(sig) ? TemporaryTableDdl.begin(h2Session()) : null) {
            if (!sig.isEmpty() && sig.get(0).is("ALTER")) {
                // ALTER TABLE of a temporary table, which the engine cannot rebuild in place
                EngineResult altered = TemporaryTableAlter.run(this, tables, query, sig);
                if (altered != null) return altered;
            }
            return executeStatement(query, sig);
        } finally {
            executing = false;
        }
    }

    private EngineResult executeStatement(EngineQuery query, List<Token> sig) {
        // LAST_INSERT_ID(expr) records expr in H2's session: none yet for this statement
        h2Session().setLastIdentity(org.h2.value.ValueNull.INSTANCE);
        RowLogTrigger.statementStarts(query.multiTable() == null, !sig.isEmpty() && sig.get(0).is("REPLACE"),
                !sig.isEmpty() && sig.get(0).is("UPDATE") && !orderedUpdate(sig));
        try (RandomCalls.Binding random = RandomCalls.bind(query.settings().random());
             RandomCalls.Binding warnings = RuntimeWarnings.bind(query.settings().warnings(), query.strictDivision())) {
            ColumnCharsets.Change charsets = ColumnCharsets.plan(sig, database);
            // CREATE TABLE … AUTO_INCREMENT = n: the engine's identity starts at 1, set after
            Runnable counterStart = tables.createdCounterStart(sig);
            // the engine's names for the keys a statement drops or renames; DROP FOREIGN KEY leaves
            // the index made for the key; unnamed keys keep their names (KeyChanges)
            Runnable keptIndexes = KeyChanges.plan(this, metadata, sig);
            if (charsets == null) {
                EngineResult result = execute(query, sig);
                if (counterStart != null) counterStart.run();
                if (keptIndexes != null) keptIndexes.run();
                KeyChanges.nameKeys(this, metadata, sig);
                return result;
            }
            try {
                charsets.before(conn);
                EngineResult result = execute(query, sig);
                try {
                    charsets.after(conn);
                } catch (SQLException | RuntimeException e) {
                    // a CREATE TABLE … SELECT whose rows do not fit a column's set leaves no table
                    charsets.undo(conn);
                    throw e;
                }
                if (counterStart != null) counterStart.run();
                if (keptIndexes != null) keptIndexes.run();
                KeyChanges.nameKeys(this, metadata, sig);
                return result;
            } catch (SQLException e) {
                throw H2Errors.translate(e, null, this);
            }
        } finally {
            // after the change, also a failed one: a description read meanwhile is dropped
            if (!sig.isEmpty() && (sig.get(0).is("CREATE") || sig.get(0).is("ALTER"))) {
                // the rounding trigger of a table's FLOAT(M,D) and DOUBLE(M,D) columns, made on this
                // session's connection, which sees its temporary tables too
                try {
                    FixedFloatColumns.reconcile(conn);
                } catch (SQLException e) {
                    throw H2Errors.translate(e, null, this);
                }
            }
            if (!sig.isEmpty() && isDdl(sig.get(0).upper())) {
                engine.schemaChanged();
                if (sig.get(0).is("CREATE") || sig.get(0).is("ALTER") || sig.get(0).is("RENAME")) engine.tablesCreated();
            }
        }
    }

    /**
     * Runs a statement inside one already running (its setup, character set plan and counters are
     * the running one's): a DROP or ALTER TABLE with its views set aside ({@link ViewTargets}).
     */
    EngineResult executeWithin(EngineQuery query) {
        return execute(query, significant(query));
    }

    private EngineResult execute(EngineQuery query, List<Token> sig) {
        EngineResult special = viewTargets.check(sig, query);
        if (special != null) return special;
        special = tables.run(sig);
        if (special != null) return special;
        try {
            special = Triggers.run(this, conn, query, sig);
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, this);
        }
        if (special != null) return special;
        MySqlToH2.Translation tr = MySqlToH2.translate(query, name -> engine.virtualCall(name, sessionId),
                this::describe, true);
        if (database == null && TableStatements.createsUnqualifiedTable(sig)) {
            throw ErrorCode.ER_NO_DB_ERROR.error();
        }
        if (isDdl(tr.firstWord())) {
            // the FLOAT(M,D) and DOUBLE(M,D) domains the statement names, made when first needed,
            // on the engine's connection (H2 commits a CREATE DOMAIN: a temporary table's statement
            // keeps the session's transaction open)
            List<String> domains = ColumnDomains.createFixedFloats(tr.sql());
            if (!domains.isEmpty()) engine.createDomains(domains);
        }
        // CREATE TABLE … SELECT: the columns it copies keep their definitions (after the statement)
        CreateTableSelect copied = CreateTableSelect.plan(this, conn, sig, tr.sql());
        clearStaleCancel();
        killRequested = false;
        // max_execution_time applies to SELECT statements only, as in MySQL 5.7
        int timeout = isSelect(tr.firstWord()) ? (int) Math.min(Integer.MAX_VALUE,
                query.settings().maxExecutionMillis()) : 0;
        long waitedSince = 0;
        // a statement run again (below) logs the rows of its last run only
        long[] captured = RowCapture.mark();
        boolean looseGroups = false;
        while (true) {
            SessionLocal h2 = h2Session();
            Map<Object, Object> setAside = InnoDbLocking.statementStarts(h2, tr.currentRead(),
                    rowLocks::extraLockRecords);
            noteTransaction(h2);
            if (timeout > 0) h2.setQueryTimeout(timeout);
            long started = System.nanoTime();
            // where a write or a locking read starts in the transaction: a KILL QUERY that came
            // meanwhile undoes it, the locks it took with it (below)
            long undoMark = isDdl(tr.firstWord()) || isSelect(tr.firstWord()) && !tr.currentRead() ? -1
                    : h2.getTransaction().setSavepoint();
            try (ForeignKeyChecks.Held held = isSelect(tr.firstWord()) ? null
                    : engine.foreignKeyChecks().enter(query.settings().foreignKeyChecks(), lockWaitMillis)) {
                EngineResult result = run(tr, query);
                if (killRequested && undoMark >= 0) {
                    // KILL QUERY while the statement waited for a row lock, which H2 does not
                    // interrupt: it ran once the lock was free; MySQL's interrupted statement changes
                    // nothing and fails with 1317, the transaction going on
                    h2.getTransaction().rollbackToSavepoint(undoMark);
                    RowCapture.rewind(captured);
                    throw ErrorCode.ER_QUERY_INTERRUPTED.error();
                }
                rememberView(query, sig);
                if (copied != null) copied.apply();
                String[] createdBySelect = isDdl(tr.firstWord()) ? CreateTableSelect.target(this, sig) : null;
                if (createdBySelect != null) result = CreateTableSelect.inserted(this, createdBySelect);
                // SLEEP() answers an interruption with 1 and the query goes on; MySQL fails a query
                // that reads rows once its time is up, and lets a lone SLEEP() return its 1
                if (timeout > 0 && !killRequested && System.nanoTime() - started >= timeout * 1_000_000L
                        && readsTables(sig)) {
                    throw ErrorCode.ER_QUERY_TIMEOUT.error();
                }
                return result;
            } catch (SQLException e) {
                if (!tr.parameters().isEmpty() && e.getErrorCode() == org.h2.api.ErrorCode.UNKNOWN_DATA_TYPE_1) {
                    // H2 cannot type a parameter where it stands (SELECT ?): the values as literals
                    tr = MySqlToH2.translate(query, name -> engine.virtualCall(name, sessionId), this::describe, false,
                            looseGroups);
                    continue;
                }
                if (!looseGroups && e.getErrorCode() == org.h2.api.ErrorCode.MUST_GROUP_BY_COLUMN_1
                        && query.fullGroupBy()) {
                    // sql_mode ONLY_FULL_GROUP_BY: MySQL's refusal (FullGroupBy)
                    throw FullGroupBy.error(H2Errors.cleanMessage(e), query.tokens(), database, this::describe);
                }
                if (!looseGroups && e.getErrorCode() == org.h2.api.ErrorCode.MUST_GROUP_BY_COLUMN_1) {
                    // a grouped query's column neither grouped nor aggregated, whose rows in a group
                    // differ: MySQL (no ONLY_FULL_GROUP_BY) gives one of the values; the engine refuses
                    // until the column is MIN(column) (LooseGroupColumns). Nothing was changed yet:
                    // grouping reads all rows first
                    looseGroups = true;
                    tr = MySqlToH2.translate(query, name -> engine.virtualCall(name, sessionId), this::describe,
                            !tr.parameters().isEmpty(), true);
                    RowCapture.rewind(captured);
                    continue;
                }
                if (timeout > 0 && !killRequested && e.getErrorCode() == org.h2.api.ErrorCode.STATEMENT_WAS_CANCELED) {
                    throw ErrorCode.ER_QUERY_TIMEOUT.error();
                }
                if (e.getErrorCode() == org.h2.api.ErrorCode.CONCURRENT_UPDATE_1) {
                    // H2 refuses, where InnoDB waits, a unique key another open transaction holds:
                    // wait for it as InnoDB does, up to innodb_lock_wait_timeout, then run again
                    if (waitedSince == 0) waitedSince = System.nanoTime();
                    if (waitForOtherTransaction(waitedSince)) {
                        RowCapture.rewind(captured);
                        continue;
                    }
                    throw ErrorCode.ER_LOCK_WAIT_TIMEOUT.error();
                }
                SqlError error = H2Errors.translate(e, tr, this);
                if (error.number() == ErrorCode.ER_LOCK_DEADLOCK.number()) {
                    // SHOW ENGINE INNODB STATUS's latest deadlock, while the cycle's transactions are open
                    engine.deadlockFound(this, h2, e);
                    // InnoDB rolls back the whole transaction of a deadlock victim, not just the statement
                    rollbackAfterDeadlock(error);
                }
                throw error;
            } finally {
                running = null;
                if (timeout > 0) h2.setQueryTimeout(0);
                InnoDbLocking.statementEnded(h2, setAside);
            }
        }
    }

    /** After CREATE or ALTER VIEW: the view's MySQL text, for SHOW CREATE VIEW ({@link ViewDefinitions}). */
    private void rememberView(EngineQuery query, List<Token> sig) throws SQLException {
        if (sig.isEmpty() || !(sig.get(0).is("CREATE") || sig.get(0).is("ALTER"))) return;
        List<Token> all = query.tokens();
        List<Integer> indexes = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).type() != io.minisqld.server.sql.TokenType.SPACE) indexes.add(i);
        }
        while (!indexes.isEmpty() && all.get(indexes.get(indexes.size() - 1)).isSymbol(";")) indexes.remove(indexes.size() - 1);
        int view = ViewDefinitions.viewKeyword(all, indexes);
        if (view > 0) ViewDefinitions.remember(conn, database, all, indexes, view);
    }

    /** A FROM at the statement's own level: it reads rows of a table (or a derived table). */
    private static boolean readsTables(List<Token> sig) {
        int depth = 0;
        for (Token t : sig) {
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && t.is("FROM")) return true;
        }
        return false;
    }

    private static boolean isSelect(String firstWord) {
        return "SELECT".equals(firstWord) || "(".equals(firstWord);
    }

    @Override
    public List<io.minisqld.server.result.Column> resultColumns(EngineQuery query) {
        MySqlToH2.Translation tr = MySqlToH2.translate(query, name -> engine.virtualCall(name, sessionId),
                this::describe);
        try (PreparedStatement ps = conn.prepareStatement(tr.sql())) {
            java.sql.ResultSetMetaData md = ps.getMetaData();
            if (md == null) return List.of();
            List<io.minisqld.server.result.Column> columns = H2Results.describe(md, metadata, query.resultsCharset(),
                    tr.resultTypes())
                    .columns();
            return columns.subList(0, columns.size() - tr.hiddenColumns());
        } catch (SQLException e) {
            throw H2Errors.translate(e, tr, this);
        }
    }

    @Override
    public boolean findsRowsByKey(EngineQuery query) {
        MySqlToH2.Translation tr = MySqlToH2.translate(query, name -> engine.virtualCall(name, sessionId),
                this::describe);
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("EXPLAIN " + tr.sql())) {
            // H2's plan names how it reads the table: /* db.INDEX: condition */ for a key lookup
            // or range, /* db.INDEX */ for a whole index scan, /* db.table.tableScan */
            if (!rs.next()) return false;
            // a multi-table statement: MySQL's error_if_full_join refuses it when any table of the
            // join is read whole
            if (tr.multiTable() != null) return !TABLE_SCAN.matcher(rs.getString(1)).find();
            return INDEX_CONDITION.matcher(rs.getString(1)).find();
        } catch (SQLException e) {
            throw H2Errors.translate(e, tr, this);
        }
    }

    /**
     * An INSERT IGNORE … SELECT ({@link IgnoredDuplicates.IgnoredSelect}): without IGNORE, and row
     * by row when a duplicate key refuses that; its OK says the rows selected and skipped.
     */
    private Update insertIgnoreSelect(IgnoredDuplicates.IgnoredSelect plan, MySqlToH2.Translation tr, EngineQuery query)
            throws SQLException {
        long undo = h2Session().getTransaction().setSavepoint();
        long[] captured = RowCapture.mark();
        try (PreparedStatement ps = conn.prepareStatement(plan.withoutIgnore(), Statement.RETURN_GENERATED_KEYS)) {
            running = ps;
            pinClock(query);
            long count = ps.executeLargeUpdate();
            long[] keys = keys(ps);
            return new Update(count, keys[0], keys[1], count, 0);
        } catch (SQLException e) {
            if (e.getErrorCode() != org.h2.api.ErrorCode.DUPLICATE_KEY_1) throw e;
        }
        h2Session().getTransaction().rollbackToSavepoint(undo);
        RowCapture.rewind(captured);
        long[] stored = plan.run(conn, h2Session(), e -> H2Errors.translate(e, tr, this), query.settings().warnings(),
                runningFor(query));
        return new Update(stored[0], stored[1], stored[2], stored[3], stored[3] - stored[0]);
    }

    /**
     * What a statement run on the query's behalf is told of: it becomes the one KILL QUERY
     * cancels, and the query's clock holds for it.
     */
    private java.util.function.Consumer<Statement> runningFor(EngineQuery query) {
        return st -> {
            running = st;
            pinClock(query);
        };
    }

    /** A REPLACE run row by row ({@link IgnoredDuplicates#runReplacing}), its OK as MySQL's. */
    private Update replaceRowByRow(IgnoredDuplicates plan, MySqlToH2.Translation tr, IgnoredDuplicates.Shape shape,
                                   EngineQuery query) throws SQLException {
        long[] replaced = plan.runReplacing(conn, h2Session(), runningFor(query));
        long records = IgnoredDuplicates.records(tr, shape, replaced[0]);
        // a row that replaced others counts them too
        return new Update(replaced[0], replaced[1], replaced[2], records, records < 0 ? 0 : replaced[0] - records);
    }

    /**
     * Whether deleting a row of the REPLACE's table fires something: a MySQL DELETE trigger of it,
     * or a foreign key referencing it.
     */
    private boolean deletesFire(MySqlToH2.Translation tr) {
        MySqlToH2.TableName name = MySqlToH2.replaceTarget(tr.tokens(), IgnoredDuplicates.significant(tr.tokens()));
        if (name == null) return false;
        org.h2.schema.Schema schema = h2Session().getDatabase().findSchema(name.database() != null ? name.database() : database);
        org.h2.table.Table table = schema == null ? null : schema.findTableOrView(h2Session(), name.name());
        if (table == null) return false;
        for (org.h2.engine.DbObject child : table.getChildren()) {
            if (child instanceof org.h2.schema.TriggerObject trigger && (trigger.getTypeMask() & org.h2.api.Trigger.DELETE) != 0
                    && MysqlTrigger.class.getName().equals(trigger.getTriggerClassName())) {
                return true;
            }
        }
        // null for a table that never had a constraint
        List<org.h2.constraint.Constraint> constraints = table.getConstraints();
        if (constraints == null) return false;
        for (org.h2.constraint.Constraint c : constraints) {
            if (c instanceof org.h2.constraint.ConstraintReferential && c.getRefTable() == table) return true;
        }
        return false;
    }

    private EngineResult run(MySqlToH2.Translation tr, EngineQuery query) throws SQLException {
        if ("EXPLAIN".equals(tr.firstWord())) {
            String inner = tr.sql().trim().substring("EXPLAIN".length()).trim();
            String verb = inner.startsWith("(") ? "(" : inner.split("\\s+", 2)[0].toUpperCase(java.util.Locale.ROOT);
            return new Rows(Explain.rows(conn, metadata, inner, verb));
        }
        if (tr.multiTable() != null) return tr.multiTable().run(conn, tr.sql(), st -> running = st);
        // READ COMMITTED's UPDATE is InnoDB's semi-consistent read: a row whose committed version
        // does not match is passed over without waiting
        if (tr.probe() != null && !(readCommitted && "UPDATE".equals(tr.firstWord()))) {
            rowLocks.lockMatching(tr.probe(), database);
        }
        if (tr.lockFirst() != null) {
            try (Statement st = conn.createStatement()) {
                running = st;
                st.execute(tr.lockFirst());
            }
        }
        if (tr.isInsertOrReplace()) {
            IgnoredDuplicates.Shape shape = IgnoredDuplicates.shape(tr);
            IgnoredDuplicates ignored = IgnoredDuplicates.plan(tr, shape);
            IgnoredDuplicates replacing = IgnoredDuplicates.replacing(tr, shape);
            if (replacing != null && deletesFire(tr)) {
                // MySQL deletes the rows a REPLACE meets when that fires triggers or foreign keys;
                // the engine's REPLACE would update the row its primary key meets
                return replaceRowByRow(replacing.asInserts(), tr, shape, query);
            }
            IgnoredDuplicates.IgnoredSelect ignoredSelect = IgnoredDuplicates.IgnoredSelect.plan(tr, shape);
            if (ignoredSelect != null) return insertIgnoreSelect(ignoredSelect, tr, query);
            long undo = ignored == null && replacing == null ? -1 : h2Session().getTransaction().setSavepoint();
            long[] captured = RowCapture.mark();
            try (PreparedStatement ps = conn.prepareStatement(tr.sql(), Statement.RETURN_GENERATED_KEYS)) {
                running = ps;
                pinClock(query);
                long count;
                try {
                    count = ps.executeLargeUpdate();
                } catch (SQLException e) {
                    if (replacing == null || e.getErrorCode() != org.h2.api.ErrorCode.DUPLICATE_KEY_1) throw e;
                    // a unique key other than the primary key met a row: again row by row, deleting it
                    h2Session().getTransaction().rollbackToSavepoint(undo);
                    RowCapture.rewind(captured);
                    return replaceRowByRow(replacing, tr, shape, query);
                }
                // a REPLACE of a row by the same values in a table of one unique key changed one row
                // (MySQL updates in place when the key met is the table's last unique one), not two
                if ("REPLACE".equals(tr.firstWord()) && RowLogTrigger.unchangedRows() > 0 && oneUniqueKey(tr)) {
                    count -= RowLogTrigger.unchangedRows();
                }
                long[] keys = keys(ps);
                if (ignored == null || count >= ignored.rows()) {
                    long records = IgnoredDuplicates.records(tr, shape, count);
                    // REPLACE: a row that replaced another counts twice (deleted and inserted)
                    long duplicates = records < 0 ? 0 : "REPLACE".equals(tr.firstWord()) ? count - records : 0;
                    return new Update(count, keys[0], keys[1], records, duplicates);
                }
            }
            // INSERT IGNORE skipped rows: again row by row, to warn of each duplicate key as MySQL does
            h2Session().getTransaction().rollbackToSavepoint(undo);
            RowCapture.rewind(captured);
            long[] stored = ignored.run(conn, h2Session(), e -> H2Errors.translate(e, tr, this),
                    query.settings().warnings(), runningFor(query));
            long records = IgnoredDuplicates.records(tr, shape, stored[0]);
            return new Update(stored[0], stored[1], stored[2], records, records < 0 ? 0 : records - stored[0]);
        }
        if ("ALTER".equals(tr.firstWord())) {
            List<String> specs = tr.statements();
            if (specs.isEmpty()) return Update.of(0);
            // one left of several (the others done before it: RENAME INDEX) runs as written there
            if (specs.size() > 1 || !specs.get(0).equals(tr.sql())) {
                for (String spec : specs) {
                    try (Statement st = conn.createStatement()) {
                        running = st;
                        TemporaryTableDdl.execute(st, spec);
                    } catch (SQLException e) {
                        // a new range check the rows do not fit: H2 names the check it did not create
                        String column = NumericColumns.addedCheckColumn(spec);
                        if (column != null && e.getErrorCode() == org.h2.api.ErrorCode.CHECK_CONSTRAINT_VIOLATED_1) {
                            throw ErrorCode.ER_WARN_DATA_OUT_OF_RANGE.error(column, RowLogTrigger.currentRow());
                        }
                        throw e;
                    }
                }
                return Update.of(0);
            }
        }
        if (!tr.parameters().isEmpty()) {
            // the same H2 text at each execution of a prepared statement: H2 reuses its parsed plan
            try (PreparedStatement ps = conn.prepareStatement(tr.sql())) {
                running = ps;
                for (int k = 0; k < tr.parameters().size(); k++) ps.setObject(k + 1, tr.parameters().get(k));
                pinClock(query);
                return ps.execute() ? rows(ps, query, tr) : Update.of(Math.max(0, ps.getLargeUpdateCount()));
            }
        }
        IgnoredDuplicates.RowByRowUpdate rowByRow = IgnoredDuplicates.RowByRowUpdate.plan(tr);
        if (rowByRow != null && !rowByRow.ignore()) {
            // UPDATE … ORDER BY: row by row, in the order asked
            return Update.of(rowByRow.run(conn, h2Session(), e -> H2Errors.translate(e, tr, this),
                    query.settings().warnings(), runningFor(query), () -> pinClock(query)));
        }
        long[] captured = RowCapture.mark();
        try (Statement st = conn.createStatement()) {
            running = st;
            pinClock(query);
            if (isDdl(tr.firstWord()) && TemporaryTableDdl.running()) {
                TemporaryTableDdl.execute(st, tr.sql());
                return Update.of(0);
            }
            return st.execute(tr.sql()) ? rows(st, query, tr) : Update.of(Math.max(0, st.getLargeUpdateCount()));
        } catch (SQLException e) {
            if (rowByRow == null || e.getErrorCode() != org.h2.api.ErrorCode.DUPLICATE_KEY_1
                    && !UpdateKeyOrder.refused(e)) {
                throw e;
            }
        }
        // UPDATE IGNORE met a duplicate key (the engine undid the statement): row by row, as MySQL skips
        RowCapture.rewind(captured);
        UpdateKeyOrder.statementStarts(true);
        return Update.of(rowByRow.run(conn, h2Session(), e -> H2Errors.translate(e, tr, this),
                query.settings().warnings(), runningFor(query), () -> pinClock(query)));
    }

    private static final java.lang.reflect.Field CURRENT_TIMESTAMP;

    static {
        try {
            CURRENT_TIMESTAMP = SessionLocal.class.getDeclaredField("currentTimestamp");
            CURRENT_TIMESTAMP.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Gives H2's own current time (what a column's DEFAULT CURRENT_TIMESTAMP and ON UPDATE
     * CURRENT_TIMESTAMP take) the statement's time, so that a replica applying the statement stores
     * the source's time as MySQL's does. H2 computes its time once per command, when first asked,
     * and forgets it when the command ends; the next command (the one about to run) finds it set.
     */
    private void pinClock(EngineQuery query) {
        java.time.LocalDateTime now = query.settings().fixedNow();
        SessionLocal h2 = h2Session();
        try {
            CURRENT_TIMESTAMP.set(h2, now == null ? null : org.h2.util.DateTimeUtils.currentTimestamp(
                    h2.currentTimeZone(), now.atZone(java.time.ZoneId.systemDefault()).toInstant()));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The time H2 holds for the command {@code h2} runs now, null when none was asked yet. */
    static Object commandTime(SessionLocal h2) {
        try {
            return CURRENT_TIMESTAMP.get(h2);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Gives the command {@code h2} runs its time back (after a nested query ended and dropped it). */
    static void restoreCommandTime(SessionLocal h2, Object time) {
        try {
            CURRENT_TIMESTAMP.set(h2, time);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private Rows rows(Statement st, EngineQuery query, MySqlToH2.Translation tr) throws SQLException {
        try (ResultSet rs = st.getResultSet()) {
            io.minisqld.server.result.RowsResult all = H2Results.convert(rs, metadata, query.resultsCharset(),
                    tr.resultTypes());
            int hidden = tr.hiddenColumns();
            if (hidden == 0) return new Rows(all);
            int shown = all.columns().size() - hidden;
            List<byte[][]> rows = new ArrayList<>(all.rows().size());
            for (byte[][] row : all.rows()) rows.add(java.util.Arrays.copyOf(row, shown));
            return new Rows(new io.minisqld.server.result.RowsResult(all.columns().subList(0, shown), rows));
        }
    }

    /**
     * A pause before running a statement again that met another open transaction's unique key;
     * false once innodb_lock_wait_timeout has passed. KILL QUERY ends the wait.
     */
    private boolean waitForOtherTransaction(long since) {
        long waited = (System.nanoTime() - since) / 1_000_000;
        if (waited >= lockWaitMillis) return false;
        try {
            Thread.sleep(Math.min(lockWaitMillis - waited, Math.max(1, Math.min(50, waited / 4))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            h2Session().checkCanceled();
        } catch (DbException killed) {
            throw ErrorCode.ER_QUERY_INTERRUPTED.error();
        }
        return true;
    }

    private void rollbackAfterDeadlock(SqlError deadlock) {
        try {
            conn.rollback();
        } catch (SQLException e) {
            deadlock.addSuppressed(e);
        }
    }

    /**
     * Whether an UPDATE has an ORDER BY at its own level: the engine writes its rows in its own
     * order, not the one asked, so the order of their unique key checks is not MySQL's either.
     */
    private static boolean orderedUpdate(List<Token> sig) {
        int depth = 0;
        for (int s = 0; s + 1 < sig.size(); s++) {
            Token t = sig.get(s);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            else if (depth == 0 && t.is("ORDER") && sig.get(s + 1).is("BY")) return true;
        }
        return false;
    }

    private static boolean isDdl(String first) {
        return switch (first) {
            case "CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE" -> true;
            default -> false;
        };
    }

    /** Whether the table the REPLACE writes has one primary or unique key and no other. */
    private boolean oneUniqueKey(MySqlToH2.Translation tr) {
        MySqlToH2.TableName table = MySqlToH2.replaceTarget(tr.tokens(), IgnoredDuplicates.significant(tr.tokens()));
        if (table == null) return false;
        TableInfo info;
        try {
            info = describe(table.database(), table.name());
        } catch (RuntimeException unknown) {
            return false;
        }
        return info != null && info.indexes().stream().filter(TableInfo.IndexInfo::unique).count() == 1;
    }

    /** {first, highest} AUTO_INCREMENT value the statement stored, {0, 0} for none. */
    static long[] keys(Statement st) throws SQLException {
        long first = 0;
        long highest = 0;
        try (ResultSet keys = st.getGeneratedKeys()) {
            // H2 returns key columns too; only an AUTO_INCREMENT column's value is MySQL's insert id
            if (keys == null || keys.getMetaData().getColumnCount() == 0 || !keys.getMetaData().isAutoIncrement(1)) {
                return new long[] {0, 0};
            }
            int type = keys.getMetaData().getColumnType(1);
            if (type != java.sql.Types.INTEGER && type != java.sql.Types.BIGINT && type != java.sql.Types.SMALLINT
                    && type != java.sql.Types.TINYINT) {
                return new long[] {0, 0};
            }
            while (keys.next()) {
                long v = keys.getLong(1);
                if (keys.wasNull()) continue;
                if (first == 0) first = v;
                highest = Math.max(highest, v);
            }
        }
        return new long[] {first, highest};
    }

    /** The query's tokens without blanks, comments or a trailing ';'. */
    private static List<Token> significant(EngineQuery query) {
        List<Token> sig = new ArrayList<>(query.tokens().size());
        for (Token t : query.tokens()) {
            if (t.type() != TokenType.SPACE) sig.add(t);
        }
        int n = sig.size();
        while (n > 0 && sig.get(n - 1).isSymbol(";")) n--;
        return sig.subList(0, n);
    }

    private SessionLocal h2Session() {
        return (SessionLocal) ((JdbcConnection) conn).getSession();
    }

    /** A KILL QUERY that arrived as the previous statement ended must not hit the next one. */
    private void clearStaleCancel() {
        try {
            h2Session().checkCanceled();
        } catch (DbException stale) {
            // checkCanceled cleared the flag by throwing; the statement it was meant for is over
            return;
        }
    }

    @Override
    public EngineResult executeInternal(String mysqlSql) {
        return execute(EngineQuery.of(engine.internalLexer().statement(mysqlSql)).build());
    }

    /** {@link #executeInternalUpdate}'s statements, by their MySQL text: a handful, prepared once each. */
    private final Map<String, PreparedStatement> internalUpdates = new java.util.HashMap<>();

    @Override
    public long executeInternalUpdate(String mysqlTemplate, Object... values) {
        try {
            PreparedStatement ps = internalUpdates.get(mysqlTemplate);
            if (ps == null) {
                EngineQuery query = EngineQuery.of(engine.internalLexer().statement(mysqlTemplate)).build();
                ps = conn.prepareStatement(MySqlToH2.translate(query, name -> engine.virtualCall(name, sessionId),
                        this::describe).sql());
                internalUpdates.put(mysqlTemplate, ps);
            }
            for (int i = 0; i < values.length; i++) ps.setObject(i + 1, values[i]);
            // a write reads the latest committed rows, as every write of execute() does (InnoDB's current read)
            SessionLocal h2 = h2Session();
            Map<Object, Object> setAside = InnoDbLocking.statementStarts(h2, true, rowLocks::extraLockRecords);
            noteTransaction(h2);
            try {
                return ps.executeLargeUpdate();
            } finally {
                InnoDbLocking.statementEnded(h2, setAside);
            }
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, this);
        }
    }

    private java.sql.PreparedStatement recordXid;

    @Override
    public void recordXid(long xid) {
        try {
            if (recordXid == null) {
                recordXid = conn.prepareStatement("INSERT INTO " + H2StorageEngine.XID_TABLE + " (xid) VALUES (?)");
            }
            recordXid.setLong(1, xid);
            recordXid.executeUpdate();
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, this);
        }
    }

    /**
     * H2 takes a table's snapshot when a statement of the transaction first uses it, and the
     * snapshots of all the tables one statement uses at one instant: so one statement that uses
     * every table (and reads no row of any) takes them all now.
     */
    @Override
    public void startConsistentSnapshot() {
        List<String> tables = new java.util.ArrayList<>();
        try (Statement st = conn.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA <> 'INFORMATION_SCHEMA'")) {
                while (rs.next()) {
                    tables.add("SELECT 1 FROM " + H2StorageEngine.ident(rs.getString(1)) + "."
                            + H2StorageEngine.ident(rs.getString(2)) + " WHERE FALSE");
                }
            }
            if (!tables.isEmpty()) {
                try (ResultSet rs = st.executeQuery(String.join(" UNION ALL ", tables))) {
                    rs.next();
                }
            }
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, this);
        }
    }

    @Override
    public void commit() {
        try {
            engine.commit(conn::commit);
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, this);
        }
    }

    @Override
    public void rollback() {
        try {
            conn.rollback();
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, this);
        }
    }

    @Override
    public void setIsolationLevel(String mysqlLevel) {
        int level = switch (mysqlLevel.trim().toUpperCase(Locale.ROOT).replace(' ', '-').replace('_', '-')) {
            case "REPEATABLE-READ" -> Connection.TRANSACTION_REPEATABLE_READ;
            case "READ-COMMITTED" -> Connection.TRANSACTION_READ_COMMITTED;
            case "READ-UNCOMMITTED" -> Connection.TRANSACTION_READ_UNCOMMITTED;
            case "SERIALIZABLE" -> Connection.TRANSACTION_SERIALIZABLE;
            default -> throw ErrorCode.ER_WRONG_VALUE_FOR_VAR.error("transaction_isolation", mysqlLevel);
        };
        readCommitted = level != Connection.TRANSACTION_REPEATABLE_READ;
        isolation = switch (level) {
            case Connection.TRANSACTION_READ_COMMITTED -> "READ COMMITTED";
            case Connection.TRANSACTION_READ_UNCOMMITTED -> "READ UNCOMMITTED";
            case Connection.TRANSACTION_SERIALIZABLE -> "SERIALIZABLE";
            default -> "REPEATABLE READ";
        };
        try {
            conn.setTransactionIsolation(level);
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, this);
        }
    }

    @Override
    public void setLockWaitTimeout(long seconds) {
        long ms = Math.min(Integer.MAX_VALUE, Math.max(0, seconds) * 1000L);
        lockWaitMillis = ms;
        try (Statement st = conn.createStatement()) {
            st.execute("SET LOCK_TIMEOUT " + ms);
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, this);
        }
    }

    @Override
    public void cancel() {
        killRequested = true;
        Statement st = running;
        if (st == null) return;
        // the statement's own flag stops H2's query loops; the session's flag is what code called
        // from inside a statement (SLEEP) can see
        h2Session().cancel();
        try {
            st.cancel();
        } catch (SQLException e) {
            // the statement ended (and was closed) between reading it and cancelling it: as with
            // KILL QUERY on an idle session, there is nothing left to interrupt
            if (!isClosed(st)) throw H2Errors.translate(e, null, this);
        }
    }

    private static boolean isClosed(Statement st) {
        try {
            return st.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    @Override
    public List<TableInfo> tables(String db) {
        // this session's own connection: the engine's admin lock may be held by a DROP DATABASE
        // that waits for this very session's locks
        if (db == null || db.equals(H2StorageEngine.NO_DATABASE_SCHEMA) || !H2StorageEngine.schemaExists(conn, db)) {
            throw ErrorCode.ER_BAD_DB_ERROR.error(db);
        }
        try {
            return metadata.tables(db);
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, this);
        }
    }

    /** Created on the session's first temporary table with an AUTO_INCREMENT column. */
    private H2AutoIncrement temporaryCounters;

    @Override
    public io.minisqld.server.engine.AutoIncrement temporaryTableCounters() {
        if (temporaryCounters == null) {
            // MAX(column) read on the session's own connection, the only one that sees its temporary tables
            temporaryCounters = new H2AutoIncrement((column, table) -> {
                try (Statement st = conn.createStatement();
                     java.sql.ResultSet r = st.executeQuery("SELECT MAX(" + H2StorageEngine.ident(column) + ") FROM "
                             + H2StorageEngine.ident(table[0]) + "." + H2StorageEngine.ident(table[1]))) {
                    return r.next() ? Math.max(0, r.getLong(1)) : 0;
                } catch (SQLException e) {
                    throw H2Errors.translate(e, null, this);
                }
            });
        }
        return temporaryCounters;
    }

    /** The counters of {@code db.table}: the session's own when it is one of its temporary tables. */
    io.minisqld.server.engine.AutoIncrement countersOf(String db, String table) {
        try (java.sql.PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND LOWER(TABLE_NAME) = LOWER(?) AND TABLE_TYPE = 'LOCAL TEMPORARY'")) {
            ps.setString(1, db);
            ps.setString(2, table);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? temporaryTableCounters() : engine.autoIncrement();
            }
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, this);
        }
    }

    @Override
    public boolean reportsRowsOf(String db, String table) {
        String schema = db == null ? database : db;
        try (java.sql.PreparedStatement ps = conn.prepareStatement("SELECT 1 FROM INFORMATION_SCHEMA.TRIGGERS"
                + " WHERE EVENT_OBJECT_SCHEMA = ? AND LOWER(EVENT_OBJECT_TABLE) = LOWER(?) AND JAVA_CLASS = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, RowLogTrigger.class.getName());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, this);
        }
    }

    /** The lexer of the statements the engine composes itself. */
    io.minisqld.server.sql.QueryLexer internalLexer() {
        return engine.internalLexer();
    }

    /** Adds a note to the running statement's diagnostics (DROP TRIGGER IF EXISTS of none: 1360). */
    void note(SqlError note) {
        EngineQuery query = current;
        if (query != null) query.settings().notes().accept(note);
    }

    /**
     * The one column of the running INSERT, REPLACE or UPDATE whose type starts with {@code type}
     * (a YEAR column, which a refusal of the engine does not name), or null when none or several.
     */
    String onlyWrittenColumnOf(String type) {
        EngineQuery query = current;
        io.minisqld.server.sql.statement.ColumnValues values = query == null ? null : query.values();
        if (values == null) return null;
        TableInfo table;
        try {
            table = describe(values.database(), values.table());
        } catch (SqlError unknown) {
            return null;
        }
        java.util.Set<String> written = new java.util.HashSet<>();
        if (values.columns() != null) {
            for (String c : values.columns()) written.add(c.toLowerCase(java.util.Locale.ROOT));
        }
        for (io.minisqld.server.sql.statement.ColumnValues.Row row : values.rows()) {
            for (io.minisqld.server.sql.statement.ColumnValues.Value v : row.values()) {
                if (v.column() != null) written.add(v.column().toLowerCase(java.util.Locale.ROOT));
            }
        }
        String found = null;
        for (TableInfo.ColumnInfo c : table.columns()) {
            boolean writes = written.isEmpty() || written.contains(c.name().toLowerCase(java.util.Locale.ROOT));
            if (!writes || !c.mysqlType().toLowerCase(java.util.Locale.ROOT).startsWith(type)) continue;
            if (found != null) return null;
            found = c.name();
        }
        return found;
    }

    /** The name of this session's temporary table {@code db.table} as the engine holds it, or null. */
    String temporaryTableName(String db, String table) {
        return tables.temporaryTable(db, table);
    }

    /**
     * MySQL's 1292 naming the column and row for a string literal of the running INSERT, REPLACE
     * or UPDATE that the engine could not read as the DATE, DATETIME or TIMESTAMP its column is
     * ("Incorrect datetime value: '2024-02-30' for column 'd' at row 1"); null for another value.
     */
    SqlError temporalLiteralError(String value) {
        EngineQuery query = current;
        if (query == null || value == null) return null;
        for (Map.Entry<Token, StringLiterals.Target> e
                : StringLiterals.targets(query.values(), this::describe, false).entrySet()) {
            String type = e.getValue().mysqlType().toLowerCase(java.util.Locale.ROOT);
            if (e.getKey().type() != io.minisqld.server.sql.TokenType.STRING || !e.getKey().value().equals(value)) continue;
            if (type.startsWith("date") || type.startsWith("timestamp")) {
                return ErrorCode.ER_TRUNCATED_WRONG_VALUE_FOR_COLUMN.error(type.equals("date") ? "date" : "datetime",
                        value, e.getValue().column(), (long) e.getValue().row());
            }
        }
        return null;
    }

    @Override
    public TableInfo describe(String db, String table) {
        String schema = db == null ? database : db;
        if (schema == null) throw ErrorCode.ER_NO_DB_ERROR.error();
        try {
            TableInfo info = metadata.describe(schema, table);
            if (info == null) throw ErrorCode.ER_NO_SUCH_TABLE.error(schema, table);
            return info;
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, this);
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        engine.sessionClosed(this);
        rowLocks.close();
        try {
            if (!conn.isClosed()) {
                conn.rollback();
                conn.close();
            }
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, null);
        }
    }
}
