package io.minisqld.server.binlog.event;

/**
 * INTVAR_EVENT (type 5, §3.10): an auto-increment value the next QUERY of the group must use.
 *
 * @param kind  which value
 * @param value the value
 */
public record IntvarEvent(Kind kind, long value) implements EventBody {

    /** The INTVAR type byte. */
    public enum Kind {
        /** LAST_INSERT_ID() as the statement saw it. */
        LAST_INSERT_ID(1),
        /** The first auto-increment value the statement generated. */
        INSERT_ID(2);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** The kind of a type byte; {@code IllegalArgumentException} for others. */
        public static Kind of(int code) {
            for (Kind k : values()) {
                if (k.code == code) return k;
            }
            throw new IllegalArgumentException("unknown INTVAR type " + code);
        }
    }

    @Override
    public int typeCode() {
        return EventType.INTVAR.code();
    }
}
