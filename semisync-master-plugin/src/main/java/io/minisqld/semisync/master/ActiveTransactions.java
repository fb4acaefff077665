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
    private final ArrayDeque<Node> nodes = new ArrayDeque<>();
    /** MySQL keeps a hash next to the list for before_send_event's exact-position probe. */
    private final Map<LogPosition, Node> byPosition = new HashMap<>();

    /** @param conditions makes the condition of each new node, from the owner's lock */
    public ActiveTransactions(Supplier<Condition> conditions) {
        this.conditions = conditions;
    }

    /**
     * Appends a node for {@code position}. Nodes must arrive in strictly increasing order (MySQL's
     * "binlog write out-of-order" error); the caller switches semisync off when this is refused.
     *
     * @return false if {@code position} is not after the last node
     */
    public boolean insert(LogPosition position) {
        Node last = nodes.peekLast();
        if (last != null && !last.position.isBefore(position)) {
            return false;
        }
        Node node = new Node(position, conditions.get());
        nodes.addLast(node);
        byPosition.put(position, node);
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
        return byPosition.containsKey(position);
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
