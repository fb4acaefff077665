package io.minisqld.plugin.api;

import java.nio.file.Path;
import java.util.Optional;

/** What a plugin may know about the server it runs in. Thread-safe. */
public interface ServerInfo {
    /** The current {@code server_id}. */
    long serverId();

    /** The version string ({@code 5.7.44-minisqld}). */
    String version();

    /** The data directory. */
    Path datadir();

    /** Whether the binary log is on. */
    boolean binlogEnabled();

    /** The binlog end readers may see, if the binlog is on. */
    Optional<LogPosition> binlogPosition();
}
