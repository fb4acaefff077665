package io.minisqld.server.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.server.error.SqlError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MySQL's lexical rules (protocol spec §1.10.5: comments and executable comments). */
class LexerTest {
    private final QueryLexer lexer = new QueryLexer();

    private List<Token> significant(String sql) {
        return lexer.statement(sql).significant();
    }

    private List<String> words(String sql) {
        return significant(sql).stream().map(Token::value).toList();
    }

    @Test
    void stringEscapesAndQuotes() {
        List<Token> t = significant("SELECT 'it''s', \"a\\\"b\\n\", `we``ird`");
        assertEquals("it's", t.get(1).value());
        assertEquals(TokenType.STRING, t.get(3).type());
        assertEquals("a\"b\n", t.get(3).value());
        assertEquals(TokenType.QUOTED_IDENT, t.get(5).type());
        assertEquals("we`ird", t.get(5).value());
    }

    @Test
    void commentsAreSkippedAndExecutableCommentsOpened() {
        assertEquals(List.of("SELECT", "1"), words("/* mysql-connector-j-9.1.0 */ SELECT 1 -- trailing"));
        assertEquals(List.of("CREATE", "TABLE", "t", "(", "a", "INT", ")", "ENGINE", "=", "innodb"),
                words("CREATE TABLE t (a INT) /*! ENGINE = innodb */"));
        assertEquals(List.of("SELECT", "1"), words("SELECT 1 /*!80000 , 2 */"), "a newer version stays a comment");
        assertEquals(List.of("SELECT", "1", ",", "2"), words("SELECT 1 /*!50700 , 2 */"));
        assertEquals(List.of("SELECT", "1"), words("SELECT 1 /*M!100100 , 2 */"), "MariaDB-only comments are skipped");
        assertEquals(List.of("SELECT", "1"), words("SELECT 1 # hash comment"));
    }

    /**
     * What the binary log records of a statement: its text from the first word to the last, with
     * the closing of a version comment opened in between (mariadb-dump's {@code CREATE DATABASE d
     * /*!40100 DEFAULT CHARACTER SET …}{@code *}{@code /}); a replica had got the comment unclosed and stopped with 1064.
     */
    @Test
    void loggedTextClosesTheVersionCommentsItOpened() {
        assertEquals("CREATE DATABASE d /*!40100 DEFAULT CHARACTER SET latin1 */",
                lexer.statement("CREATE DATABASE d /*!40100 DEFAULT CHARACTER SET latin1 */;").loggedText());
        assertEquals("ALTER TABLE `t` DISABLE KEYS",
                lexer.statement("/*!40000 ALTER TABLE `t` DISABLE KEYS */").loggedText());
        assertEquals("CREATE TABLE t (a INT) /*! ENGINE = innodb */",
                lexer.statement("  CREATE TABLE t (a INT) /*! ENGINE = innodb */ -- done").loggedText());
    }

    @Test
    void variablesAndNumbers() {
        List<Token> t = significant("SELECT @@global.max_connections, @x, 1.5e3, 0x1F, t1.c");
        assertEquals(TokenType.SYSTEM_VAR, t.get(1).type());
        assertEquals("global.max_connections", t.get(1).value());
        assertEquals(TokenType.USER_VAR, t.get(3).type());
        assertEquals("x", t.get(3).value());
        assertEquals(TokenType.NUMBER, t.get(5).type());
        assertEquals(TokenType.HEX, t.get(7).type());
        assertEquals(List.of("t1", ".", "c"), t.subList(9, 12).stream().map(Token::text).toList());
    }

    @Test
    void unterminatedStringIsASyntaxError() {
        SqlError e = assertThrows(SqlError.class, () -> lexer.statement("SELECT 'abc"));
        assertEquals(1064, e.number());
        assertEquals("You have an error in your SQL syntax; check the manual that corresponds to your MySQL server "
                + "version for the right syntax to use near ''abc' at line 1", e.getMessage());
    }

    @Test
    void splitterKeepsSemicolonsInsideLiteralsAndComments() {
        assertEquals(List.of("SELECT ';'", "SELECT 2 /* ; */"), lexer.statements("SELECT ';'; SELECT 2 /* ; */;", true)
                .stream().map(StatementText::text).toList());
        assertEquals(List.of(), lexer.statements(" ; ", true));
        assertEquals(2, lexer.passes(), "one pass per query, however many statements it holds");
    }

    /** A trigger's (or routine's) BEGIN … END body keeps its semicolons; BEGIN as a statement does not nest. */
    @Test
    void splitterKeepsACompoundBodyWhole() {
        String trigger = "CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW BEGIN IF NEW.a < 0 THEN SET NEW.a = 0;"
                + " END IF; SET NEW.b = CASE WHEN NEW.a > 1 THEN 1 ELSE 2 END; END";
        assertEquals(List.of("BEGIN", "INSERT INTO x VALUES (1)", trigger, "COMMIT"),
                lexer.statements("BEGIN; INSERT INTO x VALUES (1); " + trigger + "; COMMIT;", true)
                        .stream().map(StatementText::text).toList());
    }

    @Test
    void likePatternIsCaseInsensitiveWithEscapes() {
        assertTrue(new LikePattern("rpl_semi_sync%").matches("RPL_SEMI_SYNC_MASTER_ENABLED"));
        assertTrue(new LikePattern("have\\_dynamic%").matches("have_dynamic_loading"));
        assertFalse(new LikePattern("have\\_dynamic%").matches("haveXdynamic_loading"));
    }
}
