package io.minisqld.server.replication.replica;

import io.minisqld.server.binlog.event.RowsEvent;
import io.minisqld.server.binlog.event.TableMapEvent;
import io.minisqld.server.binlog.rows.RowsEventEncoder;
import io.minisqld.server.charset.MysqlCharset;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.session.Session;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Applies a row event (row-events-gtid-mts.md §A.6) as MySQL's SQL thread does in
 * {@code slave_exec_mode=STRICT}: a WRITE inserts its rows (a duplicate key stops the thread with
 * 1062), an UPDATE or DELETE finds each row by the table's primary key, or by every column of the
 * before image where the table has none, and changes exactly that row; a row it cannot find stops
 * the thread with 1032. The changes run as statements through the SQL thread's session (so the
 * engine's checks, the binlog with {@code log_slave_updates}, and the privileges of the replica
 * apply), with the values as literals typed by the replica's own columns.
 */
public final class RowApplier {
    private RowApplier() {
    }

    public static void apply(Session session, RowStatements applier, RowsEvent e) {
        // MySQL 5.7's decide_logging_format: rows that would be binlogged (log_bin, and sql_log_bin —
        // on for the SQL thread with log_slave_updates) cannot be written in STATEMENT format
        if (session.variables().bool("log_bin") && session.variables().bool("sql_log_bin")
                && "STATEMENT".equalsIgnoreCase(session.variables().string("binlog_format"))) {
            throw ErrorCode.ER_BINLOG_ROW_INJECTION_AND_STMT_MODE.error();
        }
        // as MySQL's row applier: sql_mode NO_AUTO_VALUE_ON_ZERO alone, so that a 0 the source stored
        // in an AUTO_INCREMENT column stays 0 (and no strict mode refuses what the source stored)
        String sqlMode = session.variables().string("sql_mode");
        session.variables().set("sql_mode", "NO_AUTO_VALUE_ON_ZERO");
        // with log_slave_updates a replica in MIXED format logs the rows it applies as rows, as MySQL's
        String format = session.variables().string("binlog_format");
        if (format.equalsIgnoreCase("MIXED")) session.variables().set("binlog_format", "ROW");
        // the source's foreign_key_checks=0 / unique_checks=0, which the event's flags carry
        boolean foreignKeyChecks = session.variables().bool("foreign_key_checks");
        boolean uniqueChecks = session.variables().bool("unique_checks");
        if ((e.flags() & RowsEventEncoder.NO_FOREIGN_KEY_CHECKS_F) != 0) session.variables().set("foreign_key_checks", false);
        if ((e.flags() & RowsEventEncoder.RELAXED_UNIQUE_CHECKS_F) != 0) session.variables().set("unique_checks", false);
        try (io.minisqld.server.engine.TriggerSuppression noTriggers = io.minisqld.server.engine.TriggerSuppression.begin()) {
            applyRows(session, applier, e);
        } catch (SqlError err) {
            if (err.number() == 1032 || err.number() == ErrorCode.ER_SLAVE_CONVERSION_FAILED.number()
                    || e.table() == null) {
                throw err;
            }
            // MySQL's framing of a row event's failure: which event, which table, the error
            String handler = handlerError(err.number());
            throw new SqlError(err.number(), err.sqlState(), "Could not execute " + eventName(e) + " event on table "
                    + e.table().database() + "." + e.table().table() + "; " + err.getMessage() + ", Error_code: "
                    + err.number() + (handler == null ? "" : "; handler error " + handler));
        } finally {
            session.variables().set("sql_mode", sqlMode);
            session.variables().set("binlog_format", format);
            session.variables().set("foreign_key_checks", foreignKeyChecks);
            session.variables().set("unique_checks", uniqueChecks);
        }
    }

    private static final java.util.regex.Pattern SIZED = java.util.regex.Pattern.compile(
            "(var)?(char|binary)\\((\\d+)\\).*");

    /**
     * MySQL's check of a CHAR / VARCHAR / BINARY / VARBINARY column before it applies rows: the
     * source's longest value (the TABLE_MAP's bytes) must fit the replica's column, or the SQL
     * thread stops with 1677 (slave_type_conversions is empty), rather than storing what no longer
     * matches the source's table.
     */
    private static void checkLength(TableMapEvent map, int i, TableInfo.ColumnInfo local) {
        int type = map.types()[i];
        int meta = map.metadata()[i];
        long sourceBytes;
        String sourceType;
        if (type == 15) {
            sourceBytes = meta;
            sourceType = "varchar";
        } else if (type == 254 && ((meta >> 8) | 0x30) == 254) {
            sourceBytes = (meta & 0xFF) | ((((meta >> 8) & 0x30) ^ 0x30) << 4);
            sourceType = "char";
        } else {
            return;
        }
        java.util.regex.Matcher m = SIZED.matcher(local.mysqlType().toLowerCase(Locale.ROOT));
        if (!m.matches()) return;
        MysqlCharset cs = local.charset() == null ? null : MysqlCharset.named(local.charset());
        long localBytes = Long.parseLong(m.group(3)) * (cs == null ? 1 : cs.maxBytes());
        if (sourceBytes <= localBytes) return;
        String localType = (m.group(1) == null ? "" : "var") + m.group(2) + "(" + localBytes + "(bytes)"
                + (cs == null ? "" : " " + cs.mysqlName()) + ")";
        throw ErrorCode.ER_SLAVE_CONVERSION_FAILED.error(i, map.database(), map.table(),
                sourceType + "(" + sourceBytes + "(bytes))", localType);
    }

    /** The storage engine's error MySQL names after a row event's failure, for the errors a row can meet. */
    private static String handlerError(int errno) {
        return switch (errno) {
            case 1062 -> "HA_ERR_FOUND_DUPP_KEY";
            case 1205 -> "HA_ERR_LOCK_WAIT_TIMEOUT";
            case 1213 -> "HA_ERR_LOCK_DEADLOCK";
            case 1451 -> "HA_ERR_ROW_IS_REFERENCED";
            case 1452 -> "HA_ERR_NO_REFERENCED_ROW";
            default -> null;
        };
    }

    private static String eventName(RowsEvent e) {
        return switch (e.kind()) {
            case WRITE -> "Write_rows";
            case UPDATE -> "Update_rows";
            case DELETE -> "Delete_rows";
        };
    }

    private static void applyRows(Session session, RowStatements applier, RowsEvent e) {
        TableMapEvent map = e.table();
        List<RowImages.Change> changes = RowImages.decode(e);
        TableInfo table = session.engine().describe(map.database(), map.table());
        List<TableInfo.ColumnInfo> columns = table.columns();
        if (columns.size() < map.columnCount()) {
            throw ErrorCode.ER_SLAVE_FATAL_ERROR.error("Table " + map.database() + "." + map.table() + " has "
                    + columns.size() + " columns here, the source's row event " + map.columnCount());
        }
        for (int i = 0; i < map.columnCount(); i++) checkLength(map, i, columns.get(i));
        String name = quote(map.database()) + "." + quote(map.table());
        List<String> key = primaryKey(table);
        switch (e.kind()) {
            case WRITE -> {
                for (RowImages.Change c : changes) {
                    List<String> names = new ArrayList<>();
                    List<String> values = new ArrayList<>();
                    for (int i = 0; i < map.columnCount(); i++) {
                        if (!c.afterPresent().get(i)) continue;
                        names.add(quote(columns.get(i).name()));
                        values.add(literal(c.after()[i], columns.get(i), map.types()[i]));
                    }
                    applier.executeCounting(session, "INSERT INTO " + name + " (" + String.join(", ", names)
                            + ") VALUES (" + String.join(", ", values) + ")");
                }
            }
            case UPDATE -> {
                for (RowImages.Change c : changes) {
                    List<String> sets = new ArrayList<>();
                    for (int i = 0; i < map.columnCount(); i++) {
                        if (!c.afterPresent().get(i)) continue;
                        sets.add(quote(columns.get(i).name()) + " = " + literal(c.after()[i], columns.get(i), map.types()[i]));
                    }
                    String where = where(c.before(), c.beforePresent(), columns, map, key);
                    long found = applier.executeCounting(session, "UPDATE " + name + " SET " + String.join(", ", sets)
                            + " WHERE " + where + " LIMIT 1");
                    if (found == 0) throw notFound("Update_rows", map);
                }
            }
            case DELETE -> {
                for (RowImages.Change c : changes) {
                    String where = where(c.before(), c.beforePresent(), columns, map, key);
                    long found = applier.executeCounting(session, "DELETE FROM " + name + " WHERE " + where + " LIMIT 1");
                    if (found == 0) throw notFound("Delete_rows", map);
                }
            }
        }
    }

    private static SqlError notFound(String event, TableMapEvent map) {
        return new SqlError(1032, "HY000", "Could not execute " + event + " event on table " + map.database() + "."
                + map.table() + "; Can't find record in '" + map.table() + "', Error_code: 1032; handler error"
                + " HA_ERR_KEY_NOT_FOUND");
    }

    /** The primary key's columns, or an empty list. */
    private static List<String> primaryKey(TableInfo table) {
        for (TableInfo.IndexInfo index : table.indexes()) {
            if (index.name().equals("PRIMARY")) return index.columns();
        }
        return List.of();
    }

    /** The before image's row: by the primary key when the image has it, else by every column it holds. */
    private static String where(Object[] before, BitSet present, List<TableInfo.ColumnInfo> columns, TableMapEvent map,
                                List<String> key) {
        List<String> conditions = new ArrayList<>();
        boolean byKey = !key.isEmpty();
        for (String k : key) {
            int i = indexOf(columns, k);
            if (i < 0 || i >= map.columnCount() || !present.get(i) || before[i] == null) byKey = false;
        }
        for (int i = 0; i < map.columnCount(); i++) {
            if (!present.get(i)) continue;
            if (byKey && !key.contains(columns.get(i).name())) continue;
            conditions.add(quote(columns.get(i).name()) + " <=> " + literal(before[i], columns.get(i), map.types()[i]));
        }
        return conditions.isEmpty() ? "1" : String.join(" AND ", conditions);
    }

    private static int indexOf(List<TableInfo.ColumnInfo> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) return i;
        }
        return -1;
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** A value as a literal the replica's column takes back unchanged. */
    static String literal(Object v, TableInfo.ColumnInfo column, int wireType) {
        if (v == null) return "NULL";
        String type = column.mysqlType().toLowerCase(Locale.ROOT);
        if (v instanceof Long l) {
            if (type.contains("unsigned") && l < 0) {
                return switch (wireType) {
                    case 1 -> Long.toString(l & 0xFF);
                    case 2 -> Long.toString(l & 0xFFFF);
                    case 9 -> Long.toString(l & 0xFFFFFF);
                    case 3 -> Long.toString(l & 0xFFFFFFFFL);
                    default -> Long.toUnsignedString(l);
                };
            }
            return Long.toString(l);
        }
        if (v instanceof BigDecimal d) return d.toPlainString();
        if (v instanceof Float f) return Float.toString(f);
        if (v instanceof Double d) return Double.toString(d);
        if (v instanceof RowImages.BitValue b) return Long.toUnsignedString(b.bits());
        if (v instanceof RowImages.EnumIndex e) {
            List<String> names = column.members();
            return e.index() == 0 || e.index() > names.size() ? "''" : text(names.get(e.index() - 1));
        }
        if (v instanceof RowImages.SetBits s) {
            List<String> names = column.members();
            List<String> chosen = new ArrayList<>();
            for (int i = 0; i < names.size() && i < 64; i++) {
                if ((s.bits() >>> i & 1) != 0) chosen.add(names.get(i));
            }
            return text(String.join(",", chosen));
        }
        if (v instanceof String s) return text(s);
        byte[] bytes = (byte[]) v;
        if (binary(type)) return "X'" + HexFormat.of().formatHex(bytes) + "'";
        MysqlCharset own = column.charset() == null ? null : MysqlCharset.named(column.charset());
        if (own == MysqlCharset.LATIN1) {
            // every byte is a latin1 character: the column's own bytes, as the source's column held them
            return text(own.decode(bytes));
        }
        try {
            return text(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            // never altered silently: the column's bytes are no text of its set (taken as utf8mb4
            // for utf8 and ascii columns, whose characters are UTF-8's; the column's check refuses
            // what does not fit)
            throw new SqlError(1366, "HY000", "Incorrect string value: '\\x" + HexFormat.of().formatHex(bytes, 0,
                    Math.min(bytes.length, 4)).toUpperCase(Locale.ROOT) + "...' for column '" + column.name() + "'");
        }
    }

    private static boolean binary(String type) {
        return type.startsWith("binary") || type.startsWith("varbinary") || type.endsWith("blob")
                || type.startsWith("bit");
    }

    private static String text(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
