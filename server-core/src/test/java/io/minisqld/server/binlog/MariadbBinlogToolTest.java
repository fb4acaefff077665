package io.minisqld.server.binlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.server.binlog.event.ChecksumAlgorithm;
import io.minisqld.server.binlog.event.codec.EventFraming;
import io.minisqld.server.storage.RealFileLayer;
import io.minisqld.testcommon.Program;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code mariadb-binlog} (Debian's mariadb-client) reads the files minisqld writes. */
class MariadbBinlogToolTest {
    @TempDir
    Path datadir;

    /** Runs the real {@code mariadb-binlog} with {@code args}. */
    private static Program.Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Program.existing(Program.MARIADB_BINLOG)));
        cmd.addAll(List.of(args));
        return Program.run(cmd, null, Duration.ofSeconds(60));
    }

    /** The {@code # at} / {@code end_log_pos} pairs and the CRC32 of each event line. */
    private static List<String> eventLines(String out) {
        return out.lines().filter(l -> l.startsWith("#231114")).toList();
    }

    private List<Long> storedCrcs(Path file) throws IOException {
        try (BinlogReader r = BinlogReader.open(new RealFileLayer(), file)) {
            List<Long> crcs = new ArrayList<>();
            for (PositionedEvent e : r.readAll(4, r.size())) crcs.add(EventFraming.storedCrc(e.bytes(), r.checksum()));
            return crcs;
        }
    }

    @Test
    void readsTheCrc32BinlogAsMySqlWroteIt() throws Exception {
        SampleBinlog sample = SampleBinlog.write(datadir, ChecksumAlgorithm.CRC32);
        Program.Result run = run(sample.first.toString());
        assertEquals(0, run.exitCode(), run.output());
        String out = run.output();

        assertTrue(out.contains("# at 4\n"), out);
        assertTrue(out.contains("\tStart: binlog v 4, server v 5.7.44-minisqld-0.1.0-log created 231114 22:13:20 at startup\n"),
                out);
        assertFalse(out.contains("Warning: this binlog is either in use"), "closed by rotation: " + out);

        List<String> lines = eventLines(out);
        assertEquals(8, lines.size(), out);
        List<Long> crcs = storedCrcs(sample.first);
        Pattern p = Pattern.compile("^#231114 22:13:20 server id 1  end_log_pos (\\d+) CRC32 0x([0-9a-f]{8}) \t(.*)$");
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = p.matcher(lines.get(i));
            assertTrue(m.matches(), lines.get(i));
            assertEquals(sample.ends.get(i), Long.parseLong(m.group(1)), lines.get(i));
            assertEquals(crcs.get(i), Long.parseLong(m.group(2), 16), "our CRC is the one mariadb-binlog prints: " + lines.get(i));
            kinds.add(m.group(3));
            if (i > 0) assertTrue(out.contains("# at " + sample.ends.get(i - 1) + "\n"), out);
        }
        String query = "Query\tthread_id=7\texec_time=0\terror_code=0\txid=0";
        // MariaDB's tools read MySQL 5.7's PREVIOUS_GTIDS as an ignorable event (row-events B.11)
        assertEquals(List.of(kinds.get(0), "Ignorable", query, query, "Intvar", query, "Xid = 5",
                "Rotate to mysql-bin.000002  pos: 4"), kinds);
        assertTrue(out.contains("# Ignorable event type 35 (MySQL Previous_gtids)\n"), out);
        assertTrue(kinds.get(0).startsWith("Start: binlog v 4"), kinds.get(0));
        assertTrue(out.contains("use `test`/*!*/;\n"), out);
        assertTrue(out.contains("SET TIMESTAMP=1700000000/*!*/;\n"), out);
        assertTrue(out.contains("SET @@session.pseudo_thread_id=7/*!*/;\n"), out);
        assertTrue(out.contains("SET @@session.sql_mode=1436549152/*!*/;\n"), "MySQL 5.7's default sql_mode: " + out);
        assertTrue(out.contains("\n" + SampleBinlog.DDL + "\n/*!*/;\n"), out);
        assertTrue(out.contains("\nBEGIN\n/*!*/;\n"), out);
        assertTrue(out.contains("SET INSERT_ID=1/*!*/;\n"), out);
        assertTrue(out.contains("\n" + SampleBinlog.INSERT + "\n/*!*/;\n"), out);
        assertTrue(out.contains("\tXid = 5\nCOMMIT/*!*/;\n"), out);

        Program.Result verify = run("--verify-binlog-checksum", sample.first.toString(), sample.second.toString());
        assertEquals(0, verify.exitCode(), verify.output());
        assertTrue(verify.output().contains("\tStop\n"), verify.output());
    }

    @Test
    void readsABinlogWithoutChecksums() throws Exception {
        SampleBinlog sample = SampleBinlog.write(datadir, ChecksumAlgorithm.NONE);
        Program.Result run = run("--verify-binlog-checksum", sample.first.toString());
        assertEquals(0, run.exitCode(), run.output());
        List<String> lines = eventLines(run.output());
        assertEquals(8, lines.size(), run.output());
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(lines.get(i).startsWith("#231114 22:13:20 server id 1  end_log_pos " + sample.ends.get(i) + " \t"),
                    lines.get(i));
            assertFalse(lines.get(i).contains("CRC32"), lines.get(i));
        }
        assertEquals(List.of(123L, 150L, 279L, 347L, 375L, 476L, 503L, 546L), sample.ends);
        assertTrue(run.output().contains("\tXid = 5\n"), run.output());
    }

    @Test
    void warnsOfAFileInUseAndFailsOnADamagedChecksum() throws Exception {
        BinlogSettings s = BinlogSettings.of(datadir, "mysql-bin", 1, SampleBinlog.VERSION, ChecksumAlgorithm.CRC32, 1 << 30);
        BinlogFileSet binlog = BinlogFileSet.open(new RealFileLayer(), s,
                Clock.fixed(Instant.ofEpochSecond(BinlogTestEvents.TS), ZoneOffset.UTC));
        long end = binlog.append(BinlogTestEvents.insertTransaction("test", SampleBinlog.INSERT, 1, 5)).offset();
        binlog.force();
        Path file = binlog.path(binlog.currentFile());
        Program.Result open = run("--verify-binlog-checksum", file.toString());
        assertEquals(0, open.exitCode(), open.output());
        assertTrue(open.output().contains("# Warning: this binlog is either in use or was not closed properly."), open.output());

        binlog.close();
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) end - 10] ^= 0x01;
        Files.write(file, bytes);
        Program.Result bad = run("--verify-binlog-checksum", file.toString());
        assertEquals(1, bad.exitCode(), bad.output());
        assertTrue(bad.output().contains("Event crc check failed! Most likely there is event corruption."), bad.output());
        assertTrue(bad.output().contains("Could not read entry at offset " + (end - 31)), bad.output());
    }
}
