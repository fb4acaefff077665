package io.minisqld.server.wire;

import java.nio.charset.StandardCharsets;

/**
 * COM_REGISTER_SLAVE (0x15, protocol.md §2.1): how a replica appears in the source's SHOW SLAVE
 * HOSTS. The replica encodes it, the source decodes it.
 *
 * @param serverId       the replica's server_id
 * @param reportHost     {@code report_host} ("" when unset)
 * @param reportUser     {@code report_user}
 * @param reportPassword {@code report_password}
 * @param reportPort     {@code report_port} (MySQL sends its own port when unset)
 * @param rank           the replication rank; MySQL always sends 0
 * @param masterId       the source's id as the replica knows it; MySQL always sends 0 (this source)
 */
public record RegisterSlaveCommand(long serverId, String reportHost, String reportUser, String reportPassword,
                                   int reportPort, long rank, long masterId) {
    /** The command byte. */
    public static final int CODE = Command.REGISTER_SLAVE.code();

    /** What a replica sends: rank and master id 0, as MySQL sends them. */
    public static RegisterSlaveCommand of(long serverId, String reportHost, String reportUser, String reportPassword,
                                          int reportPort) {
        return new RegisterSlaveCommand(serverId, reportHost, reportUser, reportPassword, reportPort, 0, 0);
    }

    /** The packet payload; each report string is cut to the 255 bytes its 1-byte length allows. */
    public byte[] encode() {
        ByteWriter w = new ByteWriter().int1(CODE).int4(serverId);
        shortString(w, reportHost);
        shortString(w, reportUser);
        shortString(w, reportPassword);
        return w.int2(reportPort).int4(rank).int4(masterId).toByteArray();
    }

    /** Decodes the request, command byte first. */
    public static RegisterSlaveCommand decode(byte[] payload) {
        ByteReader in = new ByteReader(payload, 1);
        long serverId = in.int4();
        String host = shortString(in);
        String user = shortString(in);
        String password = shortString(in);
        int port = in.int2();
        long rank = in.int4();
        long masterId = in.int4();
        return new RegisterSlaveCommand(serverId, host, user, password, port, rank, masterId);
    }

    private static void shortString(ByteWriter w, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(b.length, 255);
        w.int1(n).bytes(b, 0, n);
    }

    /** A 1-byte length and that many bytes, the layout of report_host, report_user and report_password. */
    private static String shortString(ByteReader in) {
        return in.utf8(in.int1());
    }
}
