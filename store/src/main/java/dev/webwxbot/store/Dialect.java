package dev.webwxbot.store;

/** What differs between the two databases the store runs on; everything else is the same SQL. */
enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) return SQLITE;
        if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRESQL;
        throw new StoreException(StoreException.Reason.UNAVAILABLE, "the message store supports SQLite"
                + " (jdbc:sqlite:FILE, the default) and PostgreSQL (jdbc:postgresql://HOST/DB), not "
                + Database.describe(jdbcUrl) + "; fix webwx-bot.store.url", null);
    }

    /** Flyway's location of this database's migrations. */
    String migrations() {
        return "classpath:db/migration/" + folder;
    }

    /** The bytes the store's tables and indexes use. */
    String usedBytesQuery() {
        return switch (this) {
            // Pages in use: DELETE moves pages to the free list, which the file keeps for reuse.
            case SQLITE -> "SELECT (page_count - freelist_count) * page_size"
                    + " FROM pragma_page_count(), pragma_freelist_count(), pragma_page_size()";
            case POSTGRESQL -> "SELECT pg_total_relation_size('messages') + pg_total_relation_size('contacts')";
        };
    }

    /**
     * Whether {@link #usedBytesQuery} drops as soon as rows are deleted. PostgreSQL's does not until a vacuum, so
     * retention by size deletes an estimated number of rows once instead of looping until the size fits.
     */
    boolean sizeShrinksOnDelete() {
        return this == SQLITE;
    }
}
