package io.minisqld.server.replication.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.ChangeEvent;
import io.minisqld.testsupport.MinisqldHarness;
import io.minisqld.testsupport.SqlRunner;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Debezium's MySQL connector, embedded as its users run it, against a minisqld source in ROW
 * format (issue 13, done when: "Debezium takes its initial snapshot of a minisqld source and then
 * streams inserts, updates and deletes of the typed table; the change events it emits equal the
 * rows on the source"). The snapshot reads the tables over SQL; the stream reads the binlog as a
 * replica does (row-events-gtid-mts.md §A.3–§A.5: TABLE_MAP and WRITE/UPDATE/DELETE_ROWS v2).
 */
class DebeziumTest {
    private static MinisqldHarness source;

    @BeforeAll
    static void start() throws Exception {
        source = MinisqldHarness.inProcess().name("debezium-source").serverId(1).logBin()
                .options("--binlog-format=ROW").start();
        try (Connection c = source.newConnection()) {
            SqlRunner.on(c).executeAll("CREATE DATABASE dbz",
                    "CREATE TABLE dbz.typed (id INT PRIMARY KEY, big BIGINT, amount DECIMAL(12,3), name VARCHAR(40),"
                            + " raw VARBINARY(8), at DATETIME(6), kind ENUM('small','large'), ratio DOUBLE, note TEXT,"
                            + " day DATE)",
                    "INSERT INTO dbz.typed VALUES (1, -9223372036854775808, -12345.678, 'héllo', X'00FF10',"
                            + " '2026-12-05 10:11:12.345678', 'large', 0.5, 'first', '2024-02-29'),"
                            + " (2, 7, 0.001, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
        }
    }

    @AfterAll
    static void stop() {
        if (source != null) source.close();
    }

    private static Properties config() {
        Properties p = new Properties();
        p.setProperty("name", "minisqld-cdc");
        p.setProperty("connector.class", "io.debezium.connector.mysql.MySqlConnector");
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
        p.setProperty("offset.flush.interval.ms", "100");
        p.setProperty("database.hostname", "127.0.0.1");
        p.setProperty("database.port", String.valueOf(source.port()));
        p.setProperty("database.user", "root");
        p.setProperty("database.password", "");
        p.setProperty("database.server.id", "5400");
        p.setProperty("database.ssl.mode", "disabled");
        p.setProperty("topic.prefix", "minisqld");
        p.setProperty("database.include.list", "dbz");
        p.setProperty("table.include.list", "dbz.typed");
        p.setProperty("schema.history.internal", "io.debezium.relational.history.MemorySchemaHistory");
        p.setProperty("include.schema.changes", "false");
        p.setProperty("snapshot.mode", "initial");
        p.setProperty("decimal.handling.mode", "string");
        p.setProperty("binary.handling.mode", "hex");
        p.setProperty("connect.timeout.ms", "10000");
        return p;
    }

    /** A change as "op before -> after", each image as column=value in the table's order. */
    private static String describe(SourceRecord r) {
        Struct value = (Struct) r.value();
        return value.getString("op") + " " + image(value.getStruct("before")) + " -> " + image(value.getStruct("after"));
    }

    private static String image(Struct row) {
        if (row == null) return "null";
        List<String> out = new ArrayList<>();
        for (Field f : row.schema().fields()) out.add(f.name() + "=" + row.get(f));
        return String.join(", ", out);
    }

    private static String next(BlockingQueue<SourceRecord> records) throws InterruptedException {
        SourceRecord r = records.poll(60, TimeUnit.SECONDS);
        assertNotNull(r, "no change event within 60 s");
        return describe(r);
    }

    @Test
    void snapshotThenInsertsUpdatesAndDeletesStreamAsTheSourceHasThem() throws Exception {
        BlockingQueue<SourceRecord> records = new LinkedBlockingQueue<>();
        List<Throwable> failure = new ArrayList<>();
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try (DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine = DebeziumEngine.create(Connect.class)
                .using(config())
                .using((success, message, error) -> {
                    if (error != null) failure.add(error);
                })
                .notifying(e -> {
                    SourceRecord r = e.value();
                    // tombstones after deletes carry no value
                    if (r.value() != null) records.add(r);
                })
                .build()) {
            runner.execute(engine);
            // the snapshot: the rows as SELECT gives them (Debezium's op "r"); DATETIME(6) as epoch microseconds,
            // DATE as days since the epoch, VARBINARY as hex
            String first = "id=1, big=-9223372036854775808, amount=-12345.678, name=héllo, raw=00ff10,"
                    + " at=1796465472345678, kind=large, ratio=0.5, note=first, day=19782";
            assertEquals("r null -> " + first, next(records), "failure: " + failure);
            String second = "id=2, big=7, amount=0.001, name=null, raw=null, at=null, kind=null, ratio=null, note=null,"
                    + " day=null";
            assertEquals("r null -> " + second, next(records));

            try (Connection c = source.newConnection()) {
                SqlRunner.on(c).executeAll(
                        "INSERT INTO dbz.typed VALUES (3, 9223372036854775807, 99999.999, 'ünïcödé', X'FFFE',"
                                + " '1999-12-31 23:59:59.000001', 'small', -1.25, REPEAT('x', 300), '1970-01-01')",
                        "UPDATE dbz.typed SET name = 'changed', amount = amount + 1 WHERE id = 2",
                        "DELETE FROM dbz.typed WHERE id = 1");
            }
            String third = "id=3, big=9223372036854775807, amount=99999.999, name=ünïcödé, raw=fffe,"
                    + " at=946684799000001, kind=small, ratio=-1.25, note=" + "x".repeat(300) + ", day=0";
            // the stream: what the binlog's row events carry (ops "c", "u", "d")
            assertEquals("c null -> " + third, next(records));
            assertEquals("u " + second + " -> " + second.replace("amount=0.001, name=null", "amount=1.001, name=changed"),
                    next(records));
            assertEquals("d " + first + " -> null", next(records));
            assertNull(records.poll(1, TimeUnit.SECONDS), "one event per change");
        } finally {
            runner.shutdown();
            runner.awaitTermination(30, TimeUnit.SECONDS);
        }
        assertEquals(List.of(), failure);
    }
}
