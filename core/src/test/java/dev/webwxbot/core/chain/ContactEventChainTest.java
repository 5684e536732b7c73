package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.Phase;
import dev.webwxbot.api.event.ContactRemoved;
import dev.webwxbot.api.event.MemberJoined;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A contact or group event goes through the chain as a message of its chat does: scope, reply, trace. */
class ContactEventChainTest {

    private static final Contact HIKERS = new Contact("@@hikers", "Weekend hikers", "", "", ContactKind.GROUP, "");
    private static final Contact NOISY = new Contact("@@noisy", "Noisy group", "", "", ContactKind.GROUP, "");
    private static final Contact ERIN = new Contact("@erin", "Erin", "", "", ContactKind.STRANGER, "");
    private static final Contact MUM = new Contact("@mum", "Jane", "Mum", "", ContactKind.FRIEND, "");

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private PluginChain chain;

    @AfterEach
    void close() {
        if (chain != null) chain.close();
    }

    @Test
    void aGroupEventIsHeardByPluginsScopedToThatGroupOnly() throws Exception {
        chain = new PluginChain(ChainSettings.defaults(), (id, why) -> { });
        chain.install(List.of(
                new PluginChain.Link(recorder("hikers-only"), new ChatScope(List.of("Weekend hikers"), List.of()),
                        Optional.empty(), ""),
                new PluginChain.Link(recorder("friends-only"), new ChatScope(List.of("friends"), List.of()),
                        Optional.empty(), "")));
        chain.dispatch(joined(HIKERS), new RecordingBot(sent)).get(5, TimeUnit.SECONDS);
        chain.dispatch(joined(NOISY), new RecordingBot(sent)).get(5, TimeUnit.SECONDS);
        chain.dispatch(new ContactRemoved(MUM, Instant.EPOCH), new RecordingBot(sent)).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("hikers-only:MemberJoined", "friends-only:ContactRemoved"), heard);
    }

    @Test
    void aReplyToAGroupEventGoesToTheGroupAndTheTraceNamesIt() throws Exception {
        MessageHandler welcome = (event, context) -> {
            if (event instanceof MemberJoined joined) context.reply("welcome " + joined.member().displayName());
            return Outcome.CONTINUE;
        };
        chain = new PluginChain(List.of(new RegisteredHandler("welcome", welcome, Phase.MAIN, 0)));
        DispatchTrace trace = chain.dispatch(joined(HIKERS), new RecordingBot(sent)).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("@@hikers:welcome Erin"), sent);
        assertEquals("Weekend hikers", trace.chatName());
        assertTrue(trace.describe().contains("MemberJoined in 'Weekend hikers' — answered"), trace.describe());
        assertEquals(List.of(trace), chain.recentTraces(Optional.of("Weekend hikers")));
    }

    private static MemberJoined joined(Contact group) {
        return new MemberJoined(group, ERIN, Optional.empty(), MemberJoined.Method.UNKNOWN, Instant.EPOCH);
    }

    private RegisteredHandler recorder(String id) {
        return new RegisteredHandler(id, (event, context) -> {
            heard.add(id + ":" + event.getClass().getSimpleName());
            return Outcome.CONTINUE;
        }, Phase.MAIN, 0);
    }
}
