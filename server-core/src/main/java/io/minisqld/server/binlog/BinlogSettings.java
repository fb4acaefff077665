package io.minisqld.server.binlog;

import io.minisqld.server.binlog.event.ChecksumAlgorithm;

import java.nio.file.Path;

/**
 * What a {@link BinlogFileSet} is opened with.
 *
 * @param datadir       the data directory (relative {@code log_bin} values resolve against it)
 * @param basename      the binlog base path from {@code log_bin} ({@code mysql-bin}, or a path), without extension
 * @param indexFile     {@code <basename>.index} unless {@code log_bin_index} says otherwise
 * @param serverId      {@code server_id}, written in the server's own events (FDE, ROTATE, STOP)
 * @param serverVersion the FDE's server version ({@code 5.7.44-minisqld}); must be checksum-aware (≥ 5.6.1)
 * @param checksum      {@code binlog_checksum}
 * @param maxBinlogSize {@code max_binlog_size}: {@link BinlogFileSet#shouldRotate()} is true from this size on
 */
public record BinlogSettings(Path datadir, String basename, Path indexFile, long serverId, String serverVersion,
                             ChecksumAlgorithm checksum, long maxBinlogSize) {

    /** Settings with the index at {@code <basename>.index}, as MySQL's default. */
    public static BinlogSettings of(Path datadir, String logBin, long serverId, String serverVersion,
                                    ChecksumAlgorithm checksum, long maxBinlogSize) {
        Path base = datadir.resolve(logBin);
        return new BinlogSettings(datadir, logBin, base.resolveSibling(base.getFileName() + ".index"), serverId,
                serverVersion, checksum, maxBinlogSize);
    }

    /** The directory the binlog files live in. */
    public Path directory() {
        return datadir.resolve(basename).toAbsolutePath().getParent();
    }

    /** The file-name stem: the last element of {@link #basename()}. */
    public String stem() {
        return datadir.resolve(basename).getFileName().toString();
    }

    /** Where the binlog's {@link LogFileSet} keeps its files and index. */
    public LogFileLocation location() {
        return new LogFileLocation(datadir, directory(), stem(), indexFile);
    }
}
