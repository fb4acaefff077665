package io.minisqld.semisync.master;

import io.minisqld.plugin.api.LogPosition;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.function.Supplier;

/**
 * The transactions whose binlog end positions semisync knows, in binlog order (MySQL's
 * {@code ActiveTranx}, spec §2.1): the list a committing session finds its node in, and the one
 * an acknowledgement at position P walks to wake every waiter at or below P, whatever session it
 * belongs to.
 *
 * <p>Not thread-safe: every call is made with the owner's lock held (the conditions come from
 * that lock).
 */
public final class ActiveTransactions {
    // MySQL's function names, as its traces print them (the single and the quadruple colon too)
    private static final String INSERT = "ActiveTranx:insert_tranx_node";
    private static final String PROBE = "ActiveTranx::is_tranx_end_pos";
    private static final String CLEAR = "ActiveTranx::::clear_active_tranx_nodes";

    /** One transaction (or commit group) end: sessions waiting for it sleep on its condition. */
    public static final class Node {
        private final LogPosition position;
        private final Condition condition;
        private int waiters;

        Node(LogPosition position, Condition condition) {
            this.position = position;
            this.condition = condition;
        }

        public LogPosition position() {
            return position;
        }

        public Condition condition() {
            return condition;
        }

        public int waiters() {
            return waiters;
        }

        void addWaiter() {
            waiters++;
        }

        void removeWaiter() {
            waiters--;
        }
    }

    private final Supplier<Condition> conditions;
    private final SemiSyncTrace trace;
    private final ArrayDeque<Node> nodes = new ArrayDeque<>();
    /** MySQL keeps a hash next to the list for before_send_event's exact-position probe. */
    private final Map<LogPosition, Node> byPosition = new HashMap<>();

    /**
     * @param conditions makes the condition of each new node, from the owner's lock
     * @param trace      where the insert, probe and clear lines go (MySQL's ActiveTranx traces)
     */
    public ActiveTransactions(Supplier<Condition> conditions, SemiSyncTrace trace) {
        this.conditions = conditions;
        this.trace = trace;
    }

    /**
     * Appends a node for {@code position}. Nodes must arrive in strictly increasing order (MySQL's
     * "binlog write out-of-order" error); the caller switches semisync off when this is refused.
     *
     * @return false if {@code position} is not after the last node
     */
    public boolean insert(LogPosition position) {
        trace.enter(INSERT);
        Node last = nodes.peekLast();
        if (last != null && !last.position.isBefore(position)) {
            trace.exit(INSERT, -1);
            return false;
        }
        Node node = new Node(position, conditions.get());
        nodes.addLast(node);
        byPosition.put(position, node);
        // MySQL also prints the hash bucket ("in entry(N)"), which this table does not have
        trace.detail(INSERT, "insert " + SemiSyncTrace.at(position));
        trace.exit(INSERT, 0);
        return true;
    }

    /** The first node at or after {@code position}: the node of the group holding that transaction. */
    public Optional<Node> findAtOrAfter(LogPosition position) {
        for (Node node : nodes) {
            if (!node.position.isBefore(position)) {
                return Optional.of(node);
            }
        }
        return Optional.empty();
    }

    /** Whether a transaction ends exactly at {@code position} (decides the sync flag, spec §2.5). */
    public boolean endsAt(LogPosition position) {
        trace.enter(PROBE);
        boolean found = byPosition.containsKey(position);
        trace.detail(PROBE, "probe " + SemiSyncTrace.at(position));
        trace.exit(PROBE, found ? 1 : 0);
        return found;
    }

    /** Wakes the waiters of every node at or below {@code position} (spec §2.10 step 4). */
    public void signalUpTo(LogPosition position) {
        for (Node node : nodes) {
            if (position.isBefore(node.position)) {
                break;
            }
            node.condition.signalAll();
        }
    }

    /** Wakes every waiter (switch_off, spec §2.12). */
    public void signalAll() {
        for (Node node : nodes) {
            node.condition.signalAll();
        }
    }

    /**
     * Forgets the nodes from the front up to {@code position}, stopping at the first node that
     * still has waiters (spec §2.11 step 6); a null {@code position} means every node.
     *
     * @return how many nodes were removed
     */
    public int clearUpTo(LogPosition position) {
        trace.enter(CLEAR);
        int removed = 0;
        Iterator<Node> it = nodes.iterator();
        while (it.hasNext()) {
            Node node = it.next();
            if ((position != null && position.isBefore(node.position)) || node.waiters > 0) {
                break;
            }
            it.remove();
            byPosition.remove(node.position);
            removed++;
        }
        if (nodes.isEmpty()) {
            trace.detail(CLEAR, "cleared all nodes");
        } else if (removed > 0) {
            trace.detail(CLEAR, "cleared " + removed + " nodes back until pos "
                    + SemiSyncTrace.at(nodes.peekFirst().position));
        }
        trace.exit(CLEAR, 0);
        return removed;
    }

    /** Forgets every node (RESET MASTER, disable). Waiters must have been woken first. */
    public void clear() {
        nodes.clear();
        byPosition.clear();
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    public int size() {
        return nodes.size();
    }
}
