package io.minisqld.server.replication.client;

import io.minisqld.server.wire.ByteWriter;

import java.nio.charset.StandardCharsets;

/**
 * COM_REGISTER_SLAVE (0x15, protocol.md §2.1): how a replica appears in the source's SHOW SLAVE
 * HOSTS. Rank and master id are always 0, as MySQL sends them.
 *
 * @param serverId       the replica's server_id
 * @param reportHost     {@code report_host} ("" when unset)
 * @param reportUser     {@code report_user}
 * @param reportPassword {@code report_password}
 * @param reportPort     {@code report_port} (MySQL sends its own port when unset)
 */
public record RegisterSlaveCommand(long serverId, String reportHost, String reportUser, String reportPassword,
                                   int reportPort) {
    /** The command byte. */
    public static final int CODE = 0x15;

    /** The packet payload. */
    public byte[] encode() {
        ByteWriter w = new ByteWriter().int1(CODE).int4(serverId);
        shortString(w, reportHost);
        shortString(w, reportUser);
        shortString(w, reportPassword);
        return w.int2(reportPort).int4(0).int4(0).toByteArray();
    }

    private static void shortString(ByteWriter w, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(b.length, 255);
        w.int1(n).bytes(b, 0, n);
    }
}
