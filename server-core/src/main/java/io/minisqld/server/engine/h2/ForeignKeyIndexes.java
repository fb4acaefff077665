package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.sql.Token;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The index of a foreign key, as InnoDB keeps it. A foreign key whose columns no index begins
 * with gets an index of its own (named after the constraint, or the index name given, or its
 * first column), and:
 * <ul>
 *   <li>{@code ALTER TABLE … DROP FOREIGN KEY fk} leaves that index in place (MySQL 5.7 manual
 *   13.1.8.3, "Dropping foreign key constraints"); H2 dropped it with the constraint, so SHOW
 *   CREATE TABLE lost a key a MySQL or MariaDB replica kept, and a later {@code DROP INDEX} of it
 *   was 1091 here only. The index is made again after the statement.</li>
 *   <li>an index a foreign key needs cannot be dropped while the key stays: 1553 "Cannot drop
 *   index 'k': needed in a foreign key constraint" (the server said 1091 for the key's own index
 *   and 1105 for one of the user's); {@code DROP FOREIGN KEY fk, DROP INDEX k} in one statement
 *   drops both.</li>
 * </ul>
 */
final class ForeignKeyIndexes {
    private ForeignKeyIndexes() {
    }

    /**
     * For {@code DROP INDEX k ON t} and {@code ALTER TABLE t … DROP INDEX|KEY k … DROP FOREIGN KEY
     * fk …}: 1553 for an index a foreign key that stays needs; what makes the dropped foreign
     * keys' own indexes again once the statement ran, or null when there are none.
     */
    static Runnable plan(H2EngineSession session, TableMetadata metadata, List<Token> sig) {
        String[] target = target(sig);
        if (target == null) return null;
        Set<String> droppedIndexes = new HashSet<>();
        Set<String> droppedKeys = new HashSet<>();
        if (sig.get(0).is("DROP")) {
            droppedIndexes.add(sig.get(2).value().toLowerCase(Locale.ROOT));
        } else {
            int depth = 0;
            for (int k = Integer.parseInt(target[2]); k + 2 < sig.size(); k++) {
                Token t = sig.get(k);
                if (t.isSymbol("(")) depth++;
                else if (t.isSymbol(")")) depth--;
                if (depth != 0 || !t.is("DROP")) continue;
                if ((sig.get(k + 1).is("INDEX") || sig.get(k + 1).is("KEY")) && sig.get(k + 2).isIdentifier()) {
                    droppedIndexes.add(sig.get(k + 2).value().toLowerCase(Locale.ROOT));
                } else if (sig.get(k + 1).is("FOREIGN") && k + 3 < sig.size() && sig.get(k + 2).is("KEY")
                        && sig.get(k + 3).isIdentifier()) {
                    droppedKeys.add(sig.get(k + 3).value().toLowerCase(Locale.ROOT));
                }
            }
        }
        if (droppedIndexes.isEmpty() && droppedKeys.isEmpty()) return null;
        String db = target[0] != null ? target[0] : session.database();
        if (db == null) return null;
        TableInfo table;
        try {
            table = session.describe(db, target[1]);
        } catch (io.minisqld.server.error.SqlError absent) {
            return null; // the statement's own error follows
        }
        if (table == null || table.view()) return null;
        Connection conn = session.connection();
        try {
            Map<String, TableInfo.IndexInfo> byH2Name = metadata.indexesByH2Name(table.database(), table.name());
            List<String> remade = new ArrayList<>();
            for (Map.Entry<String, String> fk : foreignKeyIndexes(conn, table).entrySet()) {
                String constraint = fk.getKey();
                TableInfo.IndexInfo index = byH2Name.get(fk.getValue());
                if (index == null) continue;
                boolean keyDropped = droppedKeys.contains(constraint.toLowerCase(Locale.ROOT));
                boolean indexDropped = droppedIndexes.contains(index.name().toLowerCase(Locale.ROOT));
                if (indexDropped && !keyDropped) {
                    throw ErrorCode.ER_DROP_INDEX_FK.error(index.name());
                }
                if (keyDropped && fk.getValue().startsWith(constraint + "_INDEX_")) {
                    StringBuilder create = new StringBuilder("CREATE INDEX ")
                            .append(MySqlToH2.quoteIdent(IndexDdl.h2KeyName(table.name(), index.name())))
                            .append(" ON ").append(MySqlToH2.quoteIdent(table.database())).append('.')
                            .append(MySqlToH2.quoteIdent(table.name())).append(" (");
                    for (int c = 0; c < index.columns().size(); c++) {
                        create.append(c == 0 ? "" : ", ").append(MySqlToH2.quoteIdent(index.columns().get(c)));
                    }
                    create.append(')');
                    if (!indexDropped) {
                        remade.add(create.toString());
                    } else {
                        // DROP FOREIGN KEY fk, DROP INDEX k in one statement: k goes by its own
                        // name, whichever of the two runs first
                        try (Statement st = conn.createStatement()) {
                            st.execute(create.toString());
                        }
                    }
                }
            }
            if (remade.isEmpty()) return null;
            return () -> {
                try (Statement st = conn.createStatement()) {
                    for (String create : remade) st.execute(create);
                } catch (SQLException e) {
                    throw H2Errors.translate(e, null, session);
                }
            };
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, session);
        }
    }

    /** The table of {@code DROP INDEX k ON [db.]t} or {@code ALTER [IGNORE] TABLE [db.]t}: {db or null, t, next}. */
    private static String[] target(List<Token> sig) {
        if (sig.size() < 5) return null;
        if (sig.get(0).is("DROP") && sig.get(1).is("INDEX") && sig.get(2).isIdentifier() && sig.get(3).is("ON")) {
            return TableStatements.qualifiedName(sig, 4);
        }
        if (!sig.get(0).is("ALTER")) return null;
        int k = sig.get(1).is("IGNORE") ? 2 : 1;
        if (!sig.get(k).is("TABLE")) return null;
        boolean drops = false;
        for (int s = k + 2; s + 1 < sig.size() && !drops; s++) {
            drops = sig.get(s).is("DROP") && (sig.get(s + 1).is("INDEX") || sig.get(s + 1).is("KEY")
                    || sig.get(s + 1).is("FOREIGN"));
        }
        return drops ? TableStatements.qualifiedName(sig, k + 1) : null;
    }

    /** The table's foreign keys: constraint name → H2's name of the index it uses. */
    private static Map<String, String> foreignKeyIndexes(Connection conn, TableInfo table) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT CONSTRAINT_NAME, INDEX_NAME FROM "
                + "INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                + "AND CONSTRAINT_TYPE = 'FOREIGN KEY'")) {
            ps.setString(1, table.database());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(2) != null) out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }
}
