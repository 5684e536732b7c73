/**
 * Saved sessions ("hot reload", PROTOCOL.md 10.2): what a restart needs to resume without a scan, written
 * atomically to a file only the owner can read.
 */
package dev.webwxbot.core.internal.store;
