package io.minisqld.server.sql.statement;

import io.minisqld.server.grant.Privilege;

/**
 * A table a statement names and the privilege it needs on it.
 *
 * @param database the database it is qualified with, or null for the session's current one
 */
public record TableRef(String database, String table, Privilege needed) {
}
