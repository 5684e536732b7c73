package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12: a user's mutation fuzzer found that a text whose {@code CreateTime} is outside what a time can hold was
 * silently dropped (the parser threw, the sync loop skipped it). Over real sockets, the emulator now delivers such a
 * raw {@code AddMsgList} entry and the client hands it on as the text it is, timed at receipt and marked so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnusableCreateTimeEndToEndTest {

    private EmulatorWorld world;
    private Account account;
    private Contact alice;
    private PhoneLogin login;

    @BeforeAll
    void loggedIn() throws Exception {
        world = EmulatorWorld.start();
        account = world.account;
        alice = account.addFriend("Alice");
        login = PhoneLogin.messagesOnly(account);
        world.logIn(SessionOptions.defaults(), login);
    }

    @AfterAll
    void stop() {
        world.close();
    }

    /**
     * 10^18 fits a long but not an Instant (the reported DateTimeException); the next two fit neither; 0 is the
     * protocol's "unused" (issue 17: it used to date the message 1970-01-01).
     */
    @ParameterizedTest
    @ValueSource(strings = {"100000000000000000000", "-10000000000000000000", "1000000000000000000", "0"})
    void aTextWithACreateTimeNoTimeCanHoldIsDeliveredAsTextTimedAtReceiptAndMarkedSo(String createTime)
            throws Exception {
        Instant before = Instant.now();
        String msgId = account.injectRawMessage("{\"MsgType\":1,\"FromUserName\":\"@x\",\"ToUserName\":\"@y\","
                + "\"Content\":\"still here &amp; fine\",\"CreateTime\":" + createTime + ",\"AppMsgType\":0,"
                + "\"SubMsgType\":0,\"Status\":3,\"ImgStatus\":1}", alice);

        TextMessage text = login.take(TextMessage.class);

        assertEquals(msgId, text.msgId());
        assertEquals("still here & fine", text.text());
        assertEquals(alice.userName(), text.sender().userName());
        Instant time = text.envelope().time();
        assertTrue(!time.isBefore(before) && time.isBefore(Instant.now().plus(Duration.ofSeconds(1))),
                () -> "timed at receipt, not " + time);
        assertEquals(Envelope.TimeSource.RECEIVED, text.envelope().timeSource());
    }
}
