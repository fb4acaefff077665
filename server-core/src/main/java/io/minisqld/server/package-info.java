package io.minisqld.server;
