package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.CardMessage;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.LinkMessage;
import dev.webwxbot.api.event.LocationMessage;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.MiniProgramMessage;
import dev.webwxbot.api.event.MusicMessage;
import dev.webwxbot.api.event.QuoteMessage;
import dev.webwxbot.api.event.RevokeNotice;
import dev.webwxbot.api.event.SystemNotice;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.TransferMessage;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.api.event.VoiceMessage;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.scenario.Scenario;
import dev.webwxbot.emulator.scenario.ScenarioRun;
import dev.webwxbot.emulator.scenario.StepOutcome;
import dev.webwxbot.testsupport.Await;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The bundled every-kind scenario drives the emulator (it scans and confirms the QR code itself) while our client
 * logs in over real sockets; every message the script delivers arrives as the event of its kind.
 */
class EveryKindScenarioEndToEndTest {

    private static final Map<String, Class<? extends MessageEvent>> EVENT_OF_KIND = Map.ofEntries(
            Map.entry("text", TextMessage.class), Map.entry("mention", TextMessage.class),
            Map.entry("image", ImageMessage.class), Map.entry("voice", VoiceMessage.class),
            Map.entry("video", VideoMessage.class), Map.entry("file", FileMessage.class),
            Map.entry("card", CardMessage.class), Map.entry("emoticon", EmoticonMessage.class),
            Map.entry("location", LocationMessage.class), Map.entry("link", LinkMessage.class),
            Map.entry("music", MusicMessage.class), Map.entry("mini-program", MiniProgramMessage.class),
            Map.entry("quote", QuoteMessage.class), Map.entry("transfer", TransferMessage.class),
            Map.entry("red-packet", SystemNotice.class), Map.entry("system-notice", SystemNotice.class));

    @Test
    void everyMessageOfTheEveryKindScenarioArrivesAsTheEventOfItsKind() throws Exception {
        Scenario scenario = Scenario.bundled("every-kind");
        List<BotEvent> events = new CopyOnWriteArrayList<>();
        Map<String, MessageEvent> byMsgId = new ConcurrentHashMap<>();
        try (Emulator emulator = Emulator.builder().port(0)
                .loginPollHold(Duration.ofMillis(500)).syncCheckHold(Duration.ofSeconds(1)).start();
             ScenarioRun run = scenario.start(emulator);
             WebWxClient client = WebWxClient.builder().server(URI.create(emulator.baseUrl())).build()) {
            client.newSession(SessionOptions.defaults(), new SessionListener() {
                @Override
                public void onEvent(BotEvent event) {
                    events.add(event);
                    if (event instanceof MessageEvent message) byMsgId.put(message.msgId(), message);
                }
            }).start().get(60, TimeUnit.SECONDS);
            assertTrue(run.awaitFinished(Duration.ofSeconds(60)), "the script did not finish");
            assertEquals(java.util.Optional.empty(), run.failure());

            List<StepOutcome> delivered = run.outcomes().stream().filter(o -> !o.msgId().isEmpty()).toList();
            Set<String> kinds = delivered.stream().map(StepOutcome::kind).filter(k -> !k.isEmpty()).collect(Collectors.toSet());
            assertEquals(EVENT_OF_KIND.keySet(), kinds, "every-kind.conf covers every message kind");
            awaitAll(byMsgId, delivered);
            for (StepOutcome outcome : delivered) {
                MessageEvent event = byMsgId.get(outcome.msgId());
                Class<? extends MessageEvent> expected = switch (outcome.action()) {
                    case "send" -> EVENT_OF_KIND.get(outcome.kind());
                    case "revoke" -> RevokeNotice.class;
                    case "raw" -> TextMessage.class; // the pasted capture is a type-1 text
                    default -> throw new AssertionError("unexpected delivering step " + outcome);
                };
                assertInstanceOf(expected, event, outcome.description());
            }
        }
        TextMessage greeting = (TextMessage) events.stream().filter(e -> e instanceof TextMessage).findFirst().orElseThrow();
        assertEquals("Hello 😀 & <welcome>, café ☕\nsecond line", greeting.text());
        assertTrue(events.stream().anyMatch(e -> e instanceof TextMessage t && t.envelope().mentionsMe()),
                "the group mention of self is detected");
        assertTrue(events.stream().anyMatch(e -> e instanceof FriendRequest r && r.nickName().equals("Dave")));
        Set<SystemNotice.Kind> notices = events.stream().filter(e -> e instanceof SystemNotice)
                .map(e -> ((SystemNotice) e).kind()).collect(Collectors.toSet());
        assertTrue(notices.containsAll(Set.of(SystemNotice.Kind.GROUP_MEMBER_JOINED, SystemNotice.Kind.GROUP_RENAMED)),
                notices.toString());
    }

    private static void awaitAll(Map<String, MessageEvent> byMsgId, List<StepOutcome> delivered) {
        Await.until(() -> delivered.stream().allMatch(o -> byMsgId.containsKey(o.msgId())),
                () -> "every step delivered; never arrived: " + delivered.stream()
                        .filter(o -> !byMsgId.containsKey(o.msgId())).map(StepOutcome::description).toList(),
                Duration.ofSeconds(60));
    }
}
