package dev.webwxbot.cluster.stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.Gender;
import dev.webwxbot.api.HistoryEntry;
import dev.webwxbot.api.Identity;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.CardMessage;
import dev.webwxbot.api.event.ChatPaused;
import dev.webwxbot.api.event.ChatResumed;
import dev.webwxbot.api.event.ContactAdded;
import dev.webwxbot.api.event.ContactChanged;
import dev.webwxbot.api.event.ContactRemoved;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.api.event.GroupCreated;
import dev.webwxbot.api.event.GroupOwnerChanged;
import dev.webwxbot.api.event.GroupRenamed;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.LinkMessage;
import dev.webwxbot.api.event.LocationMessage;
import dev.webwxbot.api.event.LoggedIn;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.api.event.LoginHeld;
import dev.webwxbot.api.event.MemberJoined;
import dev.webwxbot.api.event.MemberLeft;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.MiniProgramMessage;
import dev.webwxbot.api.event.MusicMessage;
import dev.webwxbot.api.event.QuoteMessage;
import dev.webwxbot.api.event.RevokeNotice;
import dev.webwxbot.api.event.RevokedMessage;
import dev.webwxbot.api.event.SendCeilingReached;
import dev.webwxbot.api.event.SessionRecovery;
import dev.webwxbot.api.event.SessionStalled;
import dev.webwxbot.api.event.SystemNotice;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.TransferMessage;
import dev.webwxbot.api.event.UnknownMessage;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.api.event.VoiceMessage;
import dev.webwxbot.api.command.Command;
import dev.webwxbot.api.schedule.JobSpec;
import dev.webwxbot.api.schedule.MissedRuns;
import dev.webwxbot.api.schedule.Schedule;
import dev.webwxbot.core.PausedChat;
import dev.webwxbot.core.internal.contact.ContactBook;
import dev.webwxbot.core.internal.message.MessageParser;
import dev.webwxbot.core.internal.protocol.Json;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class WireJsonTest {
    private static final Path CORPUS = Path.of("../testdata/corpus/addmsg");
    private static final String SELF = "@0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static final Instant TIME = Instant.parse("2026-12-07T15:26:06.123456789Z");
    private static final String CHAT_TEXT = "meet me at 8, the code is 4711";

    private static final Contact ME = new Contact(SELF, "Bot", "", "", ContactKind.SELF, "");
    private static final Contact ALICE = new Contact("@alice", "Alice", "Al", "alice01", ContactKind.FRIEND, "");
    private static final Contact GROUP = new Contact("@@group", "测试群", "", "", ContactKind.GROUP, "");
    private static final Contact CAROL = new Contact("@carol", "Carol", "", "", ContactKind.STRANGER, "Carol in group");
    private static final Envelope ENVELOPE = new Envelope("6469713913745187012", GROUP, CAROL, TIME, false, true,
            Envelope.TimeSource.RECEIVED, 1, 3, 1, 1);

    /**
     * The real server payloads, parsed by core's public {@link MessageParser} over a logged-in {@link ContactBook}
     * (the parser core's own corpus tests use; it is public, so no emulator session or test jar is needed).
     */
    @Test
    void everyCorpusMessageRoundTripsAsItsTypedEvent() throws Exception {
        List<String> names;
        try (Stream<Path> files = Files.list(CORPUS)) {
            names = files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".json") && !name.endsWith(".source.json")).sorted().toList();
        }
        Set<Class<?>> found = new LinkedHashSet<>();
        Set<Class<?>> covered = new LinkedHashSet<>();
        List<Executable> checks = new ArrayList<>();
        int bookkeeping = 0;
        for (String name : names) {
            JsonNode message = load(name);
            Optional<MessageEvent> event = parser().parse(message);
            if (event.isEmpty()) {
                assertEquals(51, Json.integer(message, "MsgType", -1), name + " gave no event and is no bookkeeping");
                bookkeeping++;
                continue;
            }
            found.add(event.get().getClass());
            checks.add(() -> {
                assertRoundTrips(event.get(), BotEvent.class);
                covered.add(event.get().getClass());
            });
        }
        assertAll(checks);
        assertTrue(names.size() - bookkeeping >= 30, "the corpus went missing: " + names.size() + " samples");
        assertEquals(found, covered, "every kind the corpus holds round-trips");
        assertTrue(covered.size() >= 12, "the corpus held 12 kinds of message, now: " + covered);
    }

    @Test
    void everyBotEventKindRoundTripsAsABotEventAndAsItsOwnClass() {
        List<BotEvent> samples = eventSamples();
        Set<Class<?>> sampled = new LinkedHashSet<>();
        samples.forEach(sample -> sampled.add(sample.getClass()));
        Set<Class<?>> kinds = new LinkedHashSet<>();
        leaves(BotEvent.class, kinds);
        assertTrue(kinds.size() >= 30, "the walk found too few kinds: " + kinds);
        Set<Class<?>> missing = new LinkedHashSet<>(kinds);
        missing.removeAll(sampled);
        assertEquals(Set.of(), missing, "a kind of BotEvent without a sample here");
        assertAll(samples.stream().map(sample -> (Executable) () -> {
            assertRoundTrips(sample, BotEvent.class);
            assertRoundTrips(sample, sample.getClass());
            if (sample instanceof MessageEvent) assertRoundTrips(sample, MessageEvent.class);
        }));
    }

    @Test
    void everyOutgoingAndReceiptKindRoundTrips() {
        List<Outgoing> outgoing = List.of(Outgoing.text("hi"), new Outgoing.Text("@Carol hi", List.of(CAROL)),
                Outgoing.quote(new TextMessage(ENVELOPE, CHAT_TEXT), "ok"), new Outgoing.Image(Path.of("a/b.png")),
                new Outgoing.Video(Path.of("/tmp/v.mp4")), new Outgoing.File(Path.of("report 2026.pdf")),
                new Outgoing.Emoticon(Path.of("s.gif")), new Outgoing.StoredEmoticon("0123456789abcdef"),
                Outgoing.forward(new ImageMessage(ENVELOPE, 10, 20, "md5", 300, 40, "<msg/>")));
        assertCoversEveryKind(Outgoing.class, outgoing);
        List<SendReceipt> receipts = List.of(new SendReceipt.Sent("1", "2", "@alice"),
                new SendReceipt.Sent("1", "2", "@@group", SendReceipt.Delivery.RETRIED_UNCONFIRMED, 3, "99"),
                new SendReceipt.Failed(FailureReason.THROTTLED, 1205, null));
        assertCoversEveryKind(SendReceipt.class, receipts);
        assertAll(Stream.concat(outgoing.stream().map(value -> (Executable) () -> assertRoundTrips(value, Outgoing.class)),
                receipts.stream().map(value -> (Executable) () -> assertRoundTrips(value, SendReceipt.class))));
    }

    @Test
    void resultsComeBackWithTheirValueTyped() {
        Result<Contact> contact = new Result.Ok<>(ALICE);
        assertEquals(contact, WireJson.read(WireJson.write(contact), new TypeReference<Result<Contact>>() { }));
        Result<Void> done = Result.done();
        assertEquals(done, WireJson.read(WireJson.write(done), new TypeReference<Result<Void>>() { }));
        for (Path path : List.of(Path.of("downloads/a.jpg"), Path.of("/var/lib/webwx/b 2.mp4"))) {
            Result<Path> downloaded = new Result.Ok<>(path);
            Result<Path> back = WireJson.read(WireJson.write(downloaded), new TypeReference<Result<Path>>() { });
            assertEquals(downloaded, back);
            assertInstanceOf(Path.class, ((Result.Ok<Path>) back).value());
        }
        Result<Path> failed = new Result.Failed<>(FailureReason.EXPIRED, 1100, null);
        assertEquals(failed, WireJson.read(WireJson.write(failed), new TypeReference<Result<Path>>() { }));
        assertEquals("", ((Result.Failed<?>) WireJson.read(WireJson.write(failed), Result.class)).detail());
    }

    @Test
    void theTypeOfAMethodsGenericReturnReadsItsResult() throws Exception {
        Method download = dev.webwxbot.api.Bot.class.getMethod("download", MessageEvent.class, Path.class);
        Object back = WireJson.read(WireJson.write(new Result.Ok<>(Path.of("x/y.png"))),
                WireJson.type(download.getGenericReturnType()));
        assertEquals(new Result.Ok<>(Path.of("x/y.png")), back);
        Method byUserName = dev.webwxbot.api.Contacts.class.getMethod("byUserName", String.class);
        for (Optional<Contact> contact : List.of(Optional.of(ALICE), Optional.<Contact>empty())) {
            assertEquals(contact, WireJson.read(WireJson.write(contact),
                    WireJson.type(byUserName.getGenericReturnType())));
        }
        Method latest = dev.webwxbot.api.History.class.getMethod("latest", Contact.class, int.class);
        List<HistoryEntry> history = List.of(
                new HistoryEntry(HistoryEntry.Direction.IN, "message.text", "1", "@alice", "Al", "Al", TIME,
                        CHAT_TEXT, Optional.empty(), "0"),
                new HistoryEntry(HistoryEntry.Direction.OUT, "message.image", "2", "@@group", "测试群", "Bot", TIME,
                        "", Optional.of(Path.of("media/2.jpg"))));
        assertEquals(history, WireJson.read(WireJson.write(history), WireJson.type(latest.getGenericReturnType())));
    }

    @Test
    void theRestOfPluginApisValuesRoundTrip() {
        PausedChat paused = new PausedChat(ALICE, ChatPaused.Cause.OWNER_WROTE, TIME, Optional.of(TIME.plusSeconds(600)),
                "the owner wrote in this chat");
        assertEquals(paused, WireJson.read(WireJson.write(paused), PausedChat.class));
        PausedChat forever = new PausedChat(GROUP, ChatPaused.Cause.OPERATOR, TIME, Optional.empty(), "operator");
        assertEquals(forever, WireJson.read(WireJson.write(forever), PausedChat.class));
        for (Identity identity : List.of(Identity.parse("wxid_abc"), Identity.parse("nick:Carol"))) {
            assertEquals(identity, WireJson.read(WireJson.write(identity), Identity.class));
        }
        List<Schedule> schedules = List.of(Schedule.cron("0 8 * * *"), Schedule.cron("0 8 * * *").in(ZoneId.of("Asia/Shanghai")),
                Schedule.fixedRate(Duration.ofMinutes(5)), Schedule.fixedDelay(Duration.ofMillis(1500)),
                Schedule.at(TIME), Schedule.after(Duration.ZERO));
        assertCoversEveryKind(Schedule.class, schedules);
        schedules.forEach(schedule -> assertRoundTrips(schedule, Schedule.class));
        JobSpec job = JobSpec.of("morning", Schedule.cron("0 8 * * *")).forAccount("main").onMissed(MissedRuns.RUN_ONCE);
        assertEquals(job, WireJson.read(WireJson.write(job), JobSpec.class));
    }

    @Test
    void aListOfEventsNeedsItsElementTypeSaid() {
        List<BotEvent> events = List.of(new TextMessage(ENVELOPE, CHAT_TEXT), new LoggedIn(ME, 12, TIME));
        JavaType listOfEvents = WireJson.type(new TypeReference<List<BotEvent>>() { }.getType());
        assertEquals(events, WireJson.read(WireJson.write(events, listOfEvents), listOfEvents));
    }

    @Test
    void typeIdsAreShortNamesUnderPluginApi() {
        String json = WireJson.write(Outgoing.forward(new TextMessage(ENVELOPE, CHAT_TEXT)));
        assertTrue(json.startsWith("{\"@type\":\"Outgoing$Forward\""), json);
        assertTrue(json.contains("\"@type\":\"event.TextMessage\""), json);
        assertFalse(WireJson.write(ALICE).contains("@type"), "a concrete record declared as itself needs no id");
        assertFalse(WireJson.write(ALICE).contains("\"group\""), "derived accessors are not state");
    }

    @Test
    void aForgedTypeIdIsRefusedWithoutQuotingTheEntry() {
        String text = WireJson.write(new TextMessage(ENVELOPE, CHAT_TEXT));
        List<String> forged = List.of(
                text.replace("event.TextMessage", "java.lang.ProcessBuilder"),
                text.replace("\"event.TextMessage\"", "\"" + ProcessBuilder.class.getName().replace('.', '/') + "\""),
                text.replace("event.TextMessage", "../../java.lang.Runtime"),
                text.replace("dev.webwxbot", "x").replace("event.TextMessage", "Result$Ok"), // api, not an event
                text.replace("event.TextMessage", "event.MessageEvent"), // an abstraction, not a kind
                text.replace("\"@type\":\"event.TextMessage\",", "")); // no id at all
        for (String entry : forged) {
            WireException refused = assertThrows(WireException.class, () -> WireJson.read(entry, BotEvent.class), entry);
            assertFalse(refused.getMessage().contains("4711"), refused.getMessage());
            assertFalse(refused.getMessage().contains("meet me"), refused.getMessage());
            assertTrue(refused.getMessage().contains("type id"), refused.getMessage());
            assertEquals(null, refused.getCause());
        }
        String outgoing = WireJson.write(Outgoing.forward(new TextMessage(ENVELOPE, CHAT_TEXT)))
                .replace("event.TextMessage", "event.LoggedIn");
        WireException notAMessage = assertThrows(WireException.class, () -> WireJson.read(outgoing, Outgoing.class));
        assertTrue(notAMessage.getMessage().contains("original"), notAMessage.getMessage());
        assertFalse(notAMessage.getMessage().contains("4711"), notAMessage.getMessage());
    }

    @Test
    void aCommandIsNoWireDataAndWritingOneFails() {
        Command command = Command.named("ping").runs((call, context) -> { });
        WireException refused = assertThrows(WireException.class, () -> WireJson.write(command));
        assertTrue(refused.getMessage().startsWith("cannot write a dev.webwxbot.api.command.Command"),
                refused.getMessage());
    }

    @Test
    void aBadValueIsRefusedWithoutQuotingTheEntry() {
        String text = WireJson.write(new TextMessage(ENVELOPE, CHAT_TEXT));
        Map<String, String> problems = Map.of(
                text.replace("\"msgType\":1", "\"msgType\":\"" + CHAT_TEXT + "\""), "at envelope.msgType",
                text.replace("\"text\":", "\"nothing\":"), "'text' is missing",
                text.replace("\"kind\":\"STRANGER\"", "\"kind\":\"" + CHAT_TEXT + "\""), "at envelope.sender",
                text.substring(0, text.length() / 2), "malformed JSON");
        problems.forEach((entry, problem) -> {
            WireException refused = assertThrows(WireException.class, () -> WireJson.read(entry, BotEvent.class), entry);
            assertTrue(refused.getMessage().contains(problem), problem + " / " + refused.getMessage());
            assertFalse(refused.getMessage().contains("4711"), refused.getMessage());
        });
    }

    @Test
    void anEntryOverFourMegabytesIsRefused() {
        String big = WireJson.write(new TextMessage(ENVELOPE, "x".repeat(WireJson.MAX_ENTRY_CHARS)));
        WireException refused = assertThrows(WireException.class, () -> WireJson.read(big, BotEvent.class));
        assertTrue(refused.getMessage().contains("4 MB"), refused.getMessage());
        String almost = WireJson.write(new TextMessage(ENVELOPE, "x".repeat(WireJson.MAX_ENTRY_CHARS - 2000)));
        assertRoundTrips(WireJson.read(almost, BotEvent.class), BotEvent.class);
    }

    @Test
    void aNewerGatewaysExtraFieldsAreIgnoredAndMissingOnesTakeDefaults() {
        String text = WireJson.write(new TextMessage(ENVELOPE, CHAT_TEXT));
        String extra = text.replace("\"text\":", "\"translation\":{\"lang\":\"en\",\"parts\":[1,2]},\"text\":")
                .replace("\"msgId\":", "\"priority\":5,\"msgId\":");
        assertEquals(new TextMessage(ENVELOPE, CHAT_TEXT), WireJson.read(extra, BotEvent.class));
        Contact sparse = WireJson.read("{\"userName\":\"@alice\",\"kind\":\"FRIEND\"}", Contact.class);
        assertEquals(new Contact("@alice", "", "", "", ContactKind.FRIEND, ""), sparse);
        Result<?> failed = WireJson.read("{\"@type\":\"Result$Failed\",\"reason\":\"NETWORK\"}", Result.class);
        assertEquals(new Result.Failed<>(FailureReason.NETWORK, 0, ""), failed);
        LoginHeld held = WireJson.read("{\"@type\":\"event.LoginHeld\",\"recentLogins\":3,\"window\":\"PT1H\","
                + "\"explanation\":\"x\",\"time\":\"" + TIME + "\"}", LoginHeld.class);
        assertEquals(Optional.empty(), held.retryAt());
    }

    private static void assertRoundTrips(Object value, Class<?> declared) {
        String json = WireJson.write(value);
        assertFalse(json.contains(dev.webwxbot.api.event.BotEvent.class.getPackageName()), json);
        Object back = WireJson.read(json, declared);
        assertEquals(value, back, json);
        assertEquals(value.getClass(), back.getClass());
        assertEquals(json, WireJson.write(back), "the same value writes the same JSON");
    }

    private static <T> void assertCoversEveryKind(Class<T> base, List<? extends T> samples) {
        Set<Class<?>> kinds = new LinkedHashSet<>();
        leaves(base, kinds);
        Set<Class<?>> sampled = new LinkedHashSet<>();
        samples.forEach(sample -> sampled.add(sample.getClass()));
        assertEquals(kinds, sampled, "a kind of " + base.getSimpleName() + " without a sample here");
    }

    private static void leaves(Class<?> type, Set<Class<?>> into) {
        if (!type.isSealed()) {
            into.add(type);
            return;
        }
        for (Class<?> permitted : type.getPermittedSubclasses()) leaves(permitted, into);
    }

    /** One of each kind, every field set to something other than its default where the record allows. */
    private static List<BotEvent> eventSamples() {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("MsgType", "10002");
        raw.put("AppMsgType", "0");
        raw.put("Content", "<sysmsg/>");
        RevokeNotice notice = new RevokeNotice(ENVELOPE, "123", "\"Carol\" recalled a message", "wxid_carol", "456");
        return List.of(
                new TextMessage(ENVELOPE, CHAT_TEXT),
                new ImageMessage(ENVELOPE, 640, 480, "d41d8cd98f00b204e9800998ecf8427e", 123456, 2345, "<msg/>"),
                new VoiceMessage(ENVELOPE, Duration.ofMillis(4321), 9000, 4),
                new VideoMessage(ENVELOPE, Duration.ofSeconds(12), 720, 1280, "md5", 1 << 20, 3000, "<msg/>"),
                new FileMessage(ENVELOPE, "report.pdf", 98765, "@media", "report%2Epdf", "pdf", "wx123", "WeChat"),
                new CardMessage(ENVELOPE, "@dave", "Dave", "dave01", "Guangdong", "Shenzhen", true, Gender.MALE,
                        "hi", "https://big", "https://small", 17, "v3_abc"),
                new EmoticonMessage(ENVELOPE, "md5", true, 4567, 120, 120, "https://cdn", "https://enc", "aes", "p1"),
                new LocationMessage(ENVELOPE, "Tiananmen", 39.908722, 116.397499, "天安门", "https://map", 15, "poi",
                        "<location/>"),
                new LinkMessage(ENVELOPE, "title", "desc", "https://example.org", "App", "https://thumb", 5, "wx1"),
                new MusicMessage(ENVELOPE, "song", "singer", "https://music", "https://stream"),
                new MiniProgramMessage(ENVELOPE, "program", "wx2", "pages/index", "Mini"),
                new QuoteMessage(ENVELOPE, "yes", "789", "Al", CHAT_TEXT),
                new TransferMessage(ENVELOPE, "¥10.00"),
                new SystemNotice(ENVELOPE, "Carol joined", SystemNotice.Kind.GROUP_MEMBER_JOINED),
                notice,
                new RevokedMessage(ENVELOPE, notice, new HistoryEntry(HistoryEntry.Direction.IN, "message.text", "123",
                        "@@group", "测试群", "Carol", TIME, CHAT_TEXT, Optional.empty(), "")),
                new FriendRequest(ENVELOPE, "@erin", "Erin", "hello", "ticket", 30, "v3_erin", Gender.FEMALE, "erin",
                        "Beijing", "Haidian", "sign", "https://big", "https://small", "@@group"),
                new UnknownMessage(ENVELOPE, 10002, 0, "<sysmsg/>", raw),
                new ContactAdded(ALICE, TIME),
                new ContactRemoved(ALICE, TIME),
                new ContactChanged(ALICE, new Contact("@alice", "Alice", "Alice W", "alice01", ContactKind.FRIEND, ""),
                        EnumSet.of(ContactChanged.Change.REMARK, ContactChanged.Change.STARRED),
                        new ContactChanged.Flags(true, false, true), TIME),
                new GroupCreated(GROUP, List.of(ME, ALICE, CAROL), TIME),
                new GroupRenamed(GROUP, "old", "测试群", Optional.of(CAROL), TIME),
                new GroupRenamed(GROUP, "old", "测试群", Optional.empty(), TIME),
                new MemberJoined(GROUP, CAROL, Optional.of(ALICE), MemberJoined.Method.INVITED, TIME),
                new MemberLeft(GROUP, CAROL, Optional.empty(), TIME),
                new GroupOwnerChanged(GROUP, Optional.of(ALICE), ME, TIME),
                new LoggedIn(ME, 321, TIME),
                new LoggedOut(LoggedOut.Reason.LOGGED_OUT_ON_PHONE, 1101, TIME),
                new ChatPaused(ALICE, ChatPaused.Cause.REPLY_LOOP, Optional.of(TIME.plusSeconds(60)), "loop", TIME),
                new ChatResumed(ALICE, ChatResumed.Cause.EXPIRED, "expired", TIME),
                new SendCeilingReached(60, Duration.ofHours(1), TIME.plusSeconds(3600), "ceiling", TIME),
                new LoginHeld(5, Duration.ofHours(1), Optional.of(TIME.plusSeconds(1800)), "held", TIME),
                new LoginHeld(5, Duration.ofHours(1), Optional.empty(), "held until the operator", TIME),
                new SessionStalled(SessionStalled.Symptom.SYNC_KEY_FROZEN, TIME.minusSeconds(900), "stalled", TIME),
                new SessionRecovery(SessionRecovery.Step.PROBE_LOST, "probe lost", TIME));
    }

    private static MessageParser parser() {
        ContactBook contacts = new ContactBook();
        ObjectNode user = Json.MAPPER.createObjectNode();
        user.put("UserName", SELF);
        user.put("NickName", "Bot");
        contacts.setSelf(user);
        return new MessageParser(contacts);
    }

    /** The sample without the keys clients added after receipt, as core's corpus tests read it. */
    private static JsonNode load(String name) throws Exception {
        ObjectNode node = (ObjectNode) Json.parse(Files.readAllBytes(CORPUS.resolve(name)));
        Set<String> clientKeys = Set.of("LocalID", "ClientMsgId", "Type", "Text", "groupMsg", "ActualUserName",
                "ActualNickName", "isAt", "IsAt", "User");
        List<String> drop = new ArrayList<>();
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (key.startsWith("MM") || key.startsWith("_") || key.startsWith("$$") || clientKeys.contains(key)) {
                drop.add(key);
            }
        }
        node.remove(drop);
        return node;
    }
}
