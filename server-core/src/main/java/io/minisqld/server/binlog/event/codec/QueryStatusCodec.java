package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.binlog.event.QueryStatusVariables;
import io.minisqld.server.binlog.event.QueryStatusVariables.AutoIncrement;
import io.minisqld.server.binlog.event.QueryStatusVariables.Charset;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;

import java.nio.charset.StandardCharsets;

/**
 * The status-variable block of a QUERY event. Writes in MySQL 5.7's order (which puts
 * Q_CATALOG_NZ right after Q_SQL_MODE, and MariaDB's Q_HRNOW last); reads codes in any order and stops at one it does not
 * know the length of, as MySQL and MariaDB do.
 */
final class QueryStatusCodec {
    static final int Q_FLAGS2 = 0;
    static final int Q_SQL_MODE = 1;
    static final int Q_CATALOG = 2;
    static final int Q_AUTO_INCREMENT = 3;
    static final int Q_CHARSET = 4;
    static final int Q_TIME_ZONE = 5;
    static final int Q_CATALOG_NZ = 6;
    static final int Q_LC_TIME_NAMES = 7;
    static final int Q_CHARSET_DATABASE = 8;
    static final int Q_TABLE_MAP_FOR_UPDATE = 9;
    static final int Q_MASTER_DATA_WRITTEN = 10;
    static final int Q_INVOKER = 11;
    static final int Q_UPDATED_DB_NAMES = 12;
    static final int Q_MICROSECONDS = 13;
    static final int Q_EXPLICIT_DEFAULTS_FOR_TIMESTAMP = 16;
    static final int Q_DDL_LOGGED_WITH_XID = 17;
    static final int Q_DEFAULT_COLLATION_FOR_UTF8MB4 = 18;
    static final int Q_SQL_REQUIRE_PRIMARY_KEY = 19;
    static final int Q_DEFAULT_TABLE_ENCRYPTION = 20;
    static final int Q_HRNOW = 128;
    static final int Q_XID = 129;
    /** Q_UPDATED_DB_NAMES count meaning "too many databases, none listed". */
    private static final int OVER_MAX_DBS_IN_EVENT_MTS = 254;

    void encode(QueryStatusVariables v, ByteWriter out) {
        if (v.flags2() != null) out.int1(Q_FLAGS2).int4(v.flags2());
        if (v.sqlMode() != null) out.int1(Q_SQL_MODE).int8(v.sqlMode());
        if (v.catalog() != null) {
            byte[] c = v.catalog().getBytes(StandardCharsets.UTF_8);
            out.int1(Q_CATALOG_NZ).int1(c.length).bytes(c);
        }
        if (v.autoIncrement() != null) {
            out.int1(Q_AUTO_INCREMENT).int2(v.autoIncrement().increment()).int2(v.autoIncrement().offset());
        }
        if (v.charset() != null) {
            out.int1(Q_CHARSET).int2(v.charset().client()).int2(v.charset().connection()).int2(v.charset().server());
        }
        if (v.timeZone() != null) {
            byte[] tz = v.timeZone().getBytes(StandardCharsets.UTF_8);
            out.int1(Q_TIME_ZONE).int1(tz.length).bytes(tz);
        }
        if (v.lcTimeNames() != null) out.int1(Q_LC_TIME_NAMES).int2(v.lcTimeNames());
        if (v.charsetDatabase() != null) out.int1(Q_CHARSET_DATABASE).int2(v.charsetDatabase());
        // MariaDB's code for the microseconds: MariaDB replicas and mariadb-binlog read only it (and
        // stop at MySQL's 13), a MySQL 5.7 replica stops at it; last, so nothing else is lost
        if (v.microseconds() != null) out.int1(Q_HRNOW).int3(v.microseconds());
    }

    QueryStatusVariables decode(byte[] block) throws EventFormatException {
        ByteReader in = new ByteReader(block);
        Long flags2 = null;
        Long sqlMode = null;
        String catalog = null;
        AutoIncrement autoIncrement = null;
        Charset charset = null;
        String timeZone = null;
        Integer lcTimeNames = null;
        Integer charsetDatabase = null;
        Integer micros = null;
        loop:
        while (in.remaining() > 0) {
            int code = in.int1();
            switch (code) {
                case Q_FLAGS2 -> flags2 = in.int4();
                case Q_SQL_MODE -> sqlMode = in.int8();
                case Q_CATALOG -> {
                    catalog = in.utf8(in.int1());
                    in.skip(1);
                }
                case Q_AUTO_INCREMENT -> autoIncrement = new AutoIncrement(in.int2(), in.int2());
                case Q_CHARSET -> charset = new Charset(in.int2(), in.int2(), in.int2());
                case Q_TIME_ZONE -> timeZone = in.utf8(in.int1());
                case Q_CATALOG_NZ -> catalog = in.utf8(in.int1());
                case Q_LC_TIME_NAMES -> lcTimeNames = in.int2();
                case Q_CHARSET_DATABASE -> charsetDatabase = in.int2();
                case Q_TABLE_MAP_FOR_UPDATE, Q_DDL_LOGGED_WITH_XID, Q_XID -> in.skip(8);
                case Q_MASTER_DATA_WRITTEN -> in.skip(4);
                case Q_INVOKER -> {
                    in.skip(in.int1());
                    in.skip(in.int1());
                }
                case Q_UPDATED_DB_NAMES -> {
                    int count = in.int1();
                    if (count != OVER_MAX_DBS_IN_EVENT_MTS) {
                        for (int i = 0; i < count; i++) in.nulString();
                    }
                }
                case Q_MICROSECONDS, Q_HRNOW -> micros = (int) in.intLE(3);
                case Q_EXPLICIT_DEFAULTS_FOR_TIMESTAMP, Q_SQL_REQUIRE_PRIMARY_KEY, Q_DEFAULT_TABLE_ENCRYPTION -> in.skip(1);
                case Q_DEFAULT_COLLATION_FOR_UTF8MB4 -> in.skip(2);
                default -> {
                    break loop;
                }
            }
        }
        return new QueryStatusVariables(flags2, sqlMode, catalog, autoIncrement, charset, timeZone, lcTimeNames,
                charsetDatabase, micros);
    }
}
