package io.minisqld.server.wire;

import io.minisqld.server.result.OkResult;

/**
 * The OK packet without CLIENT_SESSION_TRACK (spec §1.5): 0x00, affected rows, last insert id,
 * status flags, warning count, and the info text. The info is a length-encoded string, as
 * MySQL's and MariaDB's net_send_ok store it (MySQL Connector/J reads it that way; the manual's
 * "string&lt;EOF&gt;" is not what servers send), and absent when empty.
 */
public record OkPacket(long affectedRows, long lastInsertId, int status, int warnings, String info) {
    /** The first payload byte of an OK packet. */
    public static final int HEADER = 0x00;

    public static OkPacket of(OkResult result, int status, int warnings) {
        return new OkPacket(result.affectedRows(), result.lastInsertId(), status, warnings, result.info());
    }

    /** An OK with nothing to report, as COM_PING and COM_INIT_DB answer. */
    public static OkPacket plain(int status) {
        return new OkPacket(0, 0, status, 0, null);
    }

    public byte[] encode() {
        ByteWriter w = new ByteWriter(16 + (info == null ? 0 : info.length() * 3));
        w.int1(HEADER).lenenc(affectedRows).lenenc(lastInsertId).int2(status).int2(warnings);
        if (info != null && !info.isEmpty()) {
            w.lenencString(info);
        }
        return w.toByteArray();
    }

    /**
     * Decodes an OK payload (first byte 0x00) as a client reads it: up to the status flags the
     * fields must be there; a missing warning count reads as 0, and an info that is not one
     * length-encoded string is taken as the rest of the payload (the manual's string&lt;EOF&gt;).
     *
     * @throws MalformedPacketException when the packet ends before the status flags
     */
    public static OkPacket decode(byte[] payload) {
        ByteReader r = new ByteReader(payload, 1);
        long affected = r.lenenc();
        long insertId = r.lenenc();
        int status = r.int2();
        int warnings = r.remaining() >= 2 ? r.int2() : 0;
        String info = null;
        if (r.hasRemaining()) {
            int start = r.position();
            String lenenc = null;
            try {
                lenenc = r.lenencString();
            } catch (MalformedPacketException notLenenc) {
                // the info as string<EOF>, read below
            }
            info = lenenc != null && !r.hasRemaining() ? lenenc : new ByteReader(payload, start).restString();
        }
        return new OkPacket(affected, insertId, status, warnings, info);
    }
}
