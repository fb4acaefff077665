package io.minisqld.server.engine.h2;

import io.minisqld.server.error.SqlError;
import java.util.function.Consumer;

/**
 * Warnings the server's functions raise while the engine runs a statement: {@code CAST('1x' AS
 * DECIMAL)} is 1 with warning 1292 "Truncated incorrect DECIMAL value: '1x'". In a statement that
 * writes (strict mode, which this server keeps on), MySQL makes such a warning the statement's
 * error, and so does {@link #warn}. The statement's channel is bound to the running thread while
 * the engine runs it (H2 calls the functions on it); a call outside a statement (a view H2 expands
 * on its own while describing it) warns no one.
 */
final class RuntimeWarnings {
    private record Bound(Consumer<SqlError> warnings, boolean strict) {
    }

    private static final ThreadLocal<Bound> BOUND = new ThreadLocal<>();

    private RuntimeWarnings() {
    }

    /**
     * Binds a statement's warnings to this thread until the returned handle is closed.
     *
     * @param strict the statement writes: a warning fails it
     */
    static RandomCalls.Binding bind(Consumer<SqlError> warnings, boolean strict) {
        Bound previous = BOUND.get();
        BOUND.set(new Bound(warnings, strict));
        return () -> {
            if (previous == null) BOUND.remove();
            else BOUND.set(previous);
        };
    }

    /** Adds {@code warning} to the running statement's warnings, or fails a writing statement with it. */
    static void warn(SqlError warning) {
        Bound b = BOUND.get();
        if (b == null) return;
        if (b.strict) throw warning;
        b.warnings.accept(warning);
    }
}
