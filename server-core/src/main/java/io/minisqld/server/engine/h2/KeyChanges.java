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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code DROP INDEX k ON t} and {@code ALTER TABLE t … DROP INDEX | KEY k, RENAME INDEX | KEY a
 * TO b, DROP FOREIGN KEY fk …} need of the engine before and after the statement.
 * <ul>
 *   <li><b>Names.</b> A key the user left unnamed has MySQL's name (its first column: {@code KEY
 *   (a)} is {@code a}, then {@code a_2}, …; {@link TableMetadata#indexesByH2Name}) but the engine's
 *   own name for its index or unique constraint, so {@code DROP INDEX a} was 1091. Before the
 *   statement, the engine's object of each key the statement drops gets the name the translation
 *   writes for it ({@link IndexDdl#h2KeyName}); {@code RENAME INDEX a TO b} (MySQL 5.7) renames
 *   the object here, the translation leaves the specification out (the engine had refused it, 1064).</li>
 *   <li><b>Foreign keys.</b> A foreign key whose columns no index begins with gets an index of its
 *   own, and {@code DROP FOREIGN KEY} leaves that index in place (MySQL 5.7 manual 13.1.18.5,
 *   "Dropping Foreign Key Constraints"); the engine dropped it with the constraint, so SHOW CREATE
 *   TABLE lost a key a MySQL or MariaDB replica kept. The index is made again after the statement.
 *   An index a foreign key needs cannot be dropped while the key stays: 1553 "Cannot drop index
 *   'k': needed in a foreign key constraint" (it was 1091 for the key's own index, 1105 for the
 *   user's); {@code DROP FOREIGN KEY fk, DROP INDEX k} in one statement drops both.</li>
 * </ul>
 */
final class KeyChanges {
    private KeyChanges() {
    }

    /** What the statement does to keys: the names of the keys it drops, renames (old → new) and the foreign keys it drops. */
    private record Changes(List<String> droppedIndexes, Map<String, String> renamed, List<String> droppedKeys) {
        boolean none() {
            return droppedIndexes.isEmpty() && renamed.isEmpty() && droppedKeys.isEmpty();
        }
    }

    /**
     * Prepares the engine for the statement's key changes (names, renames, 1553) and gives what
     * makes the dropped foreign keys' own indexes again once the statement ran, or null.
     */
    static Runnable plan(H2EngineSession session, TableMetadata metadata, List<Token> sig) {
        String[] target = target(sig);
        if (target == null) return null;
        Changes changes = changes(sig, Integer.parseInt(target[2]));
        if (changes.none()) return null;
        Connection conn = session.connection();
        try {
            Keys keys = keys(session, metadata, target);
            if (keys == null) return null; // the statement's own error follows
            TableInfo table = keys.table();
            Map<String, TableInfo.IndexInfo> byH2Name = keys.byH2Name();
            Map<String, String> owners = keys.owners();
            Map<String, List<String>> foreignKeysUsing = keys.foreignKeysUsing();
            List<String> before = new ArrayList<>();
            List<String> after = new ArrayList<>();
            for (Map.Entry<String, TableInfo.IndexInfo> e : byH2Name.entrySet()) {
                TableInfo.IndexInfo index = e.getValue();
                if (index.name().equals("PRIMARY")) continue;
                String mysqlName = index.name().toLowerCase(Locale.ROOT);
                boolean indexDropped = changes.droppedIndexes().contains(mysqlName);
                String renamedTo = changes.renamed().get(mysqlName);
                String owner = owners.get(e.getKey());
                List<String> users = foreignKeysUsing.getOrDefault(e.getKey(), List.of());
                boolean ownedByForeignKey = owner != null && users.contains(owner) && e.getKey().startsWith(owner + "_INDEX_");
                boolean anyUserStays = users.stream().anyMatch(fk -> !changes.droppedKeys().contains(fk.toLowerCase(Locale.ROOT)));
                if (indexDropped && anyUserStays) throw ErrorCode.ER_DROP_INDEX_FK.error(index.name());
                if (ownedByForeignKey) {
                    if (renamedTo != null) throw ErrorCode.ER_NOT_SUPPORTED_YET.error("RENAME INDEX of a foreign key's own index");
                    if (!changes.droppedKeys().contains(owner.toLowerCase(Locale.ROOT))) continue;
                    // the engine drops the key's own index with it: as MySQL's it stays, or goes by
                    // its own name whichever of the two the statement drops first
                    String create = "CREATE INDEX " + MySqlToH2.quoteIdent(IndexDdl.h2KeyName(target[1],
                            indexDropped ? droppedName(sig, index.name()) : index.name()))
                            + " ON " + MySqlToH2.quoteIdent(table.database()) + "." + MySqlToH2.quoteIdent(table.name())
                            + columnList(index);
                    (indexDropped ? before : after).add(create);
                    continue;
                }
                String wanted = renamedTo != null ? renamedTo : indexDropped ? droppedName(sig, index.name()) : null;
                if (wanted == null) continue;
                String h2Name = IndexDdl.h2KeyName(target[1], wanted);
                if (owner != null && !owner.equals(h2Name)) {
                    // a UNIQUE key is the engine's constraint: DROP INDEX finds it by its name
                    before.add("ALTER TABLE " + MySqlToH2.quoteIdent(table.database()) + "."
                            + MySqlToH2.quoteIdent(table.name()) + " RENAME CONSTRAINT "
                            + MySqlToH2.quoteIdent(table.database()) + "." + MySqlToH2.quoteIdent(owner)
                            + " TO " + MySqlToH2.quoteIdent(h2Name));
                } else if (owner == null && !e.getKey().equals(h2Name)) {
                    before.add("ALTER INDEX " + MySqlToH2.quoteIdent(table.database()) + "." + MySqlToH2.quoteIdent(e.getKey())
                            + " RENAME TO " + MySqlToH2.quoteIdent(h2Name));
                }
            }
            for (String old : changes.renamed().keySet()) {
                if (byH2Name.values().stream().noneMatch(i -> i.name().equalsIgnoreCase(old))) {
                    throw ErrorCode.ER_KEY_DOES_NOT_EXITS.error(old, table.name());
                }
            }
            try (Statement st = conn.createStatement()) {
                for (String statement : before) st.execute(statement);
            }
            if (after.isEmpty()) return null;
            return () -> {
                try (Statement st = conn.createStatement()) {
                    for (String create : after) st.execute(create);
                } catch (SQLException e) {
                    throw H2Errors.translate(e, null, session);
                }
            };
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, session);
        }
    }

    /**
     * After CREATE TABLE or ALTER TABLE: each key the user left unnamed keeps the name MySQL gave it
     * when it was made ({@code a}, {@code a_2}, …): the engine's object for it is given that name.
     * Without it the name was worked out again at each look, so dropping key {@code a} made key
     * {@code a_2} into {@code a}, where MySQL's keeps its name. (A foreign key's own index keeps
     * the engine's name; its name comes from the key.)
     */
    static void nameKeys(H2EngineSession session, TableMetadata metadata, List<Token> sig) {
        if (sig.size() < 4 || sig.get(1).is("TEMPORARY")) return;
        int k;
        if (sig.get(0).is("CREATE") && sig.get(1).is("TABLE")) {
            k = sig.size() > 5 && sig.get(2).is("IF") ? 5 : 2;
        } else if (sig.get(0).is("ALTER")) {
            k = sig.get(1).is("IGNORE") ? 3 : 2;
            if (!sig.get(k - 1).is("TABLE")) return;
        } else {
            return;
        }
        boolean keys = false;
        for (Token t : sig) {
            if (t.is("KEY") || t.is("INDEX") || t.is("UNIQUE")) {
                keys = true;
                break;
            }
        }
        String[] target = TableStatements.qualifiedName(sig, k);
        if (!keys || target == null) return;
        Connection conn = session.connection();
        try {
            Keys known = keys(session, metadata, target);
            if (known == null) return;
            TableInfo table = known.table();
            Map<String, TableInfo.IndexInfo> byH2Name = known.byH2Name();
            Map<String, String> owners = known.owners();
            Map<String, List<String>> foreignKeysUsing = known.foreignKeysUsing();
            String qualifiedTable = MySqlToH2.quoteIdent(table.database()) + "." + MySqlToH2.quoteIdent(table.name());
            try (Statement st = conn.createStatement()) {
                for (Map.Entry<String, TableInfo.IndexInfo> e : byH2Name.entrySet()) {
                    String owner = owners.get(e.getKey());
                    if (e.getValue().name().equals("PRIMARY") || owner != null && foreignKeysUsing
                            .getOrDefault(e.getKey(), List.of()).contains(owner)) {
                        continue;
                    }
                    String named = MySqlToH2.quoteIdent(IndexDdl.h2KeyName(table.name(), e.getValue().name()));
                    if (owner != null && TableMetadata.isGeneratedName(owner)) {
                        TemporaryTableDdl.execute(st, "ALTER TABLE " + qualifiedTable + " RENAME CONSTRAINT "
                                + MySqlToH2.quoteIdent(table.database()) + "." + MySqlToH2.quoteIdent(owner) + " TO " + named);
                    } else if (owner == null && TableMetadata.isGeneratedName(e.getKey())) {
                        TemporaryTableDdl.execute(st, "ALTER INDEX " + MySqlToH2.quoteIdent(table.database()) + "."
                                + MySqlToH2.quoteIdent(e.getKey()) + " RENAME TO " + named);
                    }
                }
            }
        } catch (SQLException e) {
            throw H2Errors.translate(e, null, session);
        }
    }

    /**
     * A base table's keys as the engine holds them: by H2's index name with MySQL's names, the
     * constraint whose index each is, and the foreign keys using each.
     */
    private record Keys(TableInfo table, Map<String, TableInfo.IndexInfo> byH2Name, Map<String, String> owners,
                        Map<String, List<String>> foreignKeysUsing) {
    }

    /** The keys of the table {@code target} names ({db or null, table}), or null when there is no such base table. */
    private static Keys keys(H2EngineSession session, TableMetadata metadata, String[] target) throws SQLException {
        String db = target[0] != null ? target[0] : session.database();
        if (db == null) return null;
        TableInfo table;
        try {
            table = session.describe(db, target[1]);
        } catch (io.minisqld.server.error.SqlError absent) {
            return null;
        }
        if (table == null || table.view()) return null;
        Map<String, String> owners = new HashMap<>();
        Map<String, List<String>> foreignKeysUsing = new HashMap<>();
        constraints(session.connection(), table, owners, foreignKeysUsing);
        return new Keys(table, metadata.indexesByH2Name(table.database(), table.name()), owners, foreignKeysUsing);
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
        boolean keys = false;
        for (int s = k + 2; s + 1 < sig.size() && !keys; s++) {
            keys = (sig.get(s).is("DROP") || sig.get(s).is("RENAME")) && (sig.get(s + 1).is("INDEX")
                    || sig.get(s + 1).is("KEY") || sig.get(s + 1).is("FOREIGN"));
        }
        return keys ? TableStatements.qualifiedName(sig, k + 1) : null;
    }

    private static Changes changes(List<Token> sig, int from) {
        List<String> droppedIndexes = new ArrayList<>();
        Map<String, String> renamed = new LinkedHashMap<>();
        List<String> droppedKeys = new ArrayList<>();
        if (sig.get(0).is("DROP")) {
            droppedIndexes.add(sig.get(2).value().toLowerCase(Locale.ROOT));
            return new Changes(droppedIndexes, renamed, droppedKeys);
        }
        int depth = 0;
        for (int k = from; k + 2 < sig.size(); k++) {
            Token t = sig.get(k);
            if (t.isSymbol("(")) depth++;
            else if (t.isSymbol(")")) depth--;
            if (depth != 0) continue;
            boolean key = sig.get(k + 1).is("INDEX") || sig.get(k + 1).is("KEY");
            if (t.is("DROP") && key && sig.get(k + 2).isIdentifier()) {
                droppedIndexes.add(sig.get(k + 2).value().toLowerCase(Locale.ROOT));
            } else if (t.is("RENAME") && key && k + 4 < sig.size() && sig.get(k + 3).is("TO")) {
                renamed.put(sig.get(k + 2).value().toLowerCase(Locale.ROOT), sig.get(k + 4).value());
            } else if (t.is("DROP") && sig.get(k + 1).is("FOREIGN") && k + 3 < sig.size() && sig.get(k + 2).is("KEY")
                    && sig.get(k + 3).isIdentifier()) {
                droppedKeys.add(sig.get(k + 3).value().toLowerCase(Locale.ROOT));
            }
        }
        return new Changes(droppedIndexes, renamed, droppedKeys);
    }

    /** The name as the statement writes it (the translation's name for the key is made of that). */
    private static String droppedName(List<Token> sig, String name) {
        for (int k = 1; k < sig.size(); k++) {
            if (sig.get(k).isIdentifier() && sig.get(k).value().equalsIgnoreCase(name)
                    && (sig.get(k - 1).is("INDEX") || sig.get(k - 1).is("KEY"))) {
                return sig.get(k).value();
            }
        }
        return name;
    }

    private static String columnList(TableInfo.IndexInfo index) {
        StringBuilder out = new StringBuilder(" (");
        for (int c = 0; c < index.columns().size(); c++) {
            out.append(c == 0 ? "" : ", ").append(MySqlToH2.quoteIdent(index.columns().get(c)));
        }
        return out.append(')').toString();
    }

    /**
     * The table's constraints by the engine's name of their index: the one whose index it is (a
     * UNIQUE or PRIMARY KEY constraint, or a foreign key that made its own), and the foreign keys
     * that use it.
     */
    private static void constraints(Connection conn, TableInfo table, Map<String, String> owners,
                                    Map<String, List<String>> foreignKeysUsing) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT CONSTRAINT_NAME, INDEX_NAME, CONSTRAINT_TYPE FROM "
                + "INFORMATION_SCHEMA.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, table.database());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String constraint = rs.getString(1);
                    String index = rs.getString(2);
                    if (index == null) continue;
                    if ("FOREIGN KEY".equals(rs.getString(3))) {
                        foreignKeysUsing.computeIfAbsent(index, k -> new ArrayList<>()).add(constraint);
                        if (index.startsWith(constraint + "_INDEX_")) owners.put(index, constraint);
                    } else {
                        owners.putIfAbsent(index, constraint);
                    }
                }
            }
        }
    }
}
