package io.minisqld.server.replication.replica;

import io.minisqld.server.variables.SystemVariables;

/**
 * What a replica tells its source about itself in COM_REGISTER_SLAVE, from its {@code report_host},
 * {@code report_port}, {@code report_user} and {@code report_password} options; the source lists
 * it in SHOW SLAVE HOSTS, where tools discover replicas; and its {@code server_uuid}, which it
 * sets as {@code @slave_uuid} on the connection (SHOW SLAVE HOSTS's Slave_UUID) and checks against
 * the source's own.
 */
public record ReportedIdentity(String host, String user, String password, int port, String uuid) {
    public ReportedIdentity(String host, String user, String password, int port) {
        this(host, user, password, port, "");
    }

    /** The server's report_* variables (report_port: the server's own port unless set). */
    static ReportedIdentity of(SystemVariables variables, int serverPort) {
        long port = variables.globalLong("report_port");
        return new ReportedIdentity(text(variables, "report_host"), text(variables, "report_user"),
                text(variables, "report_password"), port == 0 ? serverPort : (int) port, text(variables, "server_uuid"));
    }

    private static String text(SystemVariables variables, String name) {
        String v = variables.globalString(name);
        return v == null ? "" : v;
    }
}
