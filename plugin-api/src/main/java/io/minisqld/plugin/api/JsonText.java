package io.minisqld.plugin.api;

/**
 * Text as a JSON string, for plugins that write JSON lines (audit and change-data-capture logs;
 * plugin API 1.2): quoted, with quotes, backslashes and control characters escaped, every other
 * character as it is (the file is UTF-8).
 */
public final class JsonText {
    private JsonText() {
    }

    /** Appends {@code text} to {@code out} as a JSON string; null as JSON null. */
    public static StringBuilder append(StringBuilder out, String text) {
        if (text == null) return out.append("null");
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"');
    }
}
