package dev.webwxbot.store;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract on a real PostgreSQL, which the test script starts and names in {@code WEBWX_TEST_POSTGRES_URL}
 * (with {@code _USER} and {@code _PASSWORD}; system properties of the same names win). Each test gets a schema of
 * its own, dropped afterwards, so runs never see each other's rows. Without a server every test is reported
 * skipped, with the reason.
 */
class PostgresMessageStoreTest extends MessageStoreContract {

    static final String URL = setting("WEBWX_TEST_POSTGRES_URL");
    static final String USER = setting("WEBWX_TEST_POSTGRES_USER");
    static final String PASSWORD = setting("WEBWX_TEST_POSTGRES_PASSWORD");

    /** The schemas this test created (the migration test makes a second one); the last is the current. */
    private final List<String> schemas = new ArrayList<>();
    private String schema;

    static final String NO_SERVER = "SKIPPED: the PostgreSQL store tests need a server and WEBWX_TEST_POSTGRES_URL"
            + " (+ _USER, _PASSWORD) is not set; ./webwx-bot test starts one from Debian's postgresql package";

    @BeforeAll
    static void sayWhyTheyAreSkipped() {
        // Once on the console, not only in the report: a skipped database must not go unnoticed.
        if (URL.isEmpty()) System.err.println(PostgresMessageStoreTest.class.getSimpleName() + ": " + NO_SERVER);
    }

    @Override
    StoreSettings settings(Path dataDir) {
        // Each test is reported skipped, with the reason (a failed assumption in @BeforeAll would hide the count).
        assumeTrue(!URL.isEmpty(), NO_SERVER);
        schema = "store_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            schemas.add(schema);
        } catch (SQLException e) {
            throw new AssertionError("cannot create a schema on " + Database.describe(URL), e);
        }
        // The schema first, public after it: pg_trgm may already be installed there by the test script.
        String url = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public";
        StoreSettings sqlite = StoreSettings.sqlite(dataDir);
        return new StoreSettings(url, USER, PASSWORD, sqlite.mediaDir(), sqlite.media(), sqlite.maxAge(),
                sqlite.maxBytes());
    }

    @AfterEach
    void dropSchemas() throws SQLException {
        if (store != null) store.close();
        store = null;
        if (schemas.isEmpty()) return;
        try (Connection c = admin(); Statement s = c.createStatement()) {
            for (String name : schemas) s.execute("DROP SCHEMA " + name + " CASCADE");
        }
    }

    /** Dead rows keep their space until a vacuum; the contract's size check applies after one. */
    @Override
    void sizeFitsAfterPrune(long max) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("VACUUM FULL " + schema + ".messages");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        assertTrue(store.stats().databaseBytes() <= max * 11 / 10, "an estimate: within 10% of " + max + " bytes, not "
                + store.stats().databaseBytes());
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    private static String setting(String name) {
        return Optional.ofNullable(System.getProperty(name)).or(() -> Optional.ofNullable(System.getenv(name)))
                .orElse("");
    }
}
