package io.minisqld.server.session;

/** One row of SHOW WARNINGS: Level (Note, Warning, Error), Code and Message. */
public record Warning(String level, int code, String message) {
}
