package io.minisqld.server.sql.statement;

import java.util.List;

/**
 * SET in its forms: system variables with GLOBAL / SESSION / LOCAL / {@code @@} scopes, user
 * variables, NAMES, CHARACTER SET and TRANSACTION, as one comma list. A scope keyword carries over
 * to the following assignments of the list, as in MySQL's grammar.
 */
public record SetStatement(List<Assignment> assignments) implements Statement {

    public SetStatement {
        assignments = List.copyOf(assignments);
    }

    @Override
    public StatementKind kind() {
        return StatementKind.SET_OPTION;
    }

    public enum Scope { SESSION, GLOBAL }

    /** One element of the SET list. */
    public sealed interface Assignment {
    }

    /** {@code [GLOBAL|SESSION] name = value} or {@code @@[global.]name = value}. */
    public record SystemVariable(Scope scope, String name, Value value) implements Assignment {
    }

    /** {@code @name = value}; the name as typed. */
    public record UserVariable(String name, Value value) implements Assignment {
    }

    /** {@code NAMES charset [COLLATE collation]}; charset null for DEFAULT, collation null if not named. */
    public record Names(String charset, String collation) implements Assignment {
    }

    /** {@code CHARACTER SET charset}; null for DEFAULT. */
    public record CharacterSet(String charset) implements Assignment {
    }

    /**
     * {@code [GLOBAL|SESSION] TRANSACTION ISOLATION LEVEL … | READ ONLY | READ WRITE}, as the
     * variables they set ({@code transaction_isolation = REPEATABLE-READ}, {@code transaction_read_only = ON}).
     *
     * @param scope GLOBAL, SESSION, or null: without either MySQL sets the next transaction's only
     */
    public record Transaction(Scope scope, List<Characteristic> characteristics) implements Assignment {
        public Transaction {
            characteristics = List.copyOf(characteristics);
        }
    }

    public record Characteristic(String variable, String value) {
    }

    /** The right-hand side of an assignment. */
    public sealed interface Value {
    }

    /** A number literal as typed, with its sign. */
    public record NumberValue(String text) implements Value {
    }

    public record TextValue(String text) implements Value {
    }

    /** A bare word or quoted identifier ({@code ON}, {@code `utf8mb4`}). */
    public record WordValue(String word) implements Value {
    }

    public record DefaultValue() implements Value {
    }

    public record NullValue() implements Value {
    }

    /** {@code @@name}: the variable's text after {@code @@}. */
    public record SystemVariableValue(String name) implements Value {
    }

    /** {@code @name}. */
    public record UserVariableValue(String name) implements Value {
    }

    /** Anything else: an expression the engine evaluates. */
    public record ExpressionValue(SqlSpan expression) implements Value {
    }
}
