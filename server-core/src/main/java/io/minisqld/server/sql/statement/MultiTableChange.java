package io.minisqld.server.sql.statement;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A multi-table UPDATE or DELETE (MySQL's SQLCOM_UPDATE_MULTI and SQLCOM_DELETE_MULTI): the
 * tables its join reads, which of them it changes and, for UPDATE, what it sets. Its clauses are
 * kept as the statement's own tokens (by identity), which the engine translates.
 *
 * @param delete      a DELETE; otherwise an UPDATE
 * @param references  the join's table references (tables and derived tables), in the order written
 * @param deleted     DELETE: the references it deletes from, in the order its table list names
 *                    them (indexes into {@code references}); empty for UPDATE
 * @param assignments UPDATE: its SET list in order; empty for DELETE
 * @param joinFirst   the table references' first token
 * @param joinLast    their last token
 * @param whereFirst  the WHERE condition's first token, or null without WHERE
 * @param whereLast   its last token, or null
 * @param readInside  the tables named inside its subqueries and derived tables (read: SELECT)
 */
public record MultiTableChange(boolean delete, List<Reference> references, List<Integer> deleted,
                               List<Assignment> assignments, Token joinFirst, Token joinLast, Token whereFirst,
                               Token whereLast, List<TableRef> readInside) {

    public MultiTableChange {
        references = List.copyOf(references);
        deleted = List.copyOf(deleted);
        assignments = List.copyOf(assignments);
        readInside = List.copyOf(readInside);
    }

    /**
     * One table reference of the join.
     *
     * @param database the database it is qualified with, or null (the current one); null for a derived table
     * @param table    the table's name as written; null for a derived table
     * @param alias    its alias, or null
     */
    public record Reference(String database, String table, String alias) {
        /** A derived table, {@code (SELECT …) AS alias}. */
        public boolean derived() {
            return table == null;
        }

        /** The name the statement knows it by: its alias, or the table's name. */
        public String name() {
            return alias != null ? alias : table;
        }
    }

    /**
     * One {@code [[db.]table.]column = value} of an UPDATE's SET list.
     *
     * @param reference  the reference whose column it sets (index into the references), or -1 while a
     *                   column without a qualifier is not resolved yet ({@link #resolve})
     * @param written    the column as written ({@code a.x}), for error messages
     * @param column     the column's name
     * @param valueFirst the value's first token
     * @param valueLast  its last token
     * @param toDefault  the value is {@code DEFAULT}: the column's default
     */
    public record Assignment(int reference, String written, String column, Token valueFirst, Token valueLast,
                             boolean toDefault) {
    }

    /**
     * The multi-table reading of a statement, or null when it is not a multi-table UPDATE or DELETE
     * (for statements that reach the engine without the statement model: a trigger's body).
     */
    public static MultiTableChange of(io.minisqld.server.sql.StatementText text, String currentDatabase) {
        return MultiTableParser.parse(text, currentDatabase);
    }

    /** True once every assignment knows its table. */
    public boolean resolved() {
        for (Assignment a : assignments) {
            if (a.reference() < 0) return false;
        }
        return true;
    }

    /**
     * The assignments' unqualified columns resolved as MySQL resolves them: the one table of the
     * join that has such a column (1054 when none has it, 1052 when several have).
     *
     * @param columns (database or null, table) → the table's column names
     */
    public MultiTableChange resolve(BiFunction<String, String, List<String>> columns) {
        if (resolved()) return this;
        List<List<String>> known = new ArrayList<>();
        for (Reference r : references) known.add(r.derived() ? List.of() : columns.apply(r.database(), r.table()));
        List<Assignment> out = new ArrayList<>();
        for (Assignment a : assignments) {
            if (a.reference() >= 0) {
                out.add(a);
                continue;
            }
            int found = -1;
            for (int i = 0; i < references.size(); i++) {
                boolean has = false;
                for (String c : known.get(i)) has |= c.equalsIgnoreCase(a.column());
                if (!has) continue;
                if (found >= 0) throw ErrorCode.ER_NON_UNIQ_ERROR.error(a.column(), "field list");
                found = i;
            }
            if (found < 0) throw ErrorCode.ER_BAD_FIELD_ERROR.error(a.written(), "field list");
            out.add(new Assignment(found, a.written(), a.column(), a.valueFirst(), a.valueLast(), a.toDefault()));
        }
        return new MultiTableChange(delete, references, deleted, out, joinFirst, joinLast, whereFirst, whereLast,
                readInside);
    }

    /** The references the statement changes, in the order it first names them. */
    public List<Integer> changed() {
        if (delete) return deleted;
        List<Integer> out = new ArrayList<>();
        for (Assignment a : assignments) {
            if (a.reference() >= 0 && !out.contains(a.reference())) out.add(a.reference());
        }
        return out;
    }

    /**
     * The tables it names with the privilege each needs: UPDATE or DELETE where it changes rows,
     * SELECT where it only reads them (as MySQL's multi-table checks ask).
     */
    public List<TableRef> tables() {
        List<Integer> changed = changed();
        List<TableRef> out = new ArrayList<>();
        for (int i = 0; i < references.size(); i++) {
            Reference r = references.get(i);
            if (r.derived()) continue;
            Privilege p = !changed.contains(i) ? Privilege.SELECT : delete ? Privilege.DELETE : Privilege.UPDATE;
            out.add(new TableRef(r.database(), r.table(), p));
        }
        out.addAll(readInside);
        return out;
    }

    /** The statement's name in MySQL's messages (1288: "… of the UPDATE is not updatable"). */
    public String verb() {
        return delete ? "DELETE" : "UPDATE";
    }
}
