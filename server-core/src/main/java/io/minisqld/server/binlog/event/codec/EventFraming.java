package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.binlog.event.BinlogEvent;
import io.minisqld.server.binlog.event.ChecksumAlgorithm;
import io.minisqld.server.binlog.event.EventBody;
import io.minisqld.server.binlog.event.EventFlags;
import io.minisqld.server.binlog.event.EventHeader;
import io.minisqld.server.binlog.event.EventHeaderFields;
import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.binlog.event.FormatDescriptionEvent;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;
import io.minisqld.server.wire.MalformedPacketException;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Whole events: header + body + checksum (protocol.md §3.2–3.4).
 *
 * <p>The checksum rule kept here: with {@link ChecksumAlgorithm#CRC32} every event ends with the
 * CRC32 of all its preceding bytes, little-endian, counted in event length and next position. A
 * FORMAT_DESCRIPTION event of a checksum-aware server version always has the 4-byte slot, whatever
 * the algorithm it declares, and MySQL fills it with a real CRC32 even when it declares NONE; its
 * CRC is computed as if LOG_EVENT_BINLOG_IN_USE_F were clear, so the flag can be flipped in the
 * file later without rewriting the CRC. Readers check an FDE's CRC only when the FDE itself
 * declares CRC32 (as mariadb-binlog does).
 */
public final class EventFraming {
    private EventFraming() {
    }

    /**
     * Encodes an event to be written at {@code position} of a file: event length and next
     * position ({@code position + length}) are computed, the CRC appended when {@code checksum}
     * is CRC32 (for an FDE: always, see the class comment).
     */
    public static byte[] encode(EventHeaderFields fields, EventBody body, long position, ChecksumAlgorithm checksum) {
        return frame(fields, body, position, true, checksum);
    }

    /**
     * Encodes an event whose {@code log_pos} is given rather than computed: a fake ROTATE
     * ({@code logPos} 0), a HEARTBEAT (the current position), an FDE re-sent with log_pos 0.
     */
    public static byte[] encodeWithLogPos(EventHeaderFields fields, EventBody body, long logPos,
                                          ChecksumAlgorithm checksum) {
        return frame(fields, body, logPos, false, checksum);
    }

    private static byte[] frame(EventHeaderFields fields, EventBody body, long pos, boolean posIsStart,
                                ChecksumAlgorithm checksum) {
        byte[] payload = EventCodecs.encodeBody(body);
        boolean fde = body instanceof FormatDescriptionEvent;
        boolean crc = fde ? FormatDescriptionEvent.isChecksumAware(((FormatDescriptionEvent) body).serverVersion())
                : checksum == ChecksumAlgorithm.CRC32;
        int length = EventHeader.LENGTH + payload.length + (crc ? ChecksumAlgorithm.CRC_LENGTH : 0);
        long logPos = posIsStart ? pos + length : pos;
        ByteWriter out = new ByteWriter(length);
        out.int4(fields.timestamp()).int1(body.typeCode()).int4(fields.serverId()).int4(length).int4(logPos)
                .int2(fields.flags()).bytes(payload);
        byte[] event = out.toByteArray();
        if (!crc) return event;
        byte[] withCrc = new byte[length];
        System.arraycopy(event, 0, withCrc, 0, event.length);
        putInt4(withCrc, length - 4, crcOf(withCrc, length - 4, fde));
        return withCrc;
    }

    /**
     * Decodes one whole event ({@code wholeEvent.length} must equal its header's event length) of
     * the stream {@code context} describes: its checksum is the algorithm of the stream's FDE, and
     * an FDE decodes by its own declaration and then becomes the stream's format.
     *
     * @throws ChecksumMismatchException when the stored CRC32 differs from the computed one
     * @throws EventFormatException      when the bytes are not a well-formed event
     */
    public static BinlogEvent decode(byte[] wholeEvent, DecodeContext context) throws EventFormatException {
        ChecksumAlgorithm checksum = context.checksum();
        EventHeader header = decodeHeader(wholeEvent, 0);
        if (header.eventLength() != wholeEvent.length) {
            throw new EventFormatException("event length " + header.eventLength() + " in header, "
                    + wholeEvent.length + " bytes given");
        }
        int trailer = checksumTrailer(wholeEvent, header.type(), checksum);
        int bodyLength = wholeEvent.length - EventHeader.LENGTH - trailer;
        if (bodyLength < 0) throw new EventFormatException("event too short for its checksum");
        if (verifies(wholeEvent, header.type(), checksum)) verifyCrc(wholeEvent, header.type());
        EventBody body = EventCodecs.decodeBody(header.type(), wholeEvent, EventHeader.LENGTH, bodyLength, context);
        if (body instanceof FormatDescriptionEvent fde) context.formatDescribed(fde);
        return new BinlogEvent(header, body);
    }

    /** Reads the 19-byte header at {@code offset}. */
    public static EventHeader decodeHeader(byte[] buf, int offset) throws EventFormatException {
        ByteReader in = new ByteReader(buf, offset, Math.min(EventHeader.LENGTH, buf.length - offset));
        long timestamp;
        int type;
        long serverId;
        long length;
        long next;
        int flags;
        try {
            timestamp = in.int4();
            type = in.int1();
            serverId = in.int4();
            length = in.int4();
            next = in.int4();
            flags = in.int2();
        } catch (MalformedPacketException e) {
            throw EventFormatException.of(e);
        }
        if (length < EventHeader.LENGTH) throw new EventFormatException("event length " + length + " below 19");
        return new EventHeader(timestamp, type, serverId, length, next, flags);
    }

    /**
     * The CRC32 stored in an event, or -1 when it carries none (for an FDE: when it declares NONE
     * or its version predates checksums). mariadb-binlog prints this value as {@code CRC32 0x…}.
     */
    public static long storedCrc(byte[] wholeEvent, ChecksumAlgorithm checksum) throws EventFormatException {
        EventHeader header = decodeHeader(wholeEvent, 0);
        if (!verifies(wholeEvent, header.type(), checksum)) return -1;
        return getInt4(wholeEvent, wholeEvent.length - 4);
    }

    /**
     * A copy of an event with another {@code log_pos} and flags, its CRC recomputed (a dump sends
     * the FDE with the in-use flag cleared, and with log_pos 0 when resuming mid-file, §3.13).
     */
    public static byte[] withLogPosAndFlags(byte[] wholeEvent, long logPos, int flags, ChecksumAlgorithm checksum)
            throws EventFormatException {
        EventHeader header = decodeHeader(wholeEvent, 0);
        byte[] copy = wholeEvent.clone();
        putInt4(copy, 13, logPos);
        copy[EventHeader.FLAGS_OFFSET] = (byte) flags;
        copy[EventHeader.FLAGS_OFFSET + 1] = (byte) (flags >>> 8);
        if (checksumTrailer(copy, header.type(), checksum) > 0) {
            putInt4(copy, copy.length - 4, crcOf(copy, copy.length - 4,
                    header.type() == EventType.FORMAT_DESCRIPTION.code()));
        }
        return copy;
    }

    /** The checksum algorithm an encoded FDE declares (NONE for versions that predate checksums). */
    public static ChecksumAlgorithm declaredChecksum(byte[] fdeEvent) throws EventFormatException {
        String version = fdeVersion(fdeEvent);
        if (!FormatDescriptionEvent.isChecksumAware(version)) return ChecksumAlgorithm.NONE;
        if (fdeEvent.length < EventHeader.LENGTH + FormatDescriptionCodec.FIXED_PART + 5) {
            throw new EventFormatException("format description event too short");
        }
        int code = fdeEvent[fdeEvent.length - 5] & 0xFF;
        try {
            return ChecksumAlgorithm.of(code);
        } catch (IllegalArgumentException e) {
            throw new EventFormatException("unknown checksum algorithm " + code);
        }
    }

    private static String fdeVersion(byte[] fdeEvent) throws EventFormatException {
        int start = EventHeader.LENGTH + 2;
        if (fdeEvent.length < start + FormatDescriptionEvent.SERVER_VERSION_LENGTH) {
            throw new EventFormatException("format description event too short");
        }
        int end = start;
        while (end < start + FormatDescriptionEvent.SERVER_VERSION_LENGTH && fdeEvent[end] != 0) end++;
        return new String(fdeEvent, start, end - start, StandardCharsets.UTF_8);
    }

    /** CRC bytes at the end of this event: an FDE's slot exists by version, others by the file's algorithm. */
    private static int checksumTrailer(byte[] event, int type, ChecksumAlgorithm checksum) throws EventFormatException {
        if (type == EventType.FORMAT_DESCRIPTION.code()) {
            return FormatDescriptionEvent.isChecksumAware(fdeVersion(event)) ? ChecksumAlgorithm.CRC_LENGTH : 0;
        }
        return checksum.trailerLength();
    }

    private static boolean verifies(byte[] event, int type, ChecksumAlgorithm checksum) throws EventFormatException {
        if (type == EventType.FORMAT_DESCRIPTION.code()) return declaredChecksum(event) == ChecksumAlgorithm.CRC32;
        return checksum == ChecksumAlgorithm.CRC32;
    }

    /**
     * Whether an event's last 4 bytes hold the CRC32 of the bytes before them, an FDE's computed
     * as if its in-use flag were clear (§3.3); false for an event too short to carry one. For a
     * replica checking events as they arrive, before it decodes them.
     */
    public static boolean crcMatches(byte[] wholeEvent, boolean fde) {
        if (wholeEvent.length < EventHeader.LENGTH + ChecksumAlgorithm.CRC_LENGTH) return false;
        return getInt4(wholeEvent, wholeEvent.length - 4) == crcOf(wholeEvent, wholeEvent.length - 4, fde);
    }

    private static void verifyCrc(byte[] event, int type) throws ChecksumMismatchException {
        long stored = getInt4(event, event.length - 4);
        long computed = crcOf(event, event.length - 4, type == EventType.FORMAT_DESCRIPTION.code());
        if (stored != computed) throw new ChecksumMismatchException(type, stored, computed);
    }

    /** CRC32 of the first {@code length} bytes; for an FDE as if its in-use flag were clear (§3.3). */
    private static long crcOf(byte[] event, int length, boolean fde) {
        CRC32 crc = new CRC32();
        if (fde && (event[EventHeader.FLAGS_OFFSET] & EventFlags.BINLOG_IN_USE) != 0) {
            byte[] copy = java.util.Arrays.copyOf(event, length);
            copy[EventHeader.FLAGS_OFFSET] &= (byte) ~EventFlags.BINLOG_IN_USE;
            crc.update(copy, 0, length);
        } else {
            crc.update(event, 0, length);
        }
        return crc.getValue();
    }

    private static void putInt4(byte[] b, int off, long v) {
        for (int i = 0; i < 4; i++) b[off + i] = (byte) (v >>> (8 * i));
    }

    private static long getInt4(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 4; i++) v |= (b[off + i] & 0xFFL) << (8 * i);
        return v;
    }
}
