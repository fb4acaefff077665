package io.minisqld.semisync.tests;

import io.minisqld.testcommon.Poll;
import io.minisqld.testcommon.Ports;
import io.minisqld.testcommon.Program;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An OpenSSH server on 127.0.0.1 and an ephemeral port, with a host key and one client key of its
 * own in {@code dir}, for the tools that reach database hosts over ssh (MHA). Only the current
 * user logs in, only with that key. Needs Debian's openssh-server ({@code .ci/run} installs it).
 */
final class LoopbackSshd implements AutoCloseable {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");

    private final Path dir;
    private final int port;
    private final Process process;

    private LoopbackSshd(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    static LoopbackSshd start(Path dir) throws IOException, InterruptedException {
        String sshd = Program.existing(SSHD);
        String keygen = Program.existing(SSH_KEYGEN);
        Files.createDirectories(dir);
        for (String key : List.of("host_key", "id")) {
            Program.Result r = Program.run(List.of(keygen, "-q", "-t", "ed25519", "-N", "", "-f",
                    dir.resolve(key).toString()), null, Duration.ofSeconds(30));
            if (r.exitCode() != 0) throw new AssertionError("ssh-keygen failed: " + r.output());
        }
        Files.copy(dir.resolve("id.pub"), dir.resolve("authorized_keys"));
        int port = Ports.freePort();
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port, "ListenAddress 127.0.0.1", "HostKey " + dir.resolve("host_key"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"), "PidFile " + dir.resolve("sshd.pid"),
                "PermitRootLogin prohibit-password", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
                "StrictModes no", "UsePAM no", ""));
        // sshd's privilege separation directory (made by the package's service, which is not running here)
        Files.createDirectories(Path.of("/run/sshd"));
        Process p = new ProcessBuilder(sshd, "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        LoopbackSshd started = new LoopbackSshd(dir, port, p);
        Poll.until("sshd on 127.0.0.1:" + port, Duration.ofSeconds(30), () -> {
            if (!p.isAlive()) throw new AssertionError("sshd exited: " + Files.readString(dir.resolve("sshd.log")));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
        return started;
    }

    int port() {
        return port;
    }

    /** The ssh options a client needs: this server's key, no known-hosts file. */
    String clientOptions() {
        return "-i " + dir.resolve("id") + " -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
