package io.minisqld.semisync.master;

/**
 * What a committing session shows while it waits for an acknowledgement: the plugin sets the
 * PROCESSLIST State {@code Waiting for semi-sync ACK from slave} in {@link #enter()} and clears it
 * in {@link #exit()}. Both are called on the waiting thread with the master's lock held, so they
 * must be quick and must not call back into the master.
 */
public interface WaitStage {
    /** The stage text MySQL 5.7 shows (stage_waiting_for_semi_sync_ack_from_slave). */
    String STATE = "Waiting for semi-sync ACK from slave";

    WaitStage NONE = new WaitStage() {
        @Override
        public void enter() {
        }

        @Override
        public void exit() {
        }
    };

    void enter();

    void exit();
}
