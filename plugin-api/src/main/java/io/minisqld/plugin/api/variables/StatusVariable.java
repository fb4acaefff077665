package io.minisqld.plugin.api.variables;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A status variable ({@code SHOW STATUS}): a name and a value read at SHOW time. The value is a
 * {@link Number}, a {@link String}, or a {@link Boolean} (shown ON/OFF).
 *
 * @param name    the full name as SHOW STATUS prints it (MySQL capitalises the first letter)
 * @param value   read on the thread running SHOW STATUS; must be cheap and thread-safe
 * @param onFlush what {@code FLUSH STATUS} does to it; null if FLUSH STATUS leaves it alone
 */
public record StatusVariable(String name, Supplier<?> value, Runnable onFlush) {
    public StatusVariable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public static StatusVariable of(String name, Supplier<?> value) {
        return new StatusVariable(name, value, null);
    }

    public static StatusVariable resettable(String name, Supplier<?> value, Runnable onFlush) {
        return new StatusVariable(name, value, onFlush);
    }

    public boolean resetByFlush() {
        return onFlush != null;
    }
}
