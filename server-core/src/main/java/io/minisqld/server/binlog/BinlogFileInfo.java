package io.minisqld.server.binlog;

/** One row of SHOW BINARY LOGS: {@code Log_name} and {@code File_size}. */
public record BinlogFileInfo(String name, long size) {
}
