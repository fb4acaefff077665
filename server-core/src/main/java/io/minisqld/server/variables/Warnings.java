package io.minisqld.server.variables;

import io.minisqld.server.error.ErrorCode;

/** Where a statement records its warnings (SHOW WARNINGS). */
public interface Warnings {
    void warn(ErrorCode code, Object... args);

    /** A note (level Note); dropped where nobody reads notes. */
    default void note(ErrorCode code, Object... args) {
    }

    Warnings IGNORE = (code, args) -> { };
}
