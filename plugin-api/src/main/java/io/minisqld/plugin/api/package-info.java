package io.minisqld.plugin.api;
