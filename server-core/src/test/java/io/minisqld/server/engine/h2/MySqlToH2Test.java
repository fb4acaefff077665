package io.minisqld.server.engine.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.server.engine.EngineQuery;
import io.minisqld.server.result.ParameterValue;
import io.minisqld.server.sql.QueryLexer;
import java.util.List;
import org.junit.jupiter.api.Test;

class MySqlToH2Test {
    private static final QueryLexer LEXER = new QueryLexer();

    private static MySqlToH2.Translation translate(String mysql) {
        return MySqlToH2.translate(EngineQuery.of(LEXER.statement(mysql)).build(),
                n -> n.equalsIgnoreCase("PLUGINS") ? "F('PLUGINS')" : null);
    }

    private static String h2(String mysql) {
        return translate(mysql).sql().replaceAll("\\s+", " ").trim();
    }

    /** {@link #h2} without the blank the operator's comma leaves before it. */
    private static String ops(String mysql) {
        return h2(mysql).replace(" , ", ", ");
    }

    /**
     * A prepared statement's bound values become H2 parameters in a plain SELECT, so that every
     * execution is the same H2 text (H2 parses and plans it once); a select item holding one is
     * labelled with the ? that was typed, as MySQL labels it. Writes and locking reads keep literals.
     */
    @Test
    void boundValuesOfAPlainSelectAreH2ParametersAndLabelledAsTyped() {
        io.minisqld.server.sql.StatementText template = LEXER.statement("SELECT c, ? + 1, ? FROM t WHERE id = ? AND name = ?");
        MySqlToH2.Translation first = bound(template, new ParameterValue.Number("5"), new ParameterValue.Text("x", false),
                new ParameterValue.Number("7"), new ParameterValue.Text("it's", false));
        MySqlToH2.Translation second = bound(template, new ParameterValue.Number("6"), ParameterValue.ofDouble(0.1),
                new ParameterValue.Number("8"), new ParameterValue.Text("b", true));
        // each parameter typed as its literal would be: H2 would type it from its context (? + 1 an INTEGER)
        assertEquals("SELECT c AS `c`, CAST(? AS BIGINT) + 1 AS `? + 1`, CAST(? AS CHARACTER VARYING) AS `?` FROM t"
                + " WHERE id = CAST(? AS BIGINT) AND name = CAST(? AS CHARACTER VARYING)", first.sql());
        assertEquals(java.util.Arrays.asList(5L, "x", 7L, "it's"), first.parameters());
        assertEquals("SELECT c AS `c`, CAST(? AS BIGINT) + 1 AS `? + 1`, CAST(? AS DOUBLE PRECISION) AS `?` FROM t"
                + " WHERE id = CAST(? AS BIGINT) AND name =  CAST(? AS CHARACTER VARYING)", second.sql());
        assertEquals(java.util.Arrays.asList(6L, 0.1, 8L, "b"), second.parameters());
        // NULL and a decimal stay literals; a negative number is a sign and a literal
        assertEquals("SELECT NULL AS `?`, 1.50 AS `?`, -3 AS `-3`", bound(LEXER.statement("SELECT ?, ?, ?"),
                ParameterValue.NULL, new ParameterValue.Number("1.50"), new ParameterValue.Number("-3")).sql());
        // a write and a locking read keep every value literal, a DOUBLE one cast (H2 reads 0.1E0 as DECFLOAT)
        assertEquals("UPDATE t SET a = 'v', d = CAST(0.1E0 AS DOUBLE PRECISION) WHERE id = 2",
                bound(LEXER.statement("UPDATE t SET a = ?, d = ? WHERE id = ?"), new ParameterValue.Text("v", false),
                        ParameterValue.ofDouble(0.1), new ParameterValue.Number("2")).sql());
        assertTrue(bound(LEXER.statement("SELECT a FROM t WHERE id = ? FOR UPDATE"), new ParameterValue.Number("2"))
                .parameters().isEmpty());
    }

    private static MySqlToH2.Translation bound(io.minisqld.server.sql.StatementText template, ParameterValue... values) {
        return MySqlToH2.translate(EngineQuery.of(template.withParameters(List.of(values))).build(), n -> null, null, true);
    }

    @Test
    void unaliasedSelectItemsGetMySqlsLabels() {
        assertEquals("SELECT 1+1 AS `1+1`", h2("SELECT 1+1"));
        assertEquals("SELECT ID AS `ID` FROM t", h2("SELECT ID FROM t"));
        assertEquals("SELECT t.id AS `id`, COUNT(*) AS `COUNT(*)` FROM t", h2("SELECT t.id, COUNT(*) FROM t"));
        assertEquals("SELECT `weird``name` AS `weird``name` FROM t", h2("SELECT `weird``name` FROM t"));
    }

    @Test
    void starsAndAliasedItemsKeepTheirNames() {
        assertEquals("SELECT *, a b, c AS d, t.* FROM t", h2("SELECT *, a b, c AS d, t.* FROM t"));
        assertEquals("SELECT COUNT(*) n FROM t", h2("SELECT COUNT(*) n FROM t"));
    }

    @Test
    void labelsEndAtTheClauseAndCoverEveryUnionBranch() {
        assertEquals("SELECT a AS `a` FROM t WHERE b = 1 ORDER BY a LIMIT 1",
                h2("SELECT a FROM t WHERE b = 1 ORDER BY a LIMIT 1"));
        assertEquals("SELECT 1 AS `1` UNION SELECT 2 AS `2`", h2("SELECT 1 UNION SELECT 2"));
        assertEquals("(SELECT a AS `a` FROM t) UNION (SELECT b AS `b` FROM u)",
                h2("(SELECT a FROM t) UNION (SELECT b FROM u)"));
        assertEquals("SELECT CASE WHEN a THEN 1 ELSE 2 END AS `CASE WHEN a THEN 1 ELSE 2 END` FROM t",
                h2("SELECT CASE WHEN a THEN 1 ELSE 2 END FROM t"));
        assertEquals("SELECT a IS NULL AS `a IS NULL` FROM t", h2("SELECT a IS NULL FROM t"));
    }

    @Test
    void subqueriesAndOtherStatementsAreNotLabelled() {
        assertEquals("SELECT * FROM (SELECT a+1 FROM t) x", h2("SELECT * FROM (SELECT a+1 FROM t) x"));
        // the rows INSERT … SELECT reads are locked, as InnoDB's current read locks them (docs/locking.md)
        assertEquals("INSERT INTO t SELECT a FROM u FOR UPDATE", h2("INSERT INTO t SELECT a FROM u"));
        assertEquals("UPDATE t SET a = 1 WHERE b = 2", h2("UPDATE t SET a = 1 WHERE b = 2"));
    }

    @Test
    void stringLiteralsAreReEmittedH2Style() {
        assertEquals("SELECT 'it''s' AS `it's`", h2("SELECT 'it\\'s'"));
        assertEquals("SELECT 'x' AS `x`", h2("SELECT \"x\""));
        assertEquals("SELECT 'say \"hi\"' AS `say \"hi\"`", h2("SELECT \"say \\\"hi\\\"\""));
        assertEquals("INSERT INTO t VALUES ('a''b', 'c\\d')", h2("INSERT INTO t VALUES ('a''b', 'c\\\\d')"));
        assertEquals("SELECT 'LOCK IN SHARE MODE information_schema.plugins SQL_NO_CACHE' AS `x`",
                h2("SELECT 'LOCK IN SHARE MODE information_schema.plugins SQL_NO_CACHE' AS `x`"));
    }

    @Test
    void selectModifiersAreDroppedAndShareLocksAreExclusive() {
        assertEquals("SELECT * FROM t", h2("SELECT SQL_NO_CACHE * FROM t"));
        assertEquals("SELECT DISTINCT * FROM t", h2("SELECT HIGH_PRIORITY SQL_CALC_FOUND_ROWS DISTINCT SQL_BUFFER_RESULT * FROM t"));
        assertEquals("SELECT * FROM t WHERE a = 1 FOR UPDATE", h2("SELECT * FROM t WHERE a = 1 LOCK IN SHARE MODE"));
        assertEquals("SELECT * FROM t WHERE a = 1 FOR UPDATE", h2("SELECT * FROM t WHERE a = 1 FOR UPDATE"));
        assertEquals("SELECT * FROM a JOIN b ON a.x = b.x", h2("SELECT * FROM a STRAIGHT_JOIN b ON a.x = b.x"));
    }

    @Test
    void lockingReadsThatH2CannotLockDirectlyGetALockQueryAndAProbe() {
        MySqlToH2.Translation grouped = translate("SELECT COUNT(*) FROM t WHERE a > 1 FOR UPDATE");
        assertEquals("SELECT COUNT(*) AS `COUNT(*)` FROM t WHERE a > 1", grouped.sql().strip());
        assertEquals("SELECT 1 FROM t WHERE a > 1 FOR UPDATE", grouped.lockFirst().replaceAll("\\s+", " "));
        assertEquals("SELECT _ROWID_ FROM t WHERE a > 1", grouped.probe().rowIdsSql());
        MySqlToH2.Translation update = translate("UPDATE LOW_PRIORITY db.t AS x SET k = k + 1"
                + " WHERE id IN (2, 3) ORDER BY id LIMIT 1");
        assertEquals("SELECT _ROWID_ FROM db.t AS x WHERE id IN (2, 3)", update.probe().rowIdsSql());
        assertEquals("db", update.probe().schema());
        assertEquals("t", update.probe().table());
        assertTrue(update.currentRead());
        assertEquals("SELECT _ROWID_ FROM t", translate("DELETE FROM t").probe()
                .rowIdsSql());
        // several tables: no probe
        assertEquals(null, translate("UPDATE a JOIN b ON a.x = b.x SET a.k = 1 WHERE b.y = 2").probe());
        assertFalse(translate("SELECT * FROM t WHERE a = 1").currentRead());
    }

    @Test
    void operatorsH2SpellsDifferentlyFindTheirOperandsByMySqlsPrecedence() {
        String div = "PUBLIC.\"minisqld_divide\"";
        assertEquals("SELECT " + div + "(1, 3, 4) AS `1/3`", ops("SELECT 1/3"));
        // a division inside more arithmetic: the chain's calls carry the quotient's hidden digits (DecimalChains)
        String chain = "PUBLIC.\"minisqld_decimal_chain\"";
        String last = "PUBLIC.\"minisqld_decimal_chain_last\"";
        assertEquals("SELECT " + last + "('+', " + chain + "('/', 2 * a, b, 4, 0), 1, 4, 1) AS `2 * a / b + 1` FROM t",
                ops("SELECT 2 * a / b + 1 FROM t"));
        assertEquals("SELECT " + last + "('/', " + chain + "('/', a, b, 4, 0), c, 4, 1) AS `a / b / c` FROM t",
                ops("SELECT a / b / c FROM t"));
        assertEquals("SELECT " + last + "('-', a, " + chain + "('/', -b, COUNT(*), 4, 0), 4, 1) AS `a - -b / COUNT(*)` FROM t",
                ops("SELECT a - -b / COUNT(*) FROM t"));
        assertEquals("SELECT " + last + "('*', " + chain + "('/', (a + 1), t.b, 4, 0), 2, 4, 1) AS `(a + 1) / t.b * 2` FROM t",
                ops("SELECT (a + 1) / t.b * 2 FROM t"));
        // FLOOR takes the chain's value with all its digits (flags LAST | RAW)
        assertEquals("SELECT FLOOR(" + last + "('*', " + chain + "('/', a, b, 4, 0), 3, 4, 5)) AS `FLOOR(a / b * 3)` FROM t",
                ops("SELECT FLOOR(a / b * 3) FROM t"));
        // an operator rewritten before the one inside its operand still closes outside it
        assertEquals("SELECT PUBLIC.\"minisqld_bitor\"(1, " + div + "(6, 3, 4)) AS `1 | 6 / 3`", ops("SELECT 1 | 6 / 3"));
        assertEquals("SELECT 1 OR 0 AS `1 || 0`", ops("SELECT 1 || 0"));
        assertEquals("SELECT 1 AND 0 AS `1 && 0`", ops("SELECT 1 && 0"));
        assertEquals("SELECT a IS NOT DISTINCT FROM NULL AS `a <=> NULL` FROM t", ops("SELECT a <=> NULL FROM t"));
        String or = "PUBLIC.\"minisqld_bitor\"";
        String and = "PUBLIC.\"minisqld_bitand\"";
        String shl = "PUBLIC.\"minisqld_shiftleft\"";
        assertEquals("SELECT " + or + "(1, " + and + "(2, 3)) AS `1 | 2 & 3`", ops("SELECT 1 | 2 & 3"));
        assertEquals("SELECT " + and + "(" + shl + "(1, 2 + 1), 7) AS `1 << 2 + 1 & 7`", ops("SELECT 1 << 2 + 1 & 7"));
        assertEquals("UPDATE t SET a = " + div + "(a, 2, 4) WHERE b = 1", ops("UPDATE t SET a = a / 2 WHERE b = 1"));
        // DIV is MySQL's integer division, whatever the operands' types (7.5 DIV 2 is 3)
        String intDiv = "PUBLIC.\"minisqld_int_divide\"";
        assertEquals("SELECT " + intDiv + "(7, 2) AS `7 DIV 2`", ops("SELECT 7 DIV 2"));
        assertEquals("SELECT " + intDiv + "(" + intDiv + "(a * 2, b), 3) AS `a * 2 DIV b DIV 3` FROM t",
                ops("SELECT a * 2 DIV b DIV 3 FROM t"));
    }

    @Test
    void bitLiteralsAreTheirNumbersWhichH2HasNoLiteralFor() {
        // mariadb-dump writes a BIT column's values as b'1'
        assertEquals("INSERT INTO t VALUES (1, 5, 3, 0)", h2("INSERT INTO t VALUES (b'1', B'101', 0b11, b'')"));
        // a hex literal outside arithmetic stays bytes
        assertEquals("INSERT INTO t VALUES (X'41')", h2("INSERT INTO t VALUES (X'41')"));
    }

    @Test
    void tableOptionsH2RejectsAreDroppedAndTemporalTypesGetMySqlsPrecision() {
        // a TIMESTAMP column is of the domain that keeps it apart from DATETIME (ColumnDomains)
        // (the character set is kept around the statement, ColumnCharsets: H2 does not get it)
        assertEquals("CREATE TABLE t (id int AUTO_INCREMENT PRIMARY KEY, d datetime(0), t2 PUBLIC.\"minisqld_timestamp_3\" ,"
                        + " t3 PUBLIC.\"minisqld_timestamp_0\") ENGINE=InnoDB",
                h2("CREATE TABLE t (id int AUTO_INCREMENT PRIMARY KEY, d datetime, t2 timestamp(3), t3 timestamp) ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8"));
        assertEquals("ALTER TABLE t ADD COLUMN `time` TIME(0)", h2("ALTER TABLE t ADD COLUMN `time` TIME"));
    }

    @Test
    void informationSchemaVirtualTablesBecomeFunctionCalls() {
        assertEquals("SELECT PLUGIN_NAME AS `PLUGIN_NAME` FROM F('PLUGINS') AS `PLUGINS` WHERE PLUGIN_NAME LIKE '%semi%'",
                h2("SELECT PLUGIN_NAME FROM INFORMATION_SCHEMA.PLUGINS WHERE PLUGIN_NAME LIKE '%semi%'"));
        assertEquals("SELECT p.a AS `a` FROM F('PLUGINS') p", h2("SELECT p.a FROM information_schema.`Plugins` p"));
        assertEquals("SELECT * FROM F('PLUGINS') AS x", h2("SELECT * FROM information_schema.plugins AS x"));
        assertEquals("SELECT `PLUGINS`.a AS `a` FROM F('PLUGINS') AS `PLUGINS`",
                h2("SELECT information_schema.plugins.a FROM information_schema.plugins"));
        // a table MySQL's information_schema does not have (the engine's own SESSIONS, USERS …) is 1109
        io.minisqld.server.error.SqlError e = org.junit.jupiter.api.Assertions.assertThrows(
                io.minisqld.server.error.SqlError.class, () -> h2("SELECT * FROM information_schema.sessions"));
        assertEquals("1109 Unknown table 'sessions' in information_schema", e.number() + " " + e.getMessage());
    }

    @Test
    void keyNamesBecomeTableScopedAndIndexOptionsH2LacksGo() {
        assertEquals("CREATE TABLE t (id BIGINT CHECK (`id` BETWEEN 0 AND 4294967295 AND `id` >= 0), b text,"
                + " PRIMARY KEY (id) , UNIQUE KEY `t#uk` (b), "
                        + "KEY `t#kb` (b), KEY `t#ft` (b), CONSTRAINT `t#cu` UNIQUE (id), KEY (b)) ENGINE=InnoDB",
                h2("CREATE TABLE t (id int(10) unsigned zerofill, b text, PRIMARY KEY (id) USING BTREE, "
                        + "UNIQUE KEY uk (b), KEY kb (b), FULLTEXT KEY ft (b), CONSTRAINT cu UNIQUE (id), KEY (b)) "
                        + "ENGINE=InnoDB STATS_PERSISTENT=0"));
        assertEquals("CREATE INDEX `sbtest1#k_1` ON sbtest1(k)", h2("CREATE INDEX k_1 ON sbtest1(k)"));
        assertEquals("CREATE UNIQUE INDEX `t#u` ON db.t (a, b)", h2("CREATE UNIQUE INDEX u ON db.t (a, b)"));
        // MySQL's DROP INDEX is ALTER TABLE … DROP INDEX, which the engine runs for a unique constraint too
        assertEquals("ALTER TABLE t DROP INDEX `t#k_1`", h2("DROP INDEX k_1 ON t"));
        assertEquals("ALTER TABLE t ADD INDEX `t#k2` (k), DROP INDEX `t#k1`, ADD CONSTRAINT `t#c` UNIQUE (a)",
                h2("ALTER TABLE t ADD INDEX k2 (k), DROP KEY k1, ADD CONSTRAINT c UNIQUE (a)"));
        assertEquals("t#k_1", IndexDdl.h2KeyName("t", "k_1"));
        assertEquals("k_1", IndexDdl.mysqlKeyName("t", "t#k_1"));
        assertEquals("k_1", IndexDdl.mysqlKeyName("renamed", "t#k_1"));
        assertEquals("CONSTRAINT_INDEX_E", IndexDdl.mysqlKeyName("t", "CONSTRAINT_INDEX_E"));
    }

    @Test
    void serverValuesKeepTheLabelOfTheItemAsTypedAndAliasesStay() {
        var text = LEXER.statement("SELECT @@version_comment, 1+1 AS two, c x, COUNT(*) FROM t WHERE a = 1");
        var query = EngineQuery.of(text).replace(2, 2, new EngineQuery.TextLiteral("it's")).build();
        assertEquals("SELECT 'it''s' AS `@@version_comment`, 1+1 AS two, c x, COUNT(*) AS `COUNT(*)` FROM t WHERE a = 1",
                MySqlToH2.translate(query, n -> null).sql());
        assertEquals("SELECT 'it\\'s', 1+1 AS two, c x, COUNT(*) FROM t WHERE a = 1".replace("\\'", "''"),
                query.mysqlText());
    }

    @Test
    void alterTableSpecificationsRunOneByOne() {
        // a MODIFY drops the range checks an UNSIGNED column had (NumericColumns)
        assertEquals(List.of("ALTER TABLE db.t ADD a int", "ALTER TABLE db.t MODIFY b decimal(10,2)",
                "CALL PUBLIC.\"minisqld_drop_range_checks\"('db', 't', 'b', NULL)",
                        "ALTER TABLE db.t ADD c enum('x','y')"),
                translate("ALTER TABLE db.t ADD a int, MODIFY b decimal(10,2), ADD c enum('x','y')").statements());
        assertEquals(List.of("ALTER TABLE t ADD a int"), translate("ALTER TABLE t ADD a int").statements());
    }

    @Test
    void mySqlOperatorsAndFunctionsH2SpellsDifferently() {
        assertEquals("SELECT CASEWHEN(a > 0, 'y', 'n') AS `IF(a > 0, 'y', 'n')` FROM t",
                h2("SELECT IF(a > 0, 'y', 'n') FROM t"));
        assertEquals("SELECT PUBLIC.\"minisqld_castsigned\"(v ) AS `CAST(v AS SIGNED INTEGER)`, PUBLIC.\"minisqld_castunsigned\"(w ) AS `CONVERT(w, UNSIGNED)` FROM t",
                h2("SELECT CAST(v AS SIGNED INTEGER), CONVERT(w, UNSIGNED) FROM t"));
        // a remainder by zero is NULL in a query (MySQL's MOD(N, 0)), not the engine's error
        assertEquals("SELECT a % (3 + 0 * a) AS `a MOD 3`, PUBLIC.\"minisqld_int_divide\"(7 , 2) AS `7 DIV 2`, MOD(a, (2 + 0 * a)) AS `MOD(a, 2)` FROM t",
                h2("SELECT a MOD 3, 7 DIV 2, MOD(a, 2) FROM t"));
        assertEquals("DROP TABLE IF EXISTS t", h2("DROP TABLE IF EXISTS t"));
        assertEquals("CREATE TABLE t (id BIGINT CHECK (`id` BETWEEN 0 AND 4294967295))",
                h2("CREATE TABLE t (id int unsigned)"));
        assertEquals("SELECT 'a' 'b' AS `a`", h2("SELECT 'a' 'b'"));
    }

    @Test
    void sleepBecomesTheCancellableAlias() {
        assertEquals("SELECT PUBLIC.\"minisqld_sleep\"(1) AS `SLEEP(1)`", h2("SELECT SLEEP(1)"));
    }

    @Test
    void errorOffsetsMapBackToTheMySqlText() {
        MySqlToH2.Translation tr = translate("SELECT \"a\" FROM t WHERE");
        int where = tr.sql().indexOf("WHERE");
        assertEquals("WHERE", tr.origin().source().substring(tr.originalOffset(where)));
    }

    @Test
    void unsignedColumnsAreWiderH2TypesWithARangeCheck() {
        assertEquals("CREATE TABLE t (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY CHECK (`id` BETWEEN 0 AND 4294967295),"
                + " b NUMERIC(20) CHECK (`b` BETWEEN 0 AND 18446744073709551615), m INTEGER CHECK (`m` BETWEEN -8388608 AND 8388607),"
                + " z SMALLINT CHECK (`z` BETWEEN 0 AND 255 AND `z` >= 0), d DECIMAL(5,2) CHECK (`d` >= 0), s SMALLINT)",
                h2("CREATE TABLE t (id INT(10) UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, b BIGINT UNSIGNED,"
                        + " m MEDIUMINT, z TINYINT ZEROFILL, d DECIMAL(5,2) UNSIGNED, s SMALLINT)").replace(" ,", ",")
                        .replaceAll(" +\\)", ")"));
        // MODIFY and CHANGE take no check in H2: it is added first, the old ones go after
        assertEquals(List.of("ALTER TABLE t ADD CHECK (`a` BETWEEN 0 AND 255)",
                "ALTER TABLE t MODIFY COLUMN a SMALLINT", "ALTER TABLE t ALTER COLUMN `a` RENAME TO `b`",
                "CALL PUBLIC.\"minisqld_drop_range_checks\"(NULL, 't', 'b', 'TINYINT/true/false')"),
                translate("ALTER TABLE t CHANGE COLUMN a b TINYINT UNSIGNED").statements().stream()
                        .map(x -> x.replaceAll("\\s+", " ").trim()).toList());
    }

    /**
     * GROUP BY … WITH ROLLUP is the UNION ALL of one grouped SELECT per level, the rolled-up
     * columns NULL outside aggregates, sorted by two hidden columns per GROUP BY column (whether
     * the row rolled it up, and its value) that the session does not return.
     */
    @Test
    void rollupIsAUnionOfItsLevelsSortedByHiddenColumns() {
        MySqlToH2.Translation tr = translate("SELECT a, b, SUM(c) FROM t GROUP BY a, b DESC WITH ROLLUP LIMIT 3");
        assertEquals(4, tr.hiddenColumns());
        String[] levels = tr.sql().replaceAll("\\s+", " ").split(" UNION ALL ");
        assertEquals(3, levels.length);
        assertEquals("SELECT a AS `a`, b AS `b`, (SUM(c) + CAST(0 AS NUMERIC(1))) AS `SUM(c)` , 0 AS `__minisqld_rollup_g0` , a AS"
                + " `__minisqld_rollup_k0` , 0 AS `__minisqld_rollup_g1` , b AS `__minisqld_rollup_k1` FROM t GROUP BY a , b",
                levels[0].trim());
        assertTrue(levels[1].startsWith("SELECT a AS `a`, NULL AS `NULL` , (SUM(c) + CAST(0 AS NUMERIC(1)))"), levels[1]);
        assertTrue(levels[1].endsWith("GROUP BY a"), levels[1]);
        assertTrue(levels[2].startsWith("SELECT NULL AS `NULL` , NULL AS `NULL` , (SUM(c) + CAST(0 AS NUMERIC(1)))"), levels[2]);
        assertTrue(levels[2].trim().endsWith("FROM t HAVING COUNT ( * ) > 0 ORDER BY `__minisqld_rollup_g0` ,"
                + " `__minisqld_rollup_k0` , `__minisqld_rollup_g1` , `__minisqld_rollup_k1` DESC LIMIT 3"), levels[2]);
    }

    /** TIME(expr) is MySQL's function; TIME(n) after AS, in CONVERT and in a column definition the type. */
    @org.junit.jupiter.api.Test
    void timeIsAFunctionWhereItIsNoType() {
        assertEquals("SELECT PUBLIC.\"minisqld_time\"(101112) AS `TIME(101112)`", h2("SELECT TIME(101112)"));
        assertEquals("SELECT f(1, PUBLIC.\"minisqld_time\"(3)) AS `f(1, TIME(3))`", h2("SELECT f(1, TIME(3))"));
        // its argument read as MySQL reads a time (a datetime's time of day)
        assertEquals("SELECT CAST(PUBLIC.\"minisqld_temporalcasttext\"(x , 'time') AS TIME(3)) AS `CAST(x AS TIME(3))`",
                h2("SELECT CAST(x AS TIME(3))"));
        assertEquals("SELECT CONVERT(PUBLIC.\"minisqld_temporalcasttext\"(x, 'time') , TIME(3)) AS `CONVERT(x, TIME(3))`",
                h2("SELECT CONVERT(x, TIME(3))"));
        assertEquals("CREATE TABLE t (a TIME(3), `b` TIME(2))", h2("CREATE TABLE t (a TIME(3), `b` TIME(2))"));
        assertEquals("ALTER TABLE t ADD c TIME(1)", h2("ALTER TABLE t ADD c TIME(1)"));
    }

    private static String loose(String mysql) {
        return MySqlToH2.translate(EngineQuery.of(LEXER.statement(mysql)).build(), n -> null, null, false, true).sql()
                .replaceAll("\\s+", " ").trim();
    }

    /**
     * MySQL 5.7 without ONLY_FULL_GROUP_BY (its manual, 12.20.3 "MySQL Handling of GROUP BY"): a
     * grouped query's column neither grouped nor aggregated is one of the group's values, MIN(col)
     * here; grouped columns, aggregates' arguments, aliases, positions, GROUP BY expressions,
     * subqueries, windows, CAST / CONVERT types and INTERVAL units stay as written.
     */
    @Test
    void looseColumnsOfAGroupedQueryBecomeOneOfTheGroupsValues() {
        assertEquals("select a AS `a`, MIN(b) AS `b` from t group by a", loose("select a, b from t group by a"));
        assertEquals("select MIN(a) AS `a`, count(*) AS `count(*)` from t", loose("select a, count(*) from t"));
        assertEquals("select a AS `a`, MIN(b)+1 x, count(*) c from t group by a having MIN(b) > 0 and c > 1"
                + " order by MIN(b), x", loose("select a, b+1 x, count(*) c from t group by a having b > 0 and c > 1"
                + " order by b, x"));
        assertEquals("select year(d) AS `year(d)`, MIN(e) AS `e` from t group by year(d) order by year(d)",
                loose("select year(d), e from t group by year(d) order by year(d)"));
        assertEquals("select t.a AS `a`, MIN(u.b) AS `b` from t join u on t.a=u.a group by t.a",
                loose("select t.a, u.b from t join u on t.a=u.a group by t.a"));
        assertEquals("select a+1 y, MIN(b) AS `b` from t group by y", loose("select a+1 y, b from t group by y"));
        assertEquals("select a AS `a`, MIN(b) AS `b` from t group by 1 order by 1", loose("select a, b from t group by 1 order by 1"));
        assertEquals("select a AS `a`, convert(MIN(b), VARCHAR) AS `convert(b, char)` from t group by a",
                loose("select a, convert(b, char) from t group by a"));
        assertEquals("select a AS `a`, PUBLIC.\"minisqld_dateadd\"(MIN(d), MIN(day) , 'DAY') AS"
                + " `date_add(d, interval day day)` from t group by a",
                loose("select a, date_add(d, interval day day) from t group by a"));
        assertEquals("select a AS `a`, (select max(b) from u where u.a = 1) AS `(select max(b) from u where u.a = 1)`"
                + " from t group by a", loose("select a, (select max(b) from u where u.a = 1) from t group by a"));
        // EXTRACT's unit and TRIM's words are no columns, even where no table tells the columns
        assertEquals("select a AS `a`, extract(year from MIN(d)) AS `extract(year from d)`,"
                + " trim(leading 'x' from MIN(b)) AS `trim(leading 'x' from b)` from t group by a",
                loose("select a, extract(year from d), trim(leading 'x' from b) from t group by a"));
        // a window function does not group; the last part of a UNION leaves the union's ORDER BY alone
        assertEquals("select a AS `a`, count(*) over () AS `count(*) over ()` from t",
                loose("select a, count(*) over () from t"));
        assertEquals("select a AS `a` from t union select MIN(b) AS `b` from u group by c order by a",
                loose("select a from t union select b from u group by c order by a"));
    }
}
