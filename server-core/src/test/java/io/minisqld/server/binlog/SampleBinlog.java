package io.minisqld.server.binlog;

import io.minisqld.server.binlog.event.ChecksumAlgorithm;
import io.minisqld.server.storage.RealFileLayer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.minisqld.server.binlog.BinlogTestEvents.TS;

/**
 * Writes the binlog the external-tool tests read: a DDL, one BEGIN/INTVAR/INSERT/XID transaction,
 * a rotation to {@code .000002}, and a clean shutdown (STOP).
 */
final class SampleBinlog {
    static final String VERSION = "5.7.44-minisqld-0.1.0-log";
    static final String DDL = "CREATE TABLE t1 (id INT PRIMARY KEY AUTO_INCREMENT, c VARCHAR(20))";
    static final String INSERT = "INSERT INTO t1 (c) VALUES ('a'), ('b')";

    /** End positions of the events of {@code .000001} in order: FDE, PREVIOUS_GTIDS, DDL, BEGIN, INTVAR, INSERT, XID, ROTATE. */
    final List<Long> ends;
    final Path first;
    final Path second;

    private SampleBinlog(List<Long> ends, Path first, Path second) {
        this.ends = ends;
        this.first = first;
        this.second = second;
    }

    static SampleBinlog write(Path datadir, ChecksumAlgorithm checksum) throws IOException {
        BinlogSettings s = BinlogSettings.of(datadir, "mysql-bin", 1, VERSION, checksum, 1 << 30);
        try (BinlogFileSet binlog = BinlogFileSet.open(new RealFileLayer(), s,
                Clock.fixed(Instant.ofEpochSecond(TS), ZoneOffset.UTC))) {
            binlog.append(BinlogTestEvents.ddl("test", DDL));
            binlog.append(BinlogTestEvents.insertTransaction("test", INSERT, 1, 5));
            binlog.rotate();
        }
        Path first = datadir.resolve("mysql-bin.000001");
        try (BinlogReader r = BinlogReader.open(new RealFileLayer(), first)) {
            List<Long> ends = r.readAll(4, r.size()).stream().map(PositionedEvent::endPosition).toList();
            return new SampleBinlog(ends, first, datadir.resolve("mysql-bin.000002"));
        }
    }
}
