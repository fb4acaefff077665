package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.binlog.event.EventBody;
import io.minisqld.server.binlog.event.UnknownEvent;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;
import io.minisqld.server.wire.MalformedPacketException;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The codec table keyed by event type. Types without a codec decode to {@link UnknownEvent}
 * (raw body) and {@link UnknownEvent}s encode their raw body back.
 *
 * <p>A new event type is a record in {@code binlog.event} (named in {@code EventBody}'s
 * {@code permits}), a codec in this package, and one line in {@link #ALL}.
 */
final class EventCodecs {
    /** Immutable: one codec per event type. */
    private static final List<EventBodyCodec<?>> ALL = List.of(
            new FormatDescriptionCodec(),
            new QueryCodec(),
            new XidCodec(),
            new RotateCodec(),
            new StopCodec(),
            new IntvarCodec(),
            new RandCodec(),
            new UserVarCodec(),
            new HeartbeatCodec(),
            new MariadbGtidCodec(),
            new GtidListCodec(),
            new GtidCodec(33), new GtidCodec(34),
            new PreviousGtidsCodec(),
            new BinlogCheckpointCodec(),
            new AnnotateRowsCodec(),
            new RowsQueryCodec(),
            new TableMapCodec(),
            new RowsCodec(23), new RowsCodec(24), new RowsCodec(25),
            new RowsCodec(30), new RowsCodec(31), new RowsCodec(32));

    private static final Map<Integer, EventBodyCodec<?>> BY_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventBodyCodec::type, Function.identity()));

    private EventCodecs() {
    }

    /** The body bytes of an event (no header, no checksum). */
    static byte[] encodeBody(EventBody body) {
        if (body instanceof UnknownEvent u) return u.body();
        ByteWriter out = new ByteWriter();
        encodeWith(codecFor(body.typeCode()), body, out);
        return out.toByteArray();
    }

    /**
     * Decodes a body of the given type from {@code length} bytes at {@code offset}, in the
     * stream's {@code context}.
     */
    static EventBody decodeBody(int type, byte[] buf, int offset, int length, DecodeContext context)
            throws EventFormatException {
        EventBodyCodec<?> codec = BY_TYPE.get(type);
        if (codec == null) {
            byte[] raw = new byte[length];
            System.arraycopy(buf, offset, raw, 0, length);
            return new UnknownEvent(type, raw);
        }
        try {
            return codec.decode(new ByteReader(buf, offset, length), context);
        } catch (MalformedPacketException e) {
            throw EventFormatException.of(e);
        }
    }

    private static EventBodyCodec<?> codecFor(int type) {
        EventBodyCodec<?> codec = BY_TYPE.get(type);
        if (codec == null) throw new IllegalArgumentException("no codec for event type " + type);
        return codec;
    }

    private static <T extends EventBody> void encodeWith(EventBodyCodec<T> codec, EventBody body, ByteWriter out) {
        codec.encode(codec.bodyClass().cast(body), out);
    }
}
