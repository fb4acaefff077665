package io.minisqld.server.protocol;

import io.minisqld.server.result.OkResult;
import io.minisqld.server.wire.ByteWriter;

/**
 * The OK packet without CLIENT_SESSION_TRACK (spec §1.5): 0x00, affected rows, last insert id,
 * status flags, warning count, and the info text. The info is a length-encoded string, as
 * MySQL's and MariaDB's net_send_ok store it (MySQL Connector/J reads it that way; the manual's
 * "string&lt;EOF&gt;" is not what servers send), and absent when empty.
 */
public record OkPacket(long affectedRows, long lastInsertId, int status, int warnings, String info) {

    public static OkPacket of(OkResult result, int status, int warnings) {
        return new OkPacket(result.affectedRows(), result.lastInsertId(), status, warnings, result.info());
    }

    /** An OK with nothing to report, as COM_PING and COM_INIT_DB answer. */
    public static OkPacket plain(int status) {
        return new OkPacket(0, 0, status, 0, null);
    }

    public byte[] encode() {
        ByteWriter w = new ByteWriter(16 + (info == null ? 0 : info.length() * 3));
        w.int1(0x00).lenenc(affectedRows).lenenc(lastInsertId).int2(status).int2(warnings);
        if (info != null && !info.isEmpty()) {
            w.lenencString(info);
        }
        return w.toByteArray();
    }
}
