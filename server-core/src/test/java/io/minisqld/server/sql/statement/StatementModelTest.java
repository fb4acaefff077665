package io.minisqld.server.sql.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.server.error.SqlError;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.sql.QueryLexer;
import io.minisqld.server.sql.StatementText;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the statement model says of a statement, for every consumer downstream: its kind (its
 * Com_ counter), the tables it touches with the privilege each needs, whether it writes (binlog,
 * read_only, LOCK TABLES), where its {@code ?} markers are, and what the server must substitute.
 */
class StatementModelTest {
    private final QueryLexer lexer = new QueryLexer();

    private Statement parse(String sql) {
        return StatementParser.parse(lexer.statement(sql), "app");
    }

    @Test
    void engineStatementsKnowTheirKindTablesAndWrites() {
        EngineStatement select = (EngineStatement) parse("SELECT a.x, b.y FROM app.a JOIN other.b ON a.id = b.id");
        assertEquals(StatementKind.SELECT, select.kind());
        assertEquals("Com_select", select.kind().counter());
        assertFalse(select.writes());
        assertEquals(List.of(new TableRef("app", "a", Privilege.SELECT), new TableRef("other", "b", Privilege.SELECT)),
                select.tables());

        EngineStatement insert = (EngineStatement) parse("INSERT INTO t (a) SELECT a FROM s");
        assertEquals(StatementKind.INSERT_SELECT, insert.kind());
        assertTrue(insert.writes());
        assertTrue(insert.loggedInTransaction());
        assertFalse(insert.implicitCommit());
        assertEquals(List.of(new TableRef(null, "t", Privilege.INSERT), new TableRef(null, "s", Privilege.SELECT)),
                insert.tables());

        EngineStatement delete = (EngineStatement) parse("DELETE FROM t WHERE id = 1");
        assertEquals(List.of(new TableRef(null, "t", Privilege.DELETE)), delete.tables());

        EngineStatement ddl = (EngineStatement) parse("CREATE TABLE IF NOT EXISTS t (id INT)");
        assertEquals(StatementKind.CREATE_TABLE, ddl.kind());
        assertTrue(ddl.implicitCommit());
        assertTrue(ddl.writes());
        assertEquals(List.of(new TableRef(null, "t", Privilege.CREATE)), ddl.tables());
        assertEquals(StatementKind.CREATE_INDEX, parse("CREATE UNIQUE INDEX k ON t (a)").kind());
    }

    @Test
    void parameterMarkersAndServerValuesArePlacedOnTheTokens() {
        EngineStatement st = (EngineStatement) parse("SELECT ?, @@server_id, @u, VERSION( ), '?' FROM t WHERE id = ?");
        StatementText text = st.text();
        assertEquals(2, st.parameterMarkers().size());
        for (int i : st.parameterMarkers()) assertEquals("?", text.tokens().get(i).text());
        List<ServerValue> values = st.span().serverValues();
        assertEquals(List.of(ServerValue.Kind.SYSTEM_VARIABLE, ServerValue.Kind.USER_VARIABLE, ServerValue.Kind.FUNCTION),
                values.stream().map(ServerValue::kind).toList());
        assertEquals("VERSION( )", text.tokens().subList(values.get(2).first(), values.get(2).last() + 1).stream()
                .map(t -> t.text()).reduce("", String::concat));
        // @x := assigns inside an expression: the engine does that, so it is no server value
        assertTrue(((EngineStatement) parse("SELECT @x := 1")).span().serverValues().isEmpty());
    }

    @Test
    void serverStatementsAreRecords() {
        assertEquals(new SetStatement(List.of(new SetStatement.SystemVariable(SetStatement.Scope.GLOBAL, "max_connections",
                        new SetStatement.NumberValue("10")), new SetStatement.UserVariable("x",
                        new SetStatement.TextValue("y")))),
                parse("SET GLOBAL max_connections = 10, @x := 'y'"));
        assertEquals(new ShowStatement.Variables(false, new ShowStatement.Filter("rpl%", null)),
                parse("SHOW SESSION VARIABLES LIKE 'rpl%'"));
        assertInstanceOf(SetStatement.ExpressionValue.class, ((SetStatement.UserVariable)
                ((SetStatement) parse("SET @z = 1 + @@server_id")).assignments().get(0)).value());
        assertEquals(new AdminStatement.Kill(42, false), parse("KILL QUERY 42"));
        assertEquals(new AdminStatement.CreateDatabase("d", true, null), parse("CREATE SCHEMA IF NOT EXISTS d"));
        assertEquals(new AdminStatement.CreateDatabase("d", false,
                        io.minisqld.server.charset.Collation.of(io.minisqld.server.charset.MysqlCharset.LATIN1)),
                parse("CREATE DATABASE d /*!40100 DEFAULT CHARACTER SET latin1 */"));
        assertEquals(new AdminStatement.CreateDatabase("d", false,
                        io.minisqld.server.charset.Collation.bin(io.minisqld.server.charset.MysqlCharset.UTF8)),
                parse("CREATE DATABASE d CHARSET = utf8mb3 COLLATE utf8_bin"));
        assertEquals(new AdminStatement.CreateDatabase("d", false,
                        io.minisqld.server.charset.Collation.of(io.minisqld.server.charset.MysqlCharset.UTF8MB4)),
                parse("CREATE DATABASE d COLLATE utf8mb4_unicode_ci"));
        assertTrue(parse("DROP DATABASE d").writes());
        assertEquals(new TransactionStatement.Begin(null, true), parse("START TRANSACTION WITH CONSISTENT SNAPSHOT"));
        assertEquals(new TransactionStatement.Begin(true, true), parse("START TRANSACTION READ ONLY, WITH CONSISTENT SNAPSHOT"));
        assertEquals(new TransactionStatement.Begin(null, false), parse("BEGIN"));
        assertEquals(new AdminStatement.LockTables(java.util.List.of(new AdminStatement.TableLock(null, "t", false),
                new AdminStatement.TableLock("d", "u", true))), parse("LOCK TABLES t AS a READ LOCAL, d.u LOW_PRIORITY WRITE"));
        assertEquals(new AdminStatement.UnlockTables(), parse("UNLOCK TABLE"));
        assertEquals(new AdminStatement.FlushTablesWithReadLock(java.util.List.of()), parse("FLUSH TABLES WITH READ LOCK"));
        assertInstanceOf(EngineStatement.class, parse("ROLLBACK TO SAVEPOINT s"));
        assertEquals(new PluginStatement.Install("p", "p.so", true), parse("INSTALL PLUGIN IF NOT EXISTS p SONAME 'p.so'"));
        assertEquals(new ReplicaStatement.Start(new ReplicaStatement.Threads(true, false)),
                parse("START REPLICA IO_THREAD FOR CHANNEL ''"));
        assertEquals(new BinlogStatement.ShowBinlogEvents("mysql-bin.000002", 4, 1, 2),
                parse("SHOW BINLOG EVENTS IN 'mysql-bin.000002' LIMIT 1, 2"));
        assertEquals(StatementKind.GRANT, parse("GRANT SELECT ON *.* TO u").kind());
        assertFalse(parse("SHOW GRANTS").writes());
        assertTrue(parse("SHOW WARNINGS").diagnostics());
        assertTrue(parse("SELECT @@warning_count").diagnostics());
    }

    /**
     * Multi-table UPDATE and DELETE (SQLCOM_UPDATE_MULTI, SQLCOM_DELETE_MULTI): the join's tables,
     * UPDATE or DELETE needed where rows change and SELECT where they are only read, what the
     * statement sets, and MySQL's refusals that need no table definition.
     */
    @Test
    void multiTableUpdateAndDeleteKnowWhichTablesTheyChange() {
        EngineStatement update = (EngineStatement) parse("UPDATE LOW_PRIORITY t AS a JOIN other.u b ON a.id = b.id"
                + " LEFT JOIN (SELECT id FROM v) AS d USING (id) SET b.x = a.y + (SELECT MAX(z) FROM w), a.n = DEFAULT"
                + " WHERE a.k = 1");
        assertEquals(StatementKind.UPDATE_MULTI, update.kind());
        assertEquals("Com_update_multi", update.kind().counter());
        assertTrue(update.writes());
        assertTrue(update.loggedInTransaction());
        MultiTableChange change = update.multiTable();
        assertEquals(List.of(new MultiTableChange.Reference(null, "t", "a"), new MultiTableChange.Reference("other", "u", "b"),
                new MultiTableChange.Reference(null, null, "d")), change.references());
        assertEquals(List.of(1, 0), change.changed());
        assertEquals("a.y + (SELECT MAX(z) FROM w)", update.text().source().substring(
                change.assignments().get(0).valueFirst().start(), change.assignments().get(0).valueLast().end()));
        assertTrue(change.assignments().get(1).toDefault());
        assertEquals("a", change.whereFirst().text());
        assertEquals("1", change.whereLast().text());
        assertEquals(List.of(new TableRef(null, "t", Privilege.UPDATE), new TableRef("other", "u", Privilege.UPDATE),
                new TableRef(null, "v", Privilege.SELECT), new TableRef(null, "w", Privilege.SELECT)), update.tables());

        // a SET column without its table is resolved by the tables' columns before anything is checked
        EngineStatement unqualified = (EngineStatement) parse("UPDATE t, u SET x = 1 WHERE t.id = u.id");
        assertFalse(unqualified.multiTable().resolved());
        EngineStatement resolved = unqualified.withMultiTable(unqualified.multiTable().resolve(
                (db, table) -> table.equals("u") ? List.of("id", "x") : List.of("id", "y")));
        assertEquals(List.of(new TableRef(null, "t", Privilege.SELECT), new TableRef(null, "u", Privilege.UPDATE)),
                resolved.tables());
        assertEquals(1052, assertThrows(SqlError.class, () -> unqualified.multiTable().resolve(
                (db, table) -> List.of("x"))).number());
        assertEquals(1054, assertThrows(SqlError.class, () -> unqualified.multiTable().resolve(
                (db, table) -> List.of("id"))).number());

        EngineStatement delete = (EngineStatement) parse("DELETE QUICK a, app.u.* FROM t AS a JOIN u ON a.id = u.id");
        assertEquals(StatementKind.DELETE_MULTI, delete.kind());
        assertEquals(List.of(0, 1), delete.multiTable().deleted());
        assertEquals(List.of(new TableRef(null, "t", Privilege.DELETE), new TableRef(null, "u", Privilege.DELETE)),
                delete.tables());
        EngineStatement using = (EngineStatement) parse("DELETE FROM u USING t, u WHERE t.id = u.id AND t.k IN (SELECT k FROM s)");
        assertEquals(List.of(new TableRef(null, "t", Privilege.SELECT), new TableRef(null, "u", Privilege.DELETE),
                new TableRef(null, "s", Privilege.SELECT)), using.tables());

        // the single-table forms stay as they were
        assertEquals(StatementKind.UPDATE, parse("UPDATE t AS a SET a.x = 1 ORDER BY id LIMIT 1").kind());
        assertEquals(StatementKind.DELETE, parse("DELETE FROM t WHERE id IN (SELECT id FROM u) LIMIT 2").kind());

        assertEquals("Incorrect usage of UPDATE and ORDER BY", assertThrows(SqlError.class,
                () -> parse("UPDATE t, u SET t.x = 1 ORDER BY t.x LIMIT 1")).getMessage());
        assertEquals("Incorrect usage of UPDATE and LIMIT", assertThrows(SqlError.class,
                () -> parse("UPDATE t JOIN u ON t.id = u.id SET t.x = 1 LIMIT 1")).getMessage());
        assertTrue(assertThrows(SqlError.class, () -> parse("DELETE t FROM t, u ORDER BY t.id")).getMessage()
                .endsWith("near 'ORDER BY t.id' at line 1"));
        assertEquals("Unknown table 't' in MULTI DELETE", assertThrows(SqlError.class,
                () -> parse("DELETE t FROM t AS a, u")).getMessage());
        // a qualified name is a table's, never an alias
        assertEquals("Unknown table 'a' in MULTI DELETE", assertThrows(SqlError.class,
                () -> parse("DELETE app.a FROM t AS a, u")).getMessage());
        assertEquals(List.of(0), ((EngineStatement) parse("DELETE app.t FROM t, u")).multiTable().deleted());
        assertEquals("Not unique table/alias: 't'", assertThrows(SqlError.class,
                () -> parse("UPDATE t JOIN t ON 1 = 1 SET t.x = 1")).getMessage());
        assertEquals("Unknown column 'z.x' in 'field list'", assertThrows(SqlError.class,
                () -> parse("UPDATE t, u SET z.x = 1")).getMessage());
        assertEquals("The target table d of the DELETE is not updatable", assertThrows(SqlError.class,
                () -> parse("DELETE d FROM t, (SELECT 1) AS d")).getMessage());
    }

    @Test
    void syntaxErrorsQuoteTheStatementFromTheOffendingToken() {
        SqlError e = assertThrows(SqlError.class, () -> parse("SHOW VARIABLES LIKE 5"));
        assertEquals(1064, e.number());
        assertTrue(e.getMessage().endsWith("near '5' at line 1"), e.getMessage());
        e = assertThrows(SqlError.class, () -> parse("FLUSH\nNOTHING"));
        assertTrue(e.getMessage().endsWith("near 'NOTHING' at line 2"), e.getMessage());
        assertEquals(1065, assertThrows(SqlError.class, () -> parse(" /* nothing */ ;")).number());
    }
}
