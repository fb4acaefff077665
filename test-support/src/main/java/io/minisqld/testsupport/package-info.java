/**
 * The project's one server fixture, for its own tests and for plugin authors.
 * {@link io.minisqld.testsupport.MinisqldHarness} starts one minisqld, in this JVM or as its own
 * process, on a loopback port with a temporary datadir and a plugin_dir holding the jars under
 * test, INSTALLs plugins and hands out JDBC connections (MariaDB Connector/J) with small SQL
 * helpers ({@link io.minisqld.testsupport.SqlRunner}); {@link io.minisqld.testsupport.MinisqldExtension}
 * does it for a JUnit 5 class or test. {@link io.minisqld.testsupport.Topology} holds the servers
 * of one test (a source with replicas, real MariaDB servers from
 * {@link io.minisqld.testsupport.MariaDbServer}) and {@link io.minisqld.testsupport.Replication}
 * wires and compares them. Everything is deleted afterwards. Waiting is
 * {@link io.minisqld.testcommon.Poll}.
 */
package io.minisqld.testsupport;
