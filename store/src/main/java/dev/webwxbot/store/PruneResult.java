package dev.webwxbot.store;

/** What one {@link MessageStore#prune} deleted: rows, media files, and the bytes that freed (database + media). */
public record PruneResult(int deletedRows, int deletedMediaFiles, long freedBytes) {
}
