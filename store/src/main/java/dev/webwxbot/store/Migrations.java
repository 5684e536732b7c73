package dev.webwxbot.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Brings a database's schema to this version with Flyway: the versioned scripts under {@code db/migration/sqlite}
 * or {@code db/migration/postgresql}. Both databases have their own folder because their DDL differs from the first
 * table on (identity columns, the search index); the scripts keep the same versions and the same tables.
 * Flyway takes a lock (PostgreSQL: an advisory lock), so daemons sharing one database do not migrate it twice.
 */
final class Migrations {

    private Migrations() {
    }

    /**
     * Migrates to {@code target} ({@code "latest"} or a version such as {@code "1"}); returns the version reached.
     *
     * @throws StoreException when a migration fails or the database cannot be used
     */
    static String migrate(Database db, String target) {
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(db.dataSource())
                .locations(db.dialect().migrations())
                .target(MigrationVersion.fromVersion(target))
                .load();
        try {
            flyway.migrate();
            MigrationInfo current = flyway.info().current();
            return current == null ? "none" : current.getVersion().getVersion();
        } catch (FlywayException e) {
            throw db.failure("migrating the schema", e);
        }
    }
}
