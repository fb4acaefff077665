package io.minisqld.examples.cdc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.observer.RowChange;
import io.minisqld.plugin.api.observer.TransactionContext;
import io.minisqld.plugin.api.observer.TransactionParam;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeLineTest {
    private static TransactionParam committed(long xid) {
        TransactionContext ctx = new TransactionContext("app", "localhost", "shop", List.of(), 1, Instant.EPOCH, xid,
                null, List.of());
        return new TransactionParam(1, "", 7, true, new LogPosition("mysql-bin.000001", 1024), ctx);
    }

    @Test
    void anUpdateShowsBothImagesWithJsonTypes() {
        RowChange r = new RowChange("shop", "t", RowChange.Operation.UPDATE, List.of("id", "price", "name", "raw", "at", "ok"),
                List.of("int(11)", "decimal(6,2)", "varchar(20)", "varbinary(4)", "datetime(6)", "tinyint(1)"),
                Arrays.asList(1L, new BigDecimal("1.50"), "a \"quoted\"\nline", new byte[] {0, -1}, null, true),
                Arrays.asList(1L, new BigDecimal("2.00"), "é\u0001", null, LocalDateTime.of(2026, 12, 5, 10, 11, 12, 345_000),
                        false));
        assertEquals("{\"file\":\"mysql-bin.000001\",\"pos\":1024,\"xid\":7,\"row\":3,\"op\":\"update\",\"db\":\"shop\","
                + "\"table\":\"t\",\"before\":{\"id\":1,\"price\":1.50,\"name\":\"a \\\"quoted\\\"\\nline\",\"raw\":\"AP8=\","
                + "\"at\":null,\"ok\":true},\"after\":{\"id\":1,\"price\":2.00,\"name\":\"é\\u0001\",\"raw\":null,"
                + "\"at\":\"2026-12-05T10:11:12.000345\",\"ok\":false}}", ChangeLine.of(committed(7), 3, r));
    }

    @Test
    void anInsertHasNoBeforeImageAndADeleteNoAfterImage() {
        RowChange insert = new RowChange("s", "t", RowChange.Operation.INSERT, List.of("id"), List.of("int(11)"),
                List.of(), List.of(5L));
        RowChange delete = new RowChange("s", "t", RowChange.Operation.DELETE, List.of("id"), List.of("int(11)"),
                List.of(5L), List.of());
        assertEquals("{\"file\":\"mysql-bin.000001\",\"pos\":1024,\"xid\":9,\"row\":0,\"op\":\"insert\",\"db\":\"s\","
                + "\"table\":\"t\",\"before\":null,\"after\":{\"id\":5}}", ChangeLine.of(committed(9), 0, insert));
        assertEquals("{\"file\":\"mysql-bin.000001\",\"pos\":1024,\"xid\":9,\"row\":1,\"op\":\"delete\",\"db\":\"s\","
                + "\"table\":\"t\",\"before\":{\"id\":5},\"after\":null}", ChangeLine.of(committed(9), 1, delete));
    }
}
