package io.minisqld.server.it;

/** {@link ConnectorScenarios} through MariaDB Connector/J 3.x. */
class MariaDbConnectorTest extends ConnectorScenarios {
    @Override
    Driver driver() {
        return Driver.MARIADB;
    }
}
