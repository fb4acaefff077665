/**
 * Accounts and privileges, as MySQL 5.7 keeps them.
 *
 * <p>{@link io.minisqld.server.grant.NativePassword} is the {@code mysql_native_password} scheme.
 * {@link io.minisqld.server.auth.AccountStore} (one per server) owns {@code mysql.user},
 * {@code mysql.db} and {@code mysql.tables_priv}, authenticates clients and answers privilege
 * checks from an in-memory snapshot. {@link io.minisqld.server.auth.AccountStatements} parses
 * and runs CREATE/DROP/ALTER/RENAME USER, SET PASSWORD, GRANT, REVOKE, SHOW GRANTS and FLUSH
 * PRIVILEGES for a session's {@link io.minisqld.server.auth.Account}. Nothing here knows about
 * the wire protocol or the binlog.
 */
package io.minisqld.server.auth;
