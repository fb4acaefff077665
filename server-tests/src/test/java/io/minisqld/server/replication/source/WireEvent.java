package io.minisqld.server.replication.source;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** The 19-byte header of an event as it travels (protocol.md §3.2), and CRC32 helpers. */
record WireEvent(long timestamp, int type, long serverId, long length, long logPos, int flags, byte[] bytes) {
    static final int ROTATE = 4;
    static final int QUERY = 2;
    static final int FORMAT_DESCRIPTION = 15;
    static final int XID = 16;
    static final int HEARTBEAT = 27;

    static WireEvent of(byte[] event) {
        ByteBuffer b = ByteBuffer.wrap(event).order(ByteOrder.LITTLE_ENDIAN);
        return new WireEvent(b.getInt() & 0xFFFFFFFFL, b.get() & 0xFF, b.getInt() & 0xFFFFFFFFL,
                b.getInt() & 0xFFFFFFFFL, b.getInt() & 0xFFFFFFFFL, b.getShort() & 0xFFFF, event);
    }

    /** The CRC32 of all but the last four bytes (an FDE's computed with the in-use flag clear). */
    static long crcOf(byte[] event) {
        byte[] copy = event.clone();
        if ((copy[4] & 0xFF) == FORMAT_DESCRIPTION) copy[17] &= ~1;
        CRC32 crc = new CRC32();
        crc.update(copy, 0, copy.length - 4);
        return crc.getValue();
    }

    /** The CRC32 stored in the last four bytes. */
    long storedCrc() {
        return ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
    }

    boolean crcValid() {
        return storedCrc() == crcOf(bytes);
    }

    /** A ROTATE body: the 8-byte position. */
    long rotatePosition() {
        return ByteBuffer.wrap(bytes, 19, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** A ROTATE body's file name ({@code crc} tells whether four checksum bytes end the event). */
    String rotateFile(boolean crc) {
        return new String(bytes, 27, bytes.length - 27 - (crc ? 4 : 0), StandardCharsets.UTF_8);
    }

    /** A HEARTBEAT body's file name. */
    String heartbeatFile(boolean crc) {
        return new String(bytes, 19, bytes.length - 19 - (crc ? 4 : 0), StandardCharsets.UTF_8);
    }

    /** An FDE's "created" timestamp (body offset 52). */
    long fdeCreated() {
        return ByteBuffer.wrap(bytes, 19 + 52, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
    }

    /** The expected fake ROTATE of §3.7, with or without CRC, server id 1. */
    static byte[] fakeRotate(long position, String file, boolean crc) {
        byte[] name = file.getBytes(StandardCharsets.UTF_8);
        int length = 19 + 8 + name.length + (crc ? 4 : 0);
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0).put((byte) ROTATE).putInt(1).putInt(length).putInt(0).putShort((short) 0x20);
        b.putLong(position).put(name);
        byte[] out = b.array();
        if (crc) {
            CRC32 c = new CRC32();
            c.update(out, 0, length - 4);
            ByteBuffer.wrap(out, length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) c.getValue());
        }
        return out;
    }
}
