/**
 * Option files and command line, read as MySQL 5.7's mysqld reads them: {@link
 * io.minisqld.server.options.OptionReader} turns {@code argv} into {@link
 * io.minisqld.server.options.ServerOptions}; the server decides which names it knows and uses
 * {@link io.minisqld.server.options.OptionMessages} for MySQL's messages about the rest.
 */
package io.minisqld.server.options;
