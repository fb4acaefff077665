package io.minisqld.server.gtid;

import java.util.Locale;

/**
 * {@code gtid_mode} (row-events-gtid-mts.md B.2): what new transactions get, and which replicated
 * ones a server accepts. Changed one step at a time.
 */
public enum GtidMode {
    /** New transactions are anonymous; replicated ones must be. */
    OFF,
    /** New transactions are anonymous; replicated ones may have GTIDs. */
    OFF_PERMISSIVE,
    /** New transactions get GTIDs; replicated ones may be anonymous. */
    ON_PERMISSIVE,
    /** Every transaction has a GTID. */
    ON;

    public static GtidMode of(Object value) {
        return valueOf(String.valueOf(value).toUpperCase(Locale.ROOT));
    }

    /** Whether a transaction committed with gtid_next=AUTOMATIC gets a GTID. */
    public boolean assignsGtids() {
        return this == ON_PERMISSIVE || this == ON;
    }

    /** Whether a replicated transaction with a GTID is accepted. */
    public boolean acceptsGtids() {
        return this != OFF;
    }

    /** Whether a replicated anonymous transaction is accepted. */
    public boolean acceptsAnonymous() {
        return this != ON;
    }
}
