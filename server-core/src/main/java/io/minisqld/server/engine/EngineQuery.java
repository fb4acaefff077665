package io.minisqld.server.engine;

import io.minisqld.server.charset.MysqlCharset;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.statement.ColumnValues;
import io.minisqld.server.sql.statement.MultiTableChange;
import io.minisqld.server.sql.Token;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A MySQL statement for the engine, as tokens (never text to be lexed again), with the edits the
 * server makes to it: the values of its server values (variables, server functions) and any text
 * the server inserts (a replicated INSERT's AUTO_INCREMENT values). The engine translates the
 * tokens to its own dialect; {@link #mysqlText()} renders the edited statement as MySQL SQL, which
 * is what the binary log records.
 *
 * <p>Immutable once built; each execution builds its own, so a statement parsed once can run
 * many times with other values.
 */
public final class EngineQuery {
    /** A literal value the server puts in place of tokens. */
    public sealed interface Literal {
    }

    public record NullLiteral() implements Literal {
    }

    /** A number, written as SQL reads it. */
    public record NumberLiteral(String text) implements Literal {
    }

    /** A character string; each dialect quotes it its own way. */
    public record TextLiteral(String value) implements Literal {
    }

    /**
     * Tokens [first, last] are replaced by a literal.
     *
     * @param engineOnly the engine sees it, the binlog's text does not (the server's generated
     *                   AUTO_INCREMENT values, which an INTVAR event carries instead)
     */
    public record Replacement(int first, int last, Literal literal, boolean engineOnly) {
    }

    private final List<Token> tokens;
    private final StatementText origin;
    private final Map<Integer, Replacement> replacements;
    private final Map<Integer, String> insertions;
    /** Insertions the engine sees and the binlog's text does not. */
    private final Map<Integer, String> engineInsertions;
    private final MysqlCharset clientCharset;
    private final MysqlCharset resultsCharset;
    private final ColumnValues values;
    private final MultiTableChange multiTable;
    private final boolean strictDivision;
    private final boolean fullGroupBy;
    private final long groupConcatMaxLen;
    private final Settings settings;

    /**
     * The session's settings a statement runs under.
     *
     * @param maxExecutionMillis max_execution_time: a SELECT running longer fails with 3024; 0 for no limit
     * @param foreignKeyChecks   foreign_key_checks: off, the statement's rows are not checked
     *                           against foreign keys (nor cascaded), as InnoDB does with it off
     * @param fixedNow           the current time the statement sees (NOW(), CURDATE(), a column's
     *                           DEFAULT CURRENT_TIMESTAMP, …), in the session's time zone: when the
     *                           statement began, a replicated statement's time at its source, or
     *                           SET timestamp's; null for the engine's clock
     * @param storedFunctions    a called name ("f" or "db.f") → the engine call that stands for the
     *                           stored function of that name, or null when there is none; null when
     *                           no stored function exists
     * @param random             the session's RAND() generator (MySQL's, so that a RAND event's seeds
     *                           give a replica the same values); null: a generator of the statement's own
     * @param divPrecisionIncrement div_precision_increment: the digits {@code /} adds to the dividend's scale
     */
    public record Settings(long maxExecutionMillis, boolean foreignKeyChecks, java.time.LocalDateTime fixedNow,
                           java.util.function.Function<String, StoredFunctionCall> storedFunctions,
                           MysqlRandom random, int divPrecisionIncrement,
                           java.util.function.Consumer<io.minisqld.server.error.SqlError> warnings,
                           java.util.function.Consumer<io.minisqld.server.error.SqlError> notes) {
        /**
         * What the server's own statements run with: no time limit, foreign keys checked, the
         * clock, warnings and notes dropped.
         */
        public static final Settings DEFAULT = new Settings(0, true, null, null, null, 4, w -> { }, n -> { });
    }

    /**
     * A stored function's call as the engine makes it: the session that runs it, its routine, and
     * the kind of value it returns.
     */
    public record StoredFunctionCall(long sessionId, String database, String name, ReturnKind returns) {
    }

    /** What a stored function's RETURNS type gives the engine's expression. */
    public enum ReturnKind { INTEGER, DECIMAL, DOUBLE, TEXT, BINARY }

    private EngineQuery(List<Token> tokens, StatementText origin, Map<Integer, Replacement> replacements,
                        Map<Integer, String> insertions, Map<Integer, String> engineInsertions,
                        MysqlCharset clientCharset, MysqlCharset resultsCharset, ColumnValues values,
                        MultiTableChange multiTable, boolean strictDivision, boolean fullGroupBy, long groupConcatMaxLen,
                        Settings settings) {
        this.multiTable = multiTable;
        this.groupConcatMaxLen = groupConcatMaxLen;
        this.strictDivision = strictDivision;
        this.fullGroupBy = fullGroupBy;
        this.settings = settings;
        this.values = values;
        this.tokens = tokens;
        this.origin = origin;
        this.clientCharset = clientCharset;
        this.resultsCharset = resultsCharset;
        this.replacements = Collections.unmodifiableMap(replacements);
        this.insertions = Collections.unmodifiableMap(insertions);
        this.engineInsertions = Collections.unmodifiableMap(engineInsertions);
    }

    /** Every token, blanks included. */
    public List<Token> tokens() {
        return tokens;
    }

    /** The character set the statement came in: its string literals' bytes are in it. */
    public MysqlCharset clientCharset() {
        return clientCharset;
    }

    /** The character set text results go back in. */
    public MysqlCharset resultsCharset() {
        return resultsCharset;
    }

    /** Which column each value of an INSERT, REPLACE or UPDATE goes to, or null. */
    /**
     * Whether a division by zero is an error (1365) rather than NULL: MySQL's strict mode with
     * ERROR_FOR_DIVISION_BY_ZERO, for statements that change data.
     */
    public boolean strictDivision() {
        return strictDivision;
    }

    /**
     * Whether sql_mode has ONLY_FULL_GROUP_BY: a grouped query's column that is neither grouped nor
     * aggregated is an error (1055, 1140), not one of its group's values.
     */
    public boolean fullGroupBy() {
        return fullGroupBy;
    }

    /** group_concat_max_len: the bytes each GROUP_CONCAT of the statement is cut to; 0 for no cut. */
    public long groupConcatMaxLen() {
        return groupConcatMaxLen;
    }

    public ColumnValues values() {
        return values;
    }

    /** The statement model's reading of a multi-table UPDATE or DELETE, or null. */
    public MultiTableChange multiTable() {
        return multiTable;
    }

    /** The session's settings the statement runs under. */
    public Settings settings() {
        return settings;
    }

    /** The client's statement this query comes from: error messages quote it. */
    public StatementText origin() {
        return origin;
    }

    /** The replacement starting at token {@code index}, or null. */
    public Replacement replacementAt(int index) {
        return replacements.get(index);
    }

    /**
     * Raw text the engine sees inserted before token {@code index} ({@code tokens().size()}: at the
     * end), or null.
     */
    public String insertionBefore(int index) {
        String all = insertions.get(index);
        String engine = engineInsertions.get(index);
        if (engine == null) return all;
        return all == null ? engine : all + engine;
    }

    /** The statement as MySQL SQL with the server's values in place, as the binlog records it. */
    public String mysqlText() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            String ins = insertions.get(i);
            if (ins != null) out.append(ins);
            Replacement r = replacements.get(i);
            if (r != null && !r.engineOnly()) {
                out.append(mysqlLiteral(r.literal()));
                i = r.last();
                continue;
            }
            out.append(tokens.get(i).text());
        }
        String end = insertions.get(tokens.size());
        if (end != null) out.append(end);
        return out.toString();
    }

    /** A literal as MySQL reads it. */
    public static String mysqlLiteral(Literal literal) {
        if (literal instanceof NumberLiteral n) return n.text();
        if (literal instanceof TextLiteral t) return StatementText.quote(t.value());
        return "NULL";
    }

    /** Starts a query of one statement's tokens. */
    public static Builder of(StatementText statement) {
        return new Builder(statement).append(statement.tokens());
    }

    /** Starts an empty query whose errors quote {@code origin}. */
    public static Builder builder(StatementText origin) {
        return new Builder(origin);
    }

    /** Builds a query from runs of tokens and the server's edits. */
    public static final class Builder {
        private final StatementText origin;
        private final List<Token> tokens = new ArrayList<>();
        private final Map<Integer, Replacement> replacements = new HashMap<>();
        private final Map<Integer, String> insertions = new HashMap<>();
        private final Map<Integer, String> engineInsertions = new HashMap<>();
        private MysqlCharset clientCharset = MysqlCharset.UTF8MB4;
        private MysqlCharset resultsCharset = MysqlCharset.UTF8MB4;
        private ColumnValues values;
        private MultiTableChange multiTable;
        private boolean strictDivision;
        private boolean fullGroupBy;
        private long groupConcatMaxLen;
        private Settings settings = Settings.DEFAULT;

        private Builder(StatementText origin) {
            this.origin = origin;
        }

        /** Which column each value goes to (the statement model's reading of an INSERT or UPDATE). */
        public Builder values(ColumnValues columnValues) {
            this.values = columnValues;
            return this;
        }

        /** The multi-table UPDATE or DELETE these tokens are (the statement model's reading). */
        public Builder multiTable(MultiTableChange change) {
            this.multiTable = change;
            return this;
        }

        /** The session's settings (max_execution_time, foreign_key_checks); the default when not set. */
        public Builder settings(Settings sessionSettings) {
            this.settings = sessionSettings;
            return this;
        }

        /** The session's character_set_client and character_set_results (utf8mb4 both when not set). */
        public Builder charsets(MysqlCharset client, MysqlCharset results) {
            this.clientCharset = client;
            this.resultsCharset = results;
            return this;
        }

        /** See {@link EngineQuery#fullGroupBy()}. */
        public Builder fullGroupBy(boolean full) {
            this.fullGroupBy = full;
            return this;
        }

        /** See {@link EngineQuery#groupConcatMaxLen()}. */
        public Builder groupConcatMaxLen(long bytes) {
            this.groupConcatMaxLen = bytes;
            return this;
        }

        /** See {@link EngineQuery#strictDivision()}. */
        public Builder strictDivision(boolean strict) {
            this.strictDivision = strict;
            return this;
        }

        /** The index the next appended token gets. */
        public int size() {
            return tokens.size();
        }

        public Builder append(List<Token> run) {
            tokens.addAll(run);
            return this;
        }

        /** Replaces tokens [first, last] (indexes in this query) by a literal. */
        public Builder replace(int first, int last, Literal literal) {
            replacements.put(first, new Replacement(first, last, literal, false));
            return this;
        }

        /** As {@link #replace}, for the engine only: the binlog's text keeps the tokens. */
        public Builder replaceForEngine(int first, int last, Literal literal) {
            replacements.put(first, new Replacement(first, last, literal, true));
            return this;
        }

        /** Inserts raw SQL before token {@code index} (the current size: at the end). */
        public Builder insertBefore(int index, String sql) {
            insertions.merge(index, sql, String::concat);
            return this;
        }

        /** As {@link #insertBefore}, for the engine only: the binlog's text does not get it. */
        public Builder insertBeforeForEngine(int index, String sql) {
            engineInsertions.merge(index, sql, String::concat);
            return this;
        }

        public EngineQuery build() {
            return new EngineQuery(List.copyOf(tokens), origin, new HashMap<>(replacements), new HashMap<>(insertions),
                    new HashMap<>(engineInsertions), clientCharset, resultsCharset, values, multiTable, strictDivision,
                    fullGroupBy, groupConcatMaxLen, settings);
        }
    }
}
