/**
 * The message store: {@link dev.webwxbot.store.MessageStore} keeps every inbound event and outbound send of every
 * account in SQLite (one file in the data folder, the default) or PostgreSQL (several daemons sharing one store),
 * under versioned Flyway migrations, searchable by substring in any language, with media saved by content hash
 * ({@link dev.webwxbot.store.MediaFiles}) and retention by age and size. It knows no event types: the server maps
 * events to {@link dev.webwxbot.store.StoredMessage} rows. Every failure is a
 * {@link dev.webwxbot.store.StoreException} whose message says which database and what to do.
 */
package dev.webwxbot.store;
