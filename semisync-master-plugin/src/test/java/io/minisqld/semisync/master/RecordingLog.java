package io.minisqld.semisync.master;

import java.util.ArrayList;
import java.util.List;

/** Records log lines as the error log would label them: "[Note] …", "[Warning] …", "[ERROR] …". */
final class RecordingLog implements MasterLog {
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void note(String message) {
        lines.add("[Note] " + message);
    }

    @Override
    public synchronized void warning(String message) {
        lines.add("[Warning] " + message);
    }

    @Override
    public synchronized void error(String message) {
        lines.add("[ERROR] " + message);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized void clear() {
        lines.clear();
    }
}
