package io.minisqld.server.replication.replica;

import io.minisqld.plugin.api.observer.SourceConnection;
import io.minisqld.plugin.api.observer.SourceQueryException;
import io.minisqld.server.replication.client.MysqlClient;
import io.minisqld.plugin.api.observer.SourceQueryException;
import java.io.IOException;
import java.util.List;

/** The IO thread's connection to the source as relay IO hooks see it. */
final class SourceConnectionView implements SourceConnection {
    private final MysqlClient client;

    SourceConnectionView(MysqlClient client) {
        this.client = client;
    }

    @Override
    public List<List<String>> query(String sql) throws SourceQueryException, IOException {
        return client.query(sql);
    }

    @Override
    public void writePacket(byte[] payload) throws IOException {
        // MySQL clears the NET before a semisync reply: it goes out with sequence id 0.
        client.writePacket(payload, 0);
    }
}
