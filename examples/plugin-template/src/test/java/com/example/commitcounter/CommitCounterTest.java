package com.example.commitcounter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.testsupport.MinisqldExtension;
import io.minisqld.testsupport.SqlRunner;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CommitCounterTest {
    @RegisterExtension
    MinisqldExtension server = MinisqldExtension
            .withPlugin(Path.of("target/commit_counter.jar"))
            .options("--log-bin=mysql-bin", "--server-id=1")
            .install("commit_counter", "commit_counter.so");

    @Test
    void countsBinloggedCommits() throws Exception {
        server.execute("CREATE DATABASE app");
        assertEquals(Optional.of("1"), server.globalStatus("Commit_counter_commits"));
        server.execute("CREATE TABLE app.t (id INT PRIMARY KEY)");
        server.execute("INSERT INTO app.t VALUES (1)");
        server.execute("SELECT * FROM app.t");
        assertEquals(Optional.of("3"), server.globalStatus("Commit_counter_commits"));
    }

    @Test
    void disabledCountsNothing() throws Exception {
        server.execute("SET GLOBAL commit_counter_enabled = OFF");
        server.execute("CREATE DATABASE app");
        assertEquals(Optional.of("0"), server.globalStatus("Commit_counter_commits"));
        server.execute("SET GLOBAL commit_counter_enabled = ON");
        server.execute("CREATE TABLE app.t (id INT PRIMARY KEY)");
        assertEquals(Optional.of("1"), server.globalStatus("Commit_counter_commits"));
    }

    @Test
    void notesWhoCommittedWhatInTheErrorLog() throws Exception {
        server.execute("CREATE DATABASE app");
        server.execute("CREATE TABLE app.t (id INT)");
        server.execute("INSERT INTO app.t VALUES (7)");
        String user = server.value("SELECT USER()");
        assertTrue(server.harness().errorLogText().contains(
                "Plugin commit_counter reported: 'commit by " + user + ": INSERT INTO app.t VALUES (7)'"));
    }

    @Test
    void uninstallRemovesTheVariables() throws Exception {
        server.execute("UNINSTALL PLUGIN commit_counter");
        SQLException e = server.error("SELECT @@commit_counter_enabled");
        assertEquals(1193, e.getErrorCode());
        assertEquals("Unknown system variable 'commit_counter_enabled'", SqlRunner.serverMessage(e));
    }
}
