package io.minisqld.semisync.master;

import org.slf4j.Logger;

/** {@link MasterLog} onto SLF4J: the server's error log prints info as [Note], warn as [Warning]. */
final class Slf4jMasterLog implements MasterLog {
    private final Logger logger;

    Slf4jMasterLog(Logger logger) {
        this.logger = logger;
    }

    @Override
    public void note(String message) {
        logger.info(message);
    }

    @Override
    public void warning(String message) {
        logger.warn(message);
    }

    @Override
    public void error(String message) {
        logger.error(message);
    }
}
