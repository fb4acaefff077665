/**
 * Test helpers that know nothing of the server: {@link io.minisqld.testcommon.Poll} (the one way a
 * test waits for something another thread or process makes true), {@link io.minisqld.testcommon.Ports}
 * (a free loopback port) and {@link io.minisqld.testcommon.Program} (running a program such as the
 * {@code mariadb} client to its end). Server fixtures live in {@code io.minisqld.testsupport}.
 */
package io.minisqld.testcommon;
