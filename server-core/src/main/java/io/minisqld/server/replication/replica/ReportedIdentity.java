package io.minisqld.server.replication.replica;

import io.minisqld.server.variables.SystemVariables;

/**
 * What a replica tells its source about itself in COM_REGISTER_SLAVE, from its {@code report_host},
 * {@code report_port}, {@code report_user} and {@code report_password} options; the source lists
 * it in SHOW SLAVE HOSTS, where tools discover replicas.
 */
public record ReportedIdentity(String host, String user, String password, int port) {

    /** The server's report_* variables (report_port: the server's own port unless set). */
    static ReportedIdentity of(SystemVariables variables, int serverPort) {
        long port = variables.globalLong("report_port");
        return new ReportedIdentity(text(variables, "report_host"), text(variables, "report_user"),
                text(variables, "report_password"), port == 0 ? serverPort : (int) port);
    }

    private static String text(SystemVariables variables, String name) {
        String v = variables.globalString(name);
        return v == null ? "" : v;
    }
}
