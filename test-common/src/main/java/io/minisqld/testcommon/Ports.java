package io.minisqld.testcommon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports for servers in other processes, which must be told their port before they start. */
public final class Ports {
    private Ports() {
    }

    /**
     * A loopback port that was free a moment ago. Another process may take it before the server
     * binds it; an in-process server needs none of this (it binds port 0 and reports its port).
     */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
