package dev.webwxbot.store;

/**
 * The size of a store: its message rows, the bytes its database uses (SQLite: pages in use, not counting free
 * pages the file keeps for reuse; PostgreSQL: the tables and their indexes) and the bytes of its media files.
 */
public record StoreStats(long messages, long databaseBytes, long mediaBytes) {
}
