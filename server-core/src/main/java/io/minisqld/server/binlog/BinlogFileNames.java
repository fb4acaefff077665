package io.minisqld.server.binlog;

/** Binlog file names: {@code <stem>.<number>} with at least six digits, as MySQL names them. */
public final class BinlogFileNames {
    private BinlogFileNames() {
    }

    /** {@code mysql-bin} and 3 give {@code mysql-bin.000003}. */
    public static String name(String stem, long sequence) {
        return stem + "." + String.format("%06d", sequence);
    }

    /** The number after the last dot, or -1 when the name has none. */
    public static long sequenceOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) return -1;
        long n = 0;
        for (int i = dot + 1; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** Whether {@code fileName} is a binlog file of {@code stem}. */
    public static boolean belongsTo(String fileName, String stem) {
        return fileName.startsWith(stem + ".") && sequenceOf(fileName) >= 0
                && fileName.length() - stem.length() - 1 >= 6;
    }
}
