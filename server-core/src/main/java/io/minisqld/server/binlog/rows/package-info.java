/**
 * Row-based binary logging as MySQL 5.7 writes it (row-events-gtid-mts.md part A): the columns
 * of a table as TABLE_MAP and row events describe them ({@link io.minisqld.server.binlog.rows.BinlogColumn},
 * {@link io.minisqld.server.binlog.rows.BinlogTables}), the columns each image carries under
 * {@code binlog_row_image} ({@link io.minisqld.server.binlog.rows.RowImage}), and the
 * WRITE/UPDATE/DELETE_ROWS version 2 events of one statement's changed rows
 * ({@link io.minisqld.server.binlog.rows.RowsEventEncoder}). The values are the Java objects H2
 * hands a row trigger; each is checked against its column and written in MySQL's binary row
 * format, which the replica's decoder ({@code replication.replica.RowImages}) reads back.
 */
package io.minisqld.server.binlog.rows;
