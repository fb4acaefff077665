package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.EngineQuery;
import io.minisqld.server.engine.StoredFunctionInvoker;
import io.minisqld.server.error.ErrorCode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.h2.value.Value;
import org.h2.value.ValueNull;

/**
 * The H2 functions a stored function's call becomes: {@code minisqld_sf_<kind>(session, 'db',
 * 'name', args…)}, one per kind of RETURNS type so that H2 types the call as MySQL types the
 * function. Each hands the call to the statement layer ({@link StoredFunctionInvoker}), which runs
 * the body in the calling session.
 */
public final class StoredFunctionCalls {
    /** H2 alias → method of this class. */
    static final java.util.Map<EngineQuery.ReturnKind, String> METHODS = java.util.Map.of(
            EngineQuery.ReturnKind.INTEGER, "callInteger", EngineQuery.ReturnKind.DECIMAL, "callDecimal",
            EngineQuery.ReturnKind.DOUBLE, "callDouble", EngineQuery.ReturnKind.TEXT, "callText",
            EngineQuery.ReturnKind.BINARY, "callBinary");

    private StoredFunctionCalls() {
    }

    /** The H2 call's opening text, up to the first argument (then ", " + arguments + ")"). */
    static String open(EngineQuery.StoredFunctionCall call) {
        return "PUBLIC.\"minisqld_sf_" + call.returns().name().toLowerCase(java.util.Locale.ROOT) + "\"("
                + call.sessionId() + ", '" + call.database().replace("'", "''") + "', '"
                + call.name().replace("'", "''") + "'";
    }

    /** The CREATE ALIAS statements that install the calls. */
    static List<String> createAliasSql() {
        List<String> out = new ArrayList<>();
        for (var e : METHODS.entrySet()) {
            out.add("CREATE ALIAS IF NOT EXISTS PUBLIC.\"minisqld_sf_" + e.getKey().name().toLowerCase(java.util.Locale.ROOT)
                    + "\" FOR '" + StoredFunctionCalls.class.getName() + "." + e.getValue() + "'");
        }
        return out;
    }

    private static Object call(Connection conn, long session, String db, String name, EngineQuery.ReturnKind kind,
                               Value[] args) {
        H2StorageEngine engine = VirtualTableFunction.engineOf(conn);
        StoredFunctionInvoker invoker = engine == null ? null : engine.functionInvoker();
        if (invoker == null) throw ErrorCode.ER_SP_DOES_NOT_EXIST.error("FUNCTION", db + "." + name);
        List<Object> values = new ArrayList<>();
        for (Value a : args) values.add(javaValue(a));
        // the function's changes belong to the statement that called it (ROW format logs them)
        io.minisqld.server.engine.RowCapture.enterNested();
        try {
            return invoker.call(new EngineQuery.StoredFunctionCall(session, db, name, kind), values);
        } finally {
            io.minisqld.server.engine.RowCapture.exitNested();
        }
    }

    /** An argument as the statement layer's values are: null, Long, BigDecimal, Double, String or byte[]. */
    private static Object javaValue(Value a) {
        if (a == null || a == ValueNull.INSTANCE) return null;
        return switch (a.getValueType()) {
            case Value.TINYINT, Value.SMALLINT, Value.INTEGER, Value.BIGINT -> a.getLong();
            case Value.BOOLEAN -> a.getBoolean() ? 1L : 0L;
            case Value.NUMERIC, Value.DECFLOAT -> a.getBigDecimal();
            case Value.REAL, Value.DOUBLE -> a.getDouble();
            case Value.BINARY, Value.VARBINARY, Value.BLOB -> a.getBytes();
            default -> a.getString();
        };
    }

    public static Long callInteger(Connection conn, long session, String db, String name, Value... args) {
        Object v = call(conn, session, db, name, EngineQuery.ReturnKind.INTEGER, args);
        return v == null ? null : v instanceof Number n ? n.longValue() : new BigDecimal(v.toString().trim()).longValue();
    }

    public static BigDecimal callDecimal(Connection conn, long session, String db, String name, Value... args) {
        Object v = call(conn, session, db, name, EngineQuery.ReturnKind.DECIMAL, args);
        return v == null ? null : v instanceof BigDecimal d ? d : new BigDecimal(v.toString().trim());
    }

    public static Double callDouble(Connection conn, long session, String db, String name, Value... args) {
        Object v = call(conn, session, db, name, EngineQuery.ReturnKind.DOUBLE, args);
        return v == null ? null : v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString().trim());
    }

    public static String callText(Connection conn, long session, String db, String name, Value... args) {
        Object v = call(conn, session, db, name, EngineQuery.ReturnKind.TEXT, args);
        if (v instanceof byte[] b) return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        if (v instanceof BigDecimal d) return d.toPlainString();
        return v == null ? null : v.toString();
    }

    public static byte[] callBinary(Connection conn, long session, String db, String name, Value... args) {
        Object v = call(conn, session, db, name, EngineQuery.ReturnKind.BINARY, args);
        if (v == null || v instanceof byte[]) return (byte[]) v;
        return v.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
