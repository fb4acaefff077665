package io.minisqld.server.binlog;

import java.nio.file.Path;

/**
 * Where a {@link LogFileSet} keeps its files.
 *
 * @param datadir   the data directory: index lines name files inside it as {@code ./name}
 * @param directory the directory of the log files (as given: error-log lines print paths in it
 *                  unchanged)
 * @param stem      the file-name stem: files are {@code <stem>.000001…}
 * @param indexFile the index file ({@code <stem>.index}, or where {@code log_bin_index} says)
 */
public record LogFileLocation(Path datadir, Path directory, String stem, Path indexFile) {

    /** The full path of a file of the set. */
    public Path path(String fileName) {
        return directory.resolve(fileName);
    }
}
