package io.minisqld.server.binlog.event;

/** RAND_EVENT (type 13, §3.10): the RAND() seeds of the next statement. */
public record RandEvent(long seed1, long seed2) implements EventBody {
    @Override
    public int typeCode() {
        return EventType.RAND.code();
    }
}
