package io.minisqld.server.it;

import io.minisqld.testsupport.MinisqldHarness;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The two JDBC drivers the project promises to work with (DESIGN.md, "Who uses it"). */
enum Driver {
    MARIADB("jdbc:mariadb://127.0.0.1:%d/%s?user=%s&password=%s"),
    MYSQL("jdbc:mysql://127.0.0.1:%d/%s?user=%s&password=%s&useSSL=false&allowPublicKeyRetrieval=true");

    private final String template;

    Driver(String template) {
        this.template = template;
    }

    String url(int port, String database, String user, String password) {
        return String.format(template, port, database == null ? "" : database, user, password == null ? "" : password);
    }

    /** A new connection as root to {@code server}, {@code database} (or none) as the default database. */
    Connection connect(MinisqldHarness server, String database) throws SQLException {
        return connect(server, database, "root", "");
    }

    Connection connect(MinisqldHarness server, String database, String user, String password) throws SQLException {
        return DriverManager.getConnection(url(server.port(), database, user, password));
    }
}
