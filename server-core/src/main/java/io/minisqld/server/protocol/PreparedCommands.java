package io.minisqld.server.protocol;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.result.Column;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.wire.ServerStatus;
import io.minisqld.server.result.ProcedureResult;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;
import io.minisqld.server.wire.EofPacket;
import io.minisqld.server.wire.MalformedPacketException;
import io.minisqld.server.wire.OkPacket;
import io.minisqld.server.wire.PacketChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The binary protocol of prepared statements (spec §1.8): COM_STMT_PREPARE, EXECUTE, FETCH,
 * SEND_LONG_DATA, RESET and CLOSE. The statements themselves are the {@link CommandHandler}'s;
 * this class keeps what only the wire needs per statement: its parameter count, the parameter types
 * the client bound last (it resends them only when they change), long data sent ahead of an
 * execution, and the rows of an open read-only cursor. Runs on the connection's thread.
 */
final class PreparedCommands {
    /** SERVER_STATUS_CURSOR_EXISTS and SERVER_STATUS_LAST_ROW_SENT. */
    private static final int CURSOR_EXISTS = 0x0040;
    private static final int LAST_ROW_SENT = 0x0080;
    /** The execute flags' cursor types: any of them asks for a cursor. */
    private static final int CURSOR_TYPES = 0x07;

    private final PacketChannel channel;
    private final CommandHandler handler;
    private final Map<Long, Wire> statements = new HashMap<>();

    /** One statement's protocol state. */
    private static final class Wire {
        final int parameters;
        int[] types;
        /** Per parameter, what COM_STMT_SEND_LONG_DATA sent since the last execution, or null. */
        ByteArrayOutputStream[] pending;
        /** A parameter number SEND_LONG_DATA named that the statement lacks: the next execute fails. */
        boolean badLongData;
        Cursor cursor;

        Wire(int parameters) {
            this.parameters = parameters;
        }

        void clearLongData() {
            pending = null;
            badLongData = false;
        }
    }

    private record Cursor(List<Column> columns, Iterator<byte[][]> rows) {
    }

    PreparedCommands(PacketChannel channel, CommandHandler handler) {
        this.channel = channel;
        this.handler = handler;
    }

    void prepare(byte[] sql) throws IOException {
        CommandHandler.Prepared p = handler.prepare(sql);
        statements.put(p.id(), new Wire(p.parameters()));
        channel.writePacket(new ByteWriter(12).int1(0).int4(p.id()).int2(p.columns().size()).int2(p.parameters())
                .int1(0).int2(Math.min(p.warnings(), 0xFFFF)).toByteArray());
        if (p.parameters() > 0) {
            Column marker = new Column("", "", "", "?", "", Column.BINARY_CHARSET, 0,
                    io.minisqld.server.result.ColumnType.VAR_STRING, Column.BINARY, 0);
            byte[] definition = ColumnDefinitionPacket.encode(marker);
            for (int i = 0; i < p.parameters(); i++) channel.writePacket(definition);
            channel.writeEof(0, handler.statusFlags());
        }
        if (!p.columns().isEmpty()) {
            for (Column c : p.columns()) channel.writePacket(ColumnDefinitionPacket.encode(c));
            channel.writeEof(0, handler.statusFlags());
        }
    }

    void execute(ByteReader in) throws IOException {
        long id = header(in, 9);
        Wire wire = statements.get(id);
        if (wire == null) throw ErrorCode.ER_UNKNOWN_STMT_HANDLER.error(id, "mysqld_stmt_execute");
        int flags = in.int1();
        in.int4(); // iteration count, always 1
        wire.cursor = null;
        BinaryParameters.Decoded decoded;
        try {
            if (wire.badLongData) throw new MalformedPacketException("long data for a parameter the statement lacks");
            byte[][] longData = null;
            if (wire.pending != null) {
                longData = new byte[wire.parameters][];
                for (int i = 0; i < wire.parameters; i++) {
                    if (wire.pending[i] != null) longData[i] = wire.pending[i].toByteArray();
                }
            }
            decoded = BinaryParameters.decode(in, wire.parameters, wire.types, longData, handler::clientText);
        } catch (MalformedPacketException e) {
            throw ErrorCode.ER_WRONG_ARGUMENTS.error("mysqld_stmt_execute");
        } finally {
            // long data serves one execution, as MySQL's does
            wire.clearLongData();
        }
        wire.types = decoded.types();
        StatementResult result = handler.execute(id, decoded.values());
        if (result instanceof OkResult ok) {
            channel.writePacket(OkPacket.of(ok, handler.statusFlags(), handler.warningCount()).encode());
            return;
        }
        if (result instanceof ProcedureResult p) {
            // CALL: its result sets, then its OUT parameters' row, each announcing more; then its OK
            int more = handler.statusFlags() | ServerStatus.MORE_RESULTS_EXISTS;
            for (RowsResult rows : p.resultSets()) writeBinaryRows(rows, more);
            if (p.outParameters() != null) writeBinaryRows(p.outParameters(), more | ServerStatus.PS_OUT_PARAMS);
            channel.writePacket(OkPacket.of(p.ok(), handler.statusFlags(), handler.warningCount()).encode());
            return;
        }
        RowsResult rows = (RowsResult) result;
        channel.writePacket(new ByteWriter(9).lenenc(rows.columns().size()).toByteArray());
        for (Column c : rows.columns()) channel.writePacket(ColumnDefinitionPacket.encode(c));
        if ((flags & CURSOR_TYPES) != 0) {
            // the rows wait for COM_STMT_FETCH
            wire.cursor = new Cursor(rows.columns(), rows.rows().iterator());
            channel.writeEof(handler.warningCount(), handler.statusFlags() | CURSOR_EXISTS);
            return;
        }
        channel.writeEof(handler.warningCount(), handler.statusFlags());
        for (byte[][] row : rows.rows()) channel.writePacket(BinaryRows.encode(rows.columns(), row));
        channel.writeEof(handler.warningCount(), handler.statusFlags());
    }

    private void writeBinaryRows(RowsResult rows, int status) throws IOException {
        channel.writePacket(new ByteWriter(9).lenenc(rows.columns().size()).toByteArray());
        for (Column c : rows.columns()) channel.writePacket(ColumnDefinitionPacket.encode(c));
        channel.writeEof(handler.warningCount(), status);
        for (byte[][] row : rows.rows()) channel.writePacket(BinaryRows.encode(rows.columns(), row));
        channel.writeEof(handler.warningCount(), status);
    }

    void fetch(ByteReader in) throws IOException {
        long id = header(in, 8);
        long count = in.int4();
        Wire wire = known(id, "Com_stmt_fetch", "mysqld_stmt_fetch");
        if (wire.cursor == null) throw ErrorCode.ER_STMT_HAS_NO_OPEN_CURSOR.error(id);
        Cursor cursor = wire.cursor;
        for (long i = 0; i < count && cursor.rows().hasNext(); i++) {
            channel.writePacket(BinaryRows.encode(cursor.columns(), cursor.rows().next()));
        }
        int status = handler.statusFlags();
        if (cursor.rows().hasNext()) {
            status |= CURSOR_EXISTS;
        } else {
            status |= LAST_ROW_SENT;
            wire.cursor = null;
        }
        channel.writeEof(handler.warningCount(), status);
    }

    /** COM_STMT_SEND_LONG_DATA: appends to one parameter's value; never answered, even on error. */
    void sendLongData(ByteReader in) {
        if (in.remaining() < 6) return;
        long id = in.int4();
        int parameter = in.int2();
        Wire wire = statements.get(id);
        handler.count("Com_stmt_send_long_data");
        if (wire == null) return;
        if (parameter >= wire.parameters) {
            wire.badLongData = true;
            return;
        }
        if (wire.pending == null) wire.pending = new ByteArrayOutputStream[wire.parameters];
        if (wire.pending[parameter] == null) wire.pending[parameter] = new ByteArrayOutputStream();
        byte[] data = in.restBytes();
        wire.pending[parameter].write(data, 0, data.length);
    }

    void reset(ByteReader in) throws IOException {
        long id = header(in, 4);
        Wire wire = known(id, "Com_stmt_reset", "mysqld_stmt_reset");
        wire.clearLongData();
        wire.cursor = null;
        channel.writeOk(OkPacket.plain(handler.statusFlags()));
    }

    void close(ByteReader in) {
        if (in.remaining() < 4) return;
        long id = in.int4();
        statements.remove(id);
        handler.closeStatement(id);
    }

    /** COM_RESET_CONNECTION: the handler freed every statement; so does the wire. */
    void forgetAll() {
        statements.clear();
    }

    /** Counts the command, then finds its statement: 1243 naming {@code function} when there is none. */
    private Wire known(long id, String counter, String function) {
        handler.count(counter);
        Wire wire = statements.get(id);
        if (wire == null) throw ErrorCode.ER_UNKNOWN_STMT_HANDLER.error(id, function);
        return wire;
    }

    /** The statement id that starts the command; a packet too short for its fixed part is malformed. */
    private static long header(ByteReader in, int fixedLength) {
        if (in.remaining() < fixedLength) throw new MalformedPacketException("command shorter than " + fixedLength);
        return in.int4();
    }
}
