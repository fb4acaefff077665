/**
 * Test support for plugin authors: {@link io.minisqld.testsupport.MinisqldExtension} (JUnit 5)
 * and {@link io.minisqld.testsupport.MinisqldHarness} start an in-process minisqld on a loopback
 * ephemeral port with a temporary datadir and a plugin_dir holding the jars under test, INSTALL
 * plugins, and give the test JDBC connections (MariaDB Connector/J) and small SQL helpers
 * ({@link io.minisqld.testsupport.SqlRunner}). Everything is deleted afterwards.
 */
package io.minisqld.testsupport;
