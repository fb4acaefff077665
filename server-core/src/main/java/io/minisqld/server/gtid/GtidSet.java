package io.minisqld.server.gtid;

import io.minisqld.server.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A set of GTIDs as MySQL 5.7 writes it: {@code uuid:1-5:7,uuid2:3-9} — per server UUID, the
 * transaction numbers as intervals. Parsed leniently as MySQL parses it (spaces around the parts,
 * upper or lower case, intervals in any order, overlapping or adjacent ones merged); written as
 * MySQL writes it: UUIDs in lower case and sorted, intervals merged and sorted, {@code n} for a
 * one-number interval, UUIDs separated by {@code ",\n"}. Immutable.
 */
public final class GtidSet {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** UUID → its intervals {start, end}, sorted and merged (never adjacent or overlapping). */
    private final TreeMap<String, List<long[]>> intervals;

    private GtidSet(TreeMap<String, List<long[]>> intervals) {
        this.intervals = intervals;
    }

    public static final GtidSet EMPTY = new GtidSet(new TreeMap<>());

    /**
     * Parses MySQL's text form.
     *
     * @throws io.minisqld.server.error.SqlError 1772 for text that is no GTID set
     */
    public static GtidSet parse(String text) {
        TreeMap<String, List<long[]>> out = new TreeMap<>();
        String all = text.strip();
        if (all.isEmpty()) return EMPTY;
        for (String group : all.split(",", -1)) {
            String[] parts = group.strip().split(":", -1);
            String uuid = parts[0].strip().toLowerCase(Locale.ROOT);
            if (!UUID.matcher(uuid).matches() || parts.length < 2) throw malformed(text);
            List<long[]> list = out.computeIfAbsent(uuid, u -> new ArrayList<>());
            for (int i = 1; i < parts.length; i++) {
                String interval = parts[i].strip();
                int dash = interval.indexOf('-');
                long start = number(dash < 0 ? interval : interval.substring(0, dash).strip(), text);
                long end = dash < 0 ? start : number(interval.substring(dash + 1).strip(), text);
                if (start < 1 || end < start) throw malformed(text);
                list.add(new long[] {start, end});
            }
        }
        for (Map.Entry<String, List<long[]>> e : out.entrySet()) e.setValue(merged(e.getValue()));
        return new GtidSet(out);
    }

    private static long number(String digits, String text) {
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) throw malformed(text);
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLarge) {
            throw malformed(text);
        }
    }

    private static io.minisqld.server.error.SqlError malformed(String text) {
        return ErrorCode.ER_MALFORMED_GTID_SET_SPECIFICATION.error(text);
    }

    private static List<long[]> merged(List<long[]> list) {
        List<long[]> sorted = new ArrayList<>(list);
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] i : sorted) {
            long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && i[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], i[1]);
            } else {
                out.add(new long[] {i[0], i[1]});
            }
        }
        return out;
    }

    /** True if every GTID of this set is in {@code other} (GTID_SUBSET). */
    public boolean subsetOf(GtidSet other) {
        for (Map.Entry<String, List<long[]>> e : intervals.entrySet()) {
            List<long[]> theirs = other.intervals.getOrDefault(e.getKey(), List.of());
            for (long[] mine : e.getValue()) {
                boolean covered = false;
                for (long[] t : theirs) {
                    if (t[0] <= mine[0] && mine[1] <= t[1]) {
                        covered = true;
                        break;
                    }
                }
                if (!covered) return false;
            }
        }
        return true;
    }

    /** The GTIDs of this set that are not in {@code other} (GTID_SUBTRACT). */
    public GtidSet minus(GtidSet other) {
        TreeMap<String, List<long[]>> out = new TreeMap<>();
        for (Map.Entry<String, List<long[]>> e : intervals.entrySet()) {
            List<long[]> left = new ArrayList<>();
            for (long[] i : e.getValue()) left.add(new long[] {i[0], i[1]});
            for (long[] cut : other.intervals.getOrDefault(e.getKey(), List.of())) {
                List<long[]> next = new ArrayList<>();
                for (long[] i : left) {
                    if (cut[1] < i[0] || cut[0] > i[1]) {
                        next.add(i);
                        continue;
                    }
                    if (cut[0] > i[0]) next.add(new long[] {i[0], cut[0] - 1});
                    if (cut[1] < i[1]) next.add(new long[] {cut[1] + 1, i[1]});
                }
                left = next;
            }
            if (!left.isEmpty()) out.put(e.getKey(), left);
        }
        return new GtidSet(out);
    }

    public boolean isEmpty() {
        return intervals.isEmpty();
    }

    /** Whether {@code uuid:gno} is in the set. */
    public boolean contains(String uuid, long gno) {
        for (long[] i : intervals.getOrDefault(uuid, List.of())) {
            if (i[0] <= gno && gno <= i[1]) return true;
            if (i[0] > gno) return false;
        }
        return false;
    }

    /** This set with {@code uuid:gno} added (the same set when it is already in). */
    public GtidSet with(String uuid, long gno) {
        if (contains(uuid, gno)) return this;
        TreeMap<String, List<long[]>> out = new TreeMap<>(intervals);
        List<long[]> list = new ArrayList<>(out.getOrDefault(uuid, List.of()));
        list.add(new long[] {gno, gno});
        out.put(uuid, merged(list));
        return new GtidSet(out);
    }

    /** Every GTID of this set and of {@code other}. */
    public GtidSet union(GtidSet other) {
        if (other.isEmpty()) return this;
        if (isEmpty()) return other;
        TreeMap<String, List<long[]>> out = new TreeMap<>(intervals);
        for (Map.Entry<String, List<long[]>> e : other.intervals.entrySet()) {
            List<long[]> list = new ArrayList<>(out.getOrDefault(e.getKey(), List.of()));
            list.addAll(e.getValue());
            out.put(e.getKey(), merged(list));
        }
        return new GtidSet(out);
    }

    /** The highest transaction number of {@code uuid} in the set, 0 when it has none. */
    public long last(String uuid) {
        List<long[]> list = intervals.get(uuid);
        return list == null || list.isEmpty() ? 0 : list.get(list.size() - 1)[1];
    }

    /** The intervals of {@code uuid}, each {start, end} with the end included, sorted. */
    public List<long[]> intervals(String uuid) {
        List<long[]> out = new ArrayList<>();
        for (long[] i : intervals.getOrDefault(uuid, List.of())) out.add(new long[] {i[0], i[1]});
        return out;
    }

    /** The GTIDs of this set that carry {@code uuid}. */
    public GtidSet of(String uuid) {
        List<long[]> list = intervals.get(uuid);
        if (list == null) return EMPTY;
        TreeMap<String, List<long[]>> out = new TreeMap<>();
        out.put(uuid, list);
        return new GtidSet(out);
    }

    /** The server UUIDs of the set, sorted. */
    public java.util.Set<String> uuids() {
        return java.util.Collections.unmodifiableSet(intervals.keySet());
    }

    /**
     * MySQL's binary form (PREVIOUS_GTIDS body, COM_BINLOG_DUMP_GTID data; row-events B.3): the
     * number of UUIDs (8 bytes), then per UUID in order its 16 bytes, the number of intervals (8)
     * and each interval as start and end, the end exclusive (8 + 8), all little-endian.
     */
    public byte[] encode() {
        int size = 8;
        for (List<long[]> list : intervals.values()) size += 16 + 8 + 16 * list.size();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(size).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(intervals.size());
        for (Map.Entry<String, List<long[]>> e : intervals.entrySet()) {
            b.put(uuidBytes(e.getKey()));
            b.putLong(e.getValue().size());
            for (long[] i : e.getValue()) {
                b.putLong(i[0]);
                b.putLong(i[1] + 1);
            }
        }
        return b.array();
    }

    /**
     * Reads the binary form from {@code length} bytes at {@code offset}.
     *
     * @throws IllegalArgumentException when the bytes are not a GTID set
     */
    public static GtidSet decode(byte[] bytes, int offset, int length) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes, offset, length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        try {
            long sids = b.getLong();
            if (sids < 0 || sids > length / 24) throw new IllegalArgumentException("GTID set with " + sids + " UUIDs");
            TreeMap<String, List<long[]>> out = new TreeMap<>();
            for (long s = 0; s < sids; s++) {
                byte[] uuid = new byte[16];
                b.get(uuid);
                long n = b.getLong();
                if (n < 0 || n > b.remaining() / 16) throw new IllegalArgumentException("GTID set with " + n + " intervals");
                List<long[]> list = out.computeIfAbsent(uuidText(uuid), u -> new ArrayList<>());
                for (long i = 0; i < n; i++) {
                    long start = b.getLong();
                    long end = b.getLong() - 1;
                    if (start < 1 || end < start) throw new IllegalArgumentException("GTID interval " + start + "-" + end);
                    list.add(new long[] {start, end});
                }
            }
            for (Map.Entry<String, List<long[]>> e : out.entrySet()) e.setValue(merged(e.getValue()));
            return new GtidSet(out);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("GTID set cut short", e);
        }
    }

    /** A UUID's 16 bytes in text order (what GTID events and the binary set carry). */
    public static byte[] uuidBytes(String uuid) {
        String hex = uuid.replace("-", "");
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        return out;
    }

    /** The text form of 16 UUID bytes. */
    public static String uuidText(byte[] b) {
        StringBuilder s = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) s.append('-');
            s.append(Character.forDigit((b[i] >> 4) & 0xF, 16)).append(Character.forDigit(b[i] & 0xF, 16));
        }
        return s.toString();
    }

    /** Whether {@code text} is a UUID in MySQL's text form (either case). */
    public static boolean isUuid(String text) {
        return UUID.matcher(text.toLowerCase(Locale.ROOT)).matches();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GtidSet g && toString().equals(g.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** MySQL's text form: {@code uuid:1-5:7,\nuuid2:3}; empty for the empty set. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, List<long[]>> e : intervals.entrySet()) {
            if (b.length() > 0) b.append(",\n");
            b.append(e.getKey());
            for (long[] i : e.getValue()) {
                b.append(':').append(i[0]);
                if (i[1] != i[0]) b.append('-').append(i[1]);
            }
        }
        return b.toString();
    }
}
