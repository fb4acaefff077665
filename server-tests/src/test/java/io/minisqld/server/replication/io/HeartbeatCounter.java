package io.minisqld.server.replication.io;

import io.minisqld.plugin.api.observer.BinlogRelayIoObserver;
import io.minisqld.plugin.api.observer.ReadEvent;
import io.minisqld.plugin.api.observer.RelayIoParam;
import io.minisqld.server.binlog.event.EventType;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the HEARTBEAT events the IO thread reads (type byte at offset 4 of the event). */
final class HeartbeatCounter implements BinlogRelayIoObserver {
    final AtomicInteger heartbeats = new AtomicInteger();

    @Override
    public void afterReadEvent(RelayIoParam param, ReadEvent event) {
        if (event.length() > 4 && (event.get(4) & 0xFF) == EventType.HEARTBEAT.code()) heartbeats.incrementAndGet();
    }
}
