package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.VirtualTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A virtual table computed from H2's own metadata, read on the querying session's connection so
 * that it sees what that session sees.
 */
interface MetadataTable extends VirtualTable {
    List<List<Object>> rows(Connection conn) throws SQLException;

    @Override
    default List<List<Object>> rows(long sessionId) {
        throw new UnsupportedOperationException("read through a connection");
    }
}
