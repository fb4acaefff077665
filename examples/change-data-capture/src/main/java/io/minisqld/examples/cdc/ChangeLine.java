package io.minisqld.examples.cdc;

import io.minisqld.plugin.api.JsonText;
import io.minisqld.plugin.api.observer.RowChange;
import io.minisqld.plugin.api.observer.TransactionParam;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * One row change as a JSON object on one line:
 * <pre>
 * {"file":"mysql-bin.000001","pos":1024,"xid":7,"row":0,"op":"update","db":"app","table":"t",
 *  "before":{"id":1,"v":"a"},"after":{"id":1,"v":"b"}}
 * </pre>
 * {@code file}/{@code pos}: where the transaction ends in the binlog (resume from there);
 * {@code row}: the change's place in its transaction; {@code before} is null for an insert,
 * {@code after} for a delete. Values: numbers as JSON numbers (DECIMAL exact), text as strings,
 * binary values as base64 strings, dates and times in ISO form, booleans as true/false.
 */
final class ChangeLine {
    private ChangeLine() {
    }

    static String of(TransactionParam param, int row, RowChange r) {
        StringBuilder b = new StringBuilder(128);
        b.append("{\"file\":");
        JsonText.append(b, param.position().file());
        b.append(",\"pos\":").append(param.position().offset());
        b.append(",\"xid\":").append(param.context().xid());
        b.append(",\"row\":").append(row);
        b.append(",\"op\":");
        JsonText.append(b, r.operation().name().toLowerCase(Locale.ROOT));
        b.append(",\"db\":");
        JsonText.append(b, r.database());
        b.append(",\"table\":");
        JsonText.append(b, r.table());
        b.append(",\"before\":");
        image(b, r.columns(), r.before());
        b.append(",\"after\":");
        image(b, r.columns(), r.after());
        return b.append('}').toString();
    }

    private static void image(StringBuilder b, List<String> columns, List<Object> values) {
        if (values.isEmpty()) {
            b.append("null");
            return;
        }
        b.append('{');
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) b.append(',');
            JsonText.append(b, columns.get(i));
            b.append(':');
            value(b, values.get(i));
        }
        b.append('}');
    }

    static void value(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof Boolean || v instanceof Long) {
            b.append(v);
        } else if (v instanceof BigDecimal d) {
            b.append(d.toPlainString());
        } else if (v instanceof Double d && Double.isFinite(d)) {
            b.append(d);
        } else if (v instanceof Float f && Float.isFinite(f)) {
            b.append(f);
        } else if (v instanceof byte[] bytes) {
            JsonText.append(b, Base64.getEncoder().encodeToString(bytes));
        } else {
            // text, dates and times (ISO-8601 from java.time), anything else as its text
            JsonText.append(b, v.toString());
        }
    }
}
