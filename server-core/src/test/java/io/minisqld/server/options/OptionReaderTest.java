package io.minisqld.server.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Option files and command line as mysqld 5.7 reads them (spec plugin-framework.md §C.3, §D). */
class OptionReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    private OptionReader reader() {
        return new OptionReader(DefaultFileLocations.none(), dir);
    }

    private static List<String> texts(ServerOptions options) {
        return options.options().stream().map(Option::text).toList();
    }

    @Test
    void lineSyntaxFollowsMysys() throws Exception {
        Path cnf = write("my.cnf",
                "# comment",
                "; also a comment",
                "",
                "[client]",
                "port = 1111",
                "[mysqld]",
                "  port = 3307   # inline comment",
                "datadir='data dir # not a comment'",
                "log_error = \"/var/log/x.err\"",
                "init_connect = \"unbalanced",
                "escapes = a\\tb\\sc\\\\d\\x\\'e\\\"f",
                "log-bin",
                "relay_log =",
                "trailing = 'q'   ",
                "[MYSQLD-5.7]",
                "server_id=7",
                "[server ]",
                "bind-address=127.0.0.1",
                "[mysqldump]",
                "quick");
        ServerOptions options = reader().read("--defaults-file=" + cnf);

        assertEquals(List.of("port=3307", "datadir=data dir # not a comment", "log_error=/var/log/x.err",
                "init_connect=\"unbalanced", "escapes=a\tb c\\d\\x'e\"f", "log-bin", "relay_log=",
                "trailing=q", "server_id=7", "bind-address=127.0.0.1"), texts(options));
        assertEquals(Optional.of("3307"), options.get("port"));
        assertEquals(Optional.of(""), options.get("log_bin"));
        assertEquals(Optional.of(""), options.get("relay-log"));
        assertEquals(Optional.of("127.0.0.1"), options.get("BIND_ADDRESS"));
        Option logBin = options.find("log-bin").orElseThrow();
        assertTrue(logBin.bare());
        assertEquals(cnf + ":12", logBin.origin());
        assertEquals(cnf + ":7", options.find("port").orElseThrow().origin());
        assertEquals(Optional.of(cnf), options.defaultsFile());
        assertEquals(List.of(cnf), options.filesRead());
    }

    @Test
    void commandLineComesAfterFilesAndLastValueWins() throws Exception {
        Path cnf = write("my.cnf", "[mysqld]", "port=3307", "server-id=1", "port=3310");
        ServerOptions options = reader().read("--defaults-file=" + cnf, "--server_id=2", "--skip-slave-start",
                "datadir", "--", "--not-an-option");

        assertEquals(Optional.of("3310"), options.get("port"));
        assertEquals(Optional.of("2"), options.get("server_id"));
        assertEquals(Option.COMMAND_LINE, options.find("server-id").orElseThrow().origin());
        assertEquals(List.of("port=3307", "server-id=1", "port=3310", "server_id=2", "skip-slave-start"),
                texts(options));
        assertEquals(List.of("datadir", "--not-an-option"), options.arguments());
    }

    @Test
    void prefixesFollowMyGetopt() {
        ServerOptions options = ServerOptions.ofCommandLine("--loose-rpl-semi-sync-master-enabled=1",
                "--skip-networking", "--disable-log-bin", "--enable-foo", "--skip-bar=0", "--enable-baz=0",
                "--loose_skip_qux", "--skip-loose-quux=1");

        assertEquals(List.of(
                new Option("rpl_semi_sync_master_enabled", "1", true, "command line", "loose-rpl-semi-sync-master-enabled=1"),
                new Option("networking", "0", false, "command line", "skip-networking"),
                new Option("log_bin", "0", false, "command line", "disable-log-bin"),
                new Option("foo", "1", false, "command line", "enable-foo"),
                new Option("bar", "1", false, "command line", "skip-bar=0"),
                new Option("baz", "0", false, "command line", "enable-baz=0"),
                new Option("qux", "0", true, "command line", "loose_skip_qux"),
                new Option("quux", "0", true, "command line", "skip-loose-quux=1")), options.options());

        // MySQL first looks the whole name up: skip-networking is an option of its own.
        assertEquals(new Option("skip_networking", null, false, "command line", "skip-networking"),
                options.find("skip_networking").orElseThrow());
        assertEquals(Optional.of(""), options.get("skip-networking"));
        assertEquals(Optional.of("0"), options.get("networking"));
        assertEquals(new Option("skip_qux", null, true, "command line", "loose_skip_qux"),
                options.options().get(6).literal());
        assertEquals(Optional.empty(), options.get("absent"));
    }

    @Test
    void pluginLoadReplacesAndPluginLoadAddAccumulates() throws Exception {
        Path cnf = write("my.cnf", "[mysqld]",
                "plugin-load-add=a=a.so",
                "plugin_load=b=b.so;c=c.so",
                "plugin-load-add = d.so");
        ServerOptions options = reader().read("--defaults-file=" + cnf, "--plugin-load-add=e=e.so:f=f.so",
                "--loose-plugin-load-add=g.so");
        assertEquals(List.of("b=b.so;c=c.so", "d.so", "e=e.so:f=f.so", "g.so"), options.pluginLoad());

        ServerOptions reset = reader().read("--defaults-file=" + cnf, "--plugin-load=h=h.so");
        assertEquals(List.of("h=h.so"), reset.pluginLoad());
        assertEquals(List.of(), ServerOptions.ofCommandLine("--port=1").pluginLoad());
    }

    @Test
    void groupWithoutClosingBracketIsFatal() throws Exception {
        Path cnf = write("bad.cnf", "[mysqld]", "port=1", "[mysqld");
        OptionFileException e = assertThrows(OptionFileException.class,
                () -> reader().read("--defaults-file=" + cnf));
        assertEquals("Wrong group definition in config file " + cnf + " at line 3!", e.getMessage());
        assertEquals("Fatal error in defaults handling. Program aborted!", OptionFileException.FATAL_DEFAULTS_ERROR);
    }

    @Test
    void optionBeforeAnyGroupIsFatal() throws Exception {
        Path cnf = write("bad.cnf", "# header", "port=1", "[mysqld]");
        OptionFileException e = assertThrows(OptionFileException.class,
                () -> reader().read("--defaults-file=" + cnf));
        assertEquals("Found option without preceding group in config file " + cnf + " at line 2!", e.getMessage());
    }

    @Test
    void missingDefaultsFileOrExtraFileIsFatal() {
        OptionFileException missing = assertThrows(OptionFileException.class,
                () -> reader().read("--defaults-file=nope.cnf"));
        assertEquals("Could not open required defaults file: " + dir.resolve("nope.cnf"), missing.getMessage());
        OptionFileException extra = assertThrows(OptionFileException.class,
                () -> reader().read("--defaults-extra-file=extra.cnf"));
        assertEquals("Could not open required defaults file: " + dir.resolve("extra.cnf"), extra.getMessage());
    }

    @Test
    void emptyIncludeDirectiveIsFatal() throws Exception {
        Path cnf = write("my.cnf", "[mysqld]", "!include   ");
        OptionFileException e = assertThrows(OptionFileException.class,
                () -> reader().read("--defaults-file=" + cnf));
        assertEquals("Wrong '!include' directive in config file " + cnf + " at line 2!", e.getMessage());
    }

    @Test
    void missingIncludeDirIsFatal() throws Exception {
        Path cnf = write("my.cnf", "[mysqld]", "!includedir " + dir.resolve("absent"));
        OptionFileException e = assertThrows(OptionFileException.class,
                () -> reader().read("--defaults-file=" + cnf));
        assertEquals("Can't read dir of '" + dir.resolve("absent") + "' (Errcode: 2 - No such file or directory)",
                e.getMessage());
    }

    @Test
    void includeAndIncludeDirReadInPlaceSortedAndOnlyCnf() throws Exception {
        write("conf.d/20-b.cnf", "[mysqld]", "b=2");
        write("conf.d/10-a.cnf", "[mysqld]", "a=1", "[client]", "user=x");
        write("conf.d/30-c.ini", "[mysqld]", "c=3");
        write("conf.d/README", "[mysqld]", "readme=1");
        write("single.cnf", "[server]", "single=1");
        Path cnf = write("my.cnf", "[mysqld]", "first=1", "!includedir conf.d", "middle=1",
                "!include " + dir.resolve("single.cnf"), "!include missing.cnf", "last=1");
        ServerOptions options = reader().read("--defaults-file=" + cnf);

        assertEquals(List.of("first=1", "a=1", "b=2", "middle=1", "single=1", "last=1"), texts(options));
        assertEquals(dir.resolve("conf.d/10-a.cnf") + ":2", options.find("a").orElseThrow().origin());
        // The including file's group goes on after the included file switched groups.
        assertEquals(cnf + ":7", options.find("last").orElseThrow().origin());
        assertEquals(List.of(), options.notices());
    }

    @Test
    void errorInIncludedFileIsReportedButNotFatal() throws Exception {
        Path inc = write("inc.cnf", "[mysqld]", "x=1", "[broken", "y=2");
        Path cnf = write("my.cnf", "[mysqld]", "!include " + inc, "z=3");
        ServerOptions options = reader().read("--defaults-file=" + cnf);

        assertEquals(List.of("x=1", "z=3"), texts(options));
        assertEquals(List.of(OptionNotice.error("Wrong group definition in config file " + inc + " at line 3!")),
                options.notices());
    }

    @Test
    void includesDeeperThanTenAreSkippedWithAWarning() throws Exception {
        for (int level = 0; level <= 11; level++) {
            write("level" + level + ".cnf", "[mysqld]", "level" + level + "=1",
                    "!include " + dir.resolve("level" + (level + 1) + ".cnf"));
        }
        ServerOptions options = reader().read("--defaults-file=" + dir.resolve("level0.cnf"));

        assertEquals(11, options.options().size());
        assertEquals(Optional.of("1"), options.get("level10"));
        assertEquals(Optional.empty(), options.get("level11"));
        assertEquals(List.of(OptionNotice.warning("skipping '!include " + dir.resolve("level11.cnf")
                + "' directive as maximum includerecursion level was reached in file "
                + dir.resolve("level10.cnf") + " at line 3!")), options.notices());
    }

    @Test
    void defaultSearchOrderPutsExtraFileBetweenGlobalAndUserFiles() throws Exception {
        Path etc = write("etc/my.cnf", "[mysqld]", "who=etc", "etc=1");
        Path home = write("home/my.cnf", "[mysqld]", "who=mysql_home");
        Path user = write("user/.my.cnf", "[mysqld]", "who=user");
        Path extra = write("extra.cnf", "[mysqld]", "who=extra", "extra=1");
        DefaultFileLocations locations = new DefaultFileLocations(
                List.of(etc, dir.resolve("absent/my.cnf"), home), List.of(user));
        OptionReader reader = new OptionReader(locations, dir);

        ServerOptions all = reader.read("--defaults-extra-file=extra.cnf", "--port=1");
        assertEquals(List.of("who=etc", "etc=1", "who=mysql_home", "who=extra", "extra=1", "who=user", "port=1"),
                texts(all));
        assertEquals(List.of(etc, home, extra, user), all.filesRead());
        assertEquals(Optional.of(extra), all.defaultsExtraFile());

        // --defaults-file reads only that file: no search list, no extra file.
        ServerOptions only = reader.read("--defaults-extra-file=extra.cnf", "--defaults-file=" + user);
        assertEquals(List.of("who=user"), texts(only));

        ServerOptions none = reader.read("--no-defaults", "--port=2");
        assertTrue(none.noDefaults());
        assertEquals(List.of("port=2"), texts(none));
    }

    @Test
    void standardLocationsFollowMysqlSearchList() {
        DefaultFileLocations standard = DefaultFileLocations.standard(
                java.util.Map.of("MYSQL_HOME", "/opt/mysql"), Path.of("/home/u"));
        assertEquals(List.of(Path.of("/etc/my.cnf"), Path.of("/etc/mysql/my.cnf"), Path.of("/opt/mysql/my.cnf")),
                standard.globalFiles());
        assertEquals(List.of(Path.of("/home/u/.my.cnf")), standard.userFiles());
    }

    @Test
    void defaultsOptionsAfterOtherOptionsAreOrdinaryUnknownOptions() throws Exception {
        Path cnf = write("my.cnf", "[mysqld]", "port=1");
        ServerOptions options = reader().read("--port=2", "--defaults-file=" + cnf, "--no-defaults");

        assertEquals(List.of("port=2", "defaults-file=" + cnf, "no-defaults"), texts(options));
        assertFalse(options.noDefaults());
        assertEquals(OptionNotice.error("/usr/sbin/mysqld: unknown variable 'defaults-file=" + cnf + "'"),
                OptionMessages.unknownOption(options.options().get(1), "/usr/sbin/mysqld"));
    }

    @Test
    void unknownOptionMessagesQuoteTheOptionAsWritten() {
        ServerOptions options = ServerOptions.ofCommandLine("--foo=bar", "--Bogus-Flag", "--loose-x-y=1",
                "--skip-zzz");
        List<OptionNotice> notices = options.options().stream()
                .map(o -> OptionMessages.unknownOption(o, "mysqld")).toList();
        assertEquals(List.of(
                OptionNotice.error("mysqld: unknown variable 'foo=bar'"),
                OptionNotice.error("mysqld: unknown option '--Bogus-Flag'"),
                OptionNotice.warning("mysqld: unknown variable 'loose-x-y=1'"),
                OptionNotice.error("mysqld: unknown option '--skip-zzz'")), notices);
        assertEquals(OptionNotice.error("unknown variable 'foo=bar'"),
                OptionMessages.unknownOption(options.options().get(0), null));
        assertEquals("Aborting", OptionMessages.ABORTING);
        assertEquals(OptionNotice.error("Too many arguments (first extra is 'x')."),
                OptionMessages.tooManyArguments("x"));
    }

    @Test
    void groupSuffixAddsSuffixedGroups() throws Exception {
        Path cnf = write("my.cnf", "[mysqld]", "a=1", "[mysqld_source]", "b=2", "[server_replica]", "c=3");
        ServerOptions options = reader().read("--defaults-file=" + cnf, "--defaults-group-suffix=_source");
        assertEquals(List.of("a=1", "b=2"), texts(options));
        assertEquals(Optional.of("_source"), options.defaultsGroupSuffix());
    }

    @Test
    void worldWritableFileIsIgnoredWithWarning() throws Exception {
        Path cnf = write("my.cnf", "[mysqld]", "port=1");
        Files.setPosixFilePermissions(cnf, PosixFilePermissions.fromString("rw-rw-rw-"));
        ServerOptions options = reader().read("--defaults-file=" + cnf);
        assertEquals(List.of(), options.options());
        assertEquals(List.of(OptionNotice.warning("World-writable config file '" + cnf + "' is ignored.")),
                options.notices());
    }

    @Test
    void printDefaultsListsTheMergedArguments() throws Exception {
        Path cnf = write("my.cnf", "[mysqld]", "port=1", "password=secret");
        ServerOptions options = reader().read("--defaults-file=" + cnf, "--print-defaults", "--log-bin");
        assertTrue(options.printDefaults());
        assertEquals("mysqld would have been started with the following arguments:\n"
                + "--port=1 --password=***** --log-bin \n", options.printDefaultsText("mysqld"));
    }
}
