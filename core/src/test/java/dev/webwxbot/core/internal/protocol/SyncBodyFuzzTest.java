package dev.webwxbot.core.internal.protocol;

import ch.qos.logback.classic.Level;
import dev.webwxbot.testsupport.CapturedLogs;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.core.internal.contact.ContactBook;
import dev.webwxbot.core.internal.message.MessageParser;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * A webwxsync (or webwxinit) body, as bytes: read as the session reads it (JSON, {@code BaseResponse}, cursors,
 * contact lists), then every {@code AddMsgList} entry parsed as the sync loop does. The only failures allowed are
 * the typed ones the caller handles ({@link MalformedResponseException}, {@link ApiErrorException}); no message
 * whose kind is not bookkeeping may vanish. Seeded with {@code testdata/corpus/webwxsync} and {@code webwxinit}.
 */
class SyncBodyFuzzTest {

    @FuzzTest
    void anySyncOrInitBodyIsReadAndEveryMessageDelivered(byte[] input) {
        // Garbage is answered with a WARN by design (logged once, the session goes on): allowed, never an ERROR.
        try (CapturedLogs warnings = CapturedLogs.attach().allow(Level.WARN, "(?s).*")) {
            anySyncOrInitBodyIsReadAndEveryMessageDeliveredChecked(input);
        }
    }

    private void anySyncOrInitBodyIsReadAndEveryMessageDeliveredChecked(byte[] input) {
        JsonNode body;
        try {
            body = Json.parse(input);
            SessionCalls.checkRet("webwxsync", body);
        } catch (MalformedResponseException e) {
            return;
        } catch (CompletionException e) {
            assertTrue(e.getCause() instanceof MalformedResponseException || e.getCause() instanceof ApiErrorException,
                    () -> "untyped failure: " + e.getCause());
            return;
        }
        ContactBook contacts = new ContactBook();
        SessionCalls.InitResult init = SessionCalls.readInit(body);
        contacts.setSelf(init.user());
        init.contacts().forEach(contacts::put);
        SessionCalls.SyncResult sync = SessionCalls.readSync(body);
        sync.syncKey().toSyncCheckString();
        sync.delContactList().forEach(deleted -> contacts.remove(Json.text(deleted, "UserName")));
        sync.modContactList().forEach(contacts::put);
        MessageParser parser = new MessageParser(contacts);
        for (JsonNode message : sync.addMsgList()) {
            assertInstanceOf(com.fasterxml.jackson.databind.node.ObjectNode.class, message);
            Optional<MessageEvent> event = parser.parse(message);
            int msgType = Json.integer(message, "MsgType", -1);
            assertTrue(event.isPresent() || msgType == 51 || msgType == 37 || msgType == -1,
                    () -> "a message was dropped: " + message);
        }
    }
}
