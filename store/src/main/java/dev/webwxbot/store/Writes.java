package dev.webwxbot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store's writes on one connection: each kind's statement prepared once per batch, however many rows it
 * writes. A batch's sightings of one contact collapse into one upsert, as the upsert keeps only the latest names and
 * the widest first/last-seen range anyway.
 */
final class Writes implements AutoCloseable {

    private static final String UPSERT_CONTACT = "INSERT INTO contacts (account, contact_id, name, remark, kind,"
            + " first_seen_ms, last_seen_ms) VALUES (?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (account, contact_id) DO UPDATE SET"
            + " name = CASE WHEN excluded.last_seen_ms >= contacts.last_seen_ms"
            + " THEN excluded.name ELSE contacts.name END,"
            + " remark = CASE WHEN excluded.last_seen_ms >= contacts.last_seen_ms"
            + " THEN excluded.remark ELSE contacts.remark END,"
            + " kind = CASE WHEN excluded.last_seen_ms >= contacts.last_seen_ms"
            + " THEN excluded.kind ELSE contacts.kind END,"
            + " first_seen_ms = CASE WHEN excluded.first_seen_ms < contacts.first_seen_ms"
            + " THEN excluded.first_seen_ms ELSE contacts.first_seen_ms END,"
            + " last_seen_ms = CASE WHEN excluded.last_seen_ms > contacts.last_seen_ms"
            + " THEN excluded.last_seen_ms ELSE contacts.last_seen_ms END";

    /**
     * {@code local_id <> ''} written out: only then may SQLite (and PostgreSQL's generic plans) use the partial index
     * {@code messages_by_local_id}; without it the update scanned every send of the account, a cost that grew with
     * the store until it was most of the daemon's CPU per message.
     */
    static final String SEND_OUTCOME = "UPDATE messages SET msg_id = CASE WHEN ? = '' THEN msg_id ELSE ? END,"
            + " status = ?, failure = ? WHERE account = ? AND direction = 'OUT' AND local_id = ? AND local_id <> ''";

    private final Connection connection;
    private PreparedStatement insert;
    private PreparedStatement contact;
    private PreparedStatement outcome;

    Writes(Connection connection) {
        this.connection = connection;
    }

    /** Applies {@code writes} in order, but each contact once (see the class comment); returns how many messages were new. */
    int applyAll(List<StoreWrite> writes) throws SQLException {
        Map<String, ContactSighting> contacts = new LinkedHashMap<>();
        List<StoreWrite> rest = new ArrayList<>(writes.size());
        for (StoreWrite write : writes) {
            if (write instanceof StoreWrite.Contact c) {
                contacts.merge(c.account() + '\n' + c.contact().contactId(), ContactSighting.of(c), ContactSighting::merge);
            } else {
                rest.add(write);
            }
        }
        // Contacts first: a message never needs its contact row, and the order among contacts does not matter.
        for (ContactSighting sighting : contacts.values()) contact(sighting);
        int added = 0;
        for (StoreWrite write : rest) {
            switch (write) {
                case StoreWrite.Message m -> added += message(m.message()) ? 1 : 0;
                case StoreWrite.SendOutcome o -> outcome(o);
                case StoreWrite.Contact c -> throw new AssertionError("contacts are written above");
            }
        }
        return added;
    }

    boolean message(StoredMessage m) throws SQLException {
        if (insert == null) insert = connection.prepareStatement(Rows.INSERT);
        Rows.bindInsert(insert, m);
        return insert.executeUpdate() == 1;
    }

    void contact(ContactSighting c) throws SQLException {
        if (contact == null) contact = connection.prepareStatement(UPSERT_CONTACT);
        contact.setString(1, c.account());
        contact.setString(2, c.latest().contactId());
        contact.setString(3, c.latest().name());
        contact.setString(4, c.latest().remark());
        contact.setString(5, c.latest().kind());
        contact.setLong(6, c.firstSeenMs());
        contact.setLong(7, c.latest().seen().toEpochMilli());
        contact.executeUpdate();
    }

    boolean outcome(StoreWrite.SendOutcome o) throws SQLException {
        if (outcome == null) outcome = connection.prepareStatement(SEND_OUTCOME);
        outcome.setString(1, o.msgId());
        outcome.setString(2, o.msgId());
        outcome.setString(3, o.status());
        outcome.setString(4, o.failure());
        outcome.setString(5, o.account());
        outcome.setString(6, o.localId());
        return outcome.executeUpdate() > 0;
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (PreparedStatement s : new PreparedStatement[] {insert, contact, outcome}) {
            if (s == null) continue;
            try {
                s.close();
            } catch (SQLException e) {
                if (first == null) first = e; else first.addSuppressed(e);
            }
        }
        if (first != null) throw first;
    }

    /** One contact's sightings in a batch: the latest names, and the earliest time it was seen. */
    record ContactSighting(String account, StoredContact latest, long firstSeenMs) {

        static ContactSighting of(StoreWrite.Contact c) {
            return new ContactSighting(c.account(), c.contact(), c.contact().seen().toEpochMilli());
        }

        ContactSighting merge(ContactSighting other) {
            StoredContact newer = other.latest.seen().isBefore(latest.seen()) ? latest : other.latest;
            return new ContactSighting(account, newer, Math.min(firstSeenMs, other.firstSeenMs));
        }
    }
}
