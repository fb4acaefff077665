package io.minisqld.server.it;

/** {@link ConnectorScenarios} through MySQL Connector/J 9.x. */
class MySqlConnectorTest extends ConnectorScenarios {
    @Override
    Driver driver() {
        return Driver.MYSQL;
    }
}
