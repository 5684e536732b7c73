package dev.webwxbot.server.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.CardMessage;
import dev.webwxbot.api.event.ChatPaused;
import dev.webwxbot.api.event.ChatResumed;
import dev.webwxbot.api.event.LoginHeld;
import dev.webwxbot.api.event.SendCeilingReached;
import dev.webwxbot.api.event.SessionRecovery;
import dev.webwxbot.api.event.SessionStalled;
import dev.webwxbot.api.event.ContactAdded;
import dev.webwxbot.api.event.ContactChanged;
import dev.webwxbot.api.event.ContactRemoved;
import dev.webwxbot.api.event.GroupCreated;
import dev.webwxbot.api.event.GroupOwnerChanged;
import dev.webwxbot.api.event.GroupRenamed;
import dev.webwxbot.api.event.MemberJoined;
import dev.webwxbot.api.event.MemberLeft;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.LinkMessage;
import dev.webwxbot.api.event.LocationMessage;
import dev.webwxbot.api.event.LoggedIn;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.api.event.MiniProgramMessage;
import dev.webwxbot.api.event.MusicMessage;
import dev.webwxbot.api.event.QuoteMessage;
import dev.webwxbot.api.event.RevokeNotice;
import dev.webwxbot.api.event.RevokedMessage;
import dev.webwxbot.api.HistoryEntry;
import java.util.Optional;
import dev.webwxbot.api.event.SystemNotice;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.TransferMessage;
import dev.webwxbot.api.event.UnknownMessage;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.api.event.VoiceMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    static final Instant T = Instant.parse("2026-12-06T22:00:00Z");
    static final Contact ALICE = new Contact("@alice", "Alice", "Ali", "alice_wx", ContactKind.FRIEND, "");
    static final Contact GROUP = new Contact("@@team", "Team", "", "", ContactKind.GROUP, "");
    static final Contact BOB_IN_GROUP = new Contact("@bob", "", "", "", ContactKind.STRANGER, "Bobby");
    static final Contact ALICE_RENAMED = new Contact("@alice", "Alice", "Aunt Ali", "alice_wx", ContactKind.FRIEND, "");
    static final Contact ME = new Contact("@me", "Bot", "", "", ContactKind.SELF, "");
    static final Envelope DIRECT = new Envelope("1001", ALICE, ALICE, T, false, false);
    static final Envelope IN_GROUP = new Envelope("1002", GROUP, BOB_IN_GROUP, T, false, true);

    /** One event of every kind, with the type name and the kind's own fields expected in its JSON. */
    record Case(BotEvent event, String type, Map<String, Object> fields) {
    }

    static List<Case> everyKind() {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("MsgType", "9999");
        raw.put("Content", "odd");
        return List.of(
                new Case(new TextMessage(DIRECT, "hi <b>"), "message.text", Map.of("text", "hi <b>")),
                new Case(new ImageMessage(DIRECT, 640, 480), "message.image", Map.of("width", 640, "height", 480)),
                new Case(new VoiceMessage(DIRECT, Duration.ofMillis(3500)), "message.voice",
                        Map.of("durationMillis", 3500L)),
                new Case(new VideoMessage(DIRECT, Duration.ofSeconds(12), 320, 240), "message.video",
                        Map.of("durationMillis", 12000L, "width", 320, "height", 240)),
                new Case(new FileMessage(DIRECT, "report.pdf", 12345L, "@media1"), "message.file",
                        Map.of("fileName", "report.pdf", "size", 12345L, "mediaId", "@media1")),
                new Case(new CardMessage(DIRECT, "@carol", "Carol", "carol_wx", "Zhejiang", "Hangzhou", true),
                        "message.card", Map.of("userName", "@carol", "nickName", "Carol", "alias", "carol_wx",
                                "province", "Zhejiang", "city", "Hangzhou", "official", true)),
                new Case(new EmoticonMessage(DIRECT, "abc123", true), "message.emoticon",
                        Map.of("md5", "abc123", "storeSticker", true)),
                new Case(new LocationMessage(DIRECT, "West Lake", 30.25, 120.15, "Broken Bridge", "https://map/x"),
                        "message.location", Map.of("label", "West Lake", "latitude", 30.25, "longitude", 120.15,
                                "poiName", "Broken Bridge", "mapUrl", "https://map/x")),
                new Case(new LinkMessage(DIRECT, "Title", "Desc", "https://example.com/a", "News"), "message.link",
                        Map.of("title", "Title", "description", "Desc", "url", "https://example.com/a",
                                "appName", "News")),
                new Case(new MiniProgramMessage(DIRECT, "Shop", "wx123", "pages/index", "ShopApp"),
                        "message.mini-program", Map.of("title", "Shop", "appId", "wx123",
                                "pagePath", "pages/index", "appName", "ShopApp")),
                new Case(new MusicMessage(DIRECT, "Song", "Artist", "https://music/1", "https://music/1.mp3"),
                        "message.music", Map.of("title", "Song", "description", "Artist",
                                "url", "https://music/1", "streamUrl", "https://music/1.mp3")),
                new Case(new QuoteMessage(IN_GROUP, "agreed", "999", "Alice", "let's go"), "message.quote",
                        Map.of("text", "agreed", "quotedMsgId", "999", "quotedSenderName", "Alice",
                                "quotedText", "let's go")),
                new Case(new TransferMessage(DIRECT, "¥10.00"), "message.transfer", Map.of("description", "¥10.00")),
                new Case(new UnknownMessage(DIRECT, 9999, 0, "odd", raw), "message.unknown",
                        Map.of("msgType", 9999, "appMsgType", 0, "rawContent", "odd")),
                new Case(new FriendRequest(DIRECT, "@dave", "Dave", "hello, it's Dave", "v4_ticket", 30),
                        "friend-request", Map.of("userName", "@dave", "nickName", "Dave",
                                "greeting", "hello, it's Dave", "scene", 30)),
                new Case(new RevokeNotice(DIRECT, "1000", "\"Alice\" 撤回了一条消息"), "revoke",
                        Map.of("revokedMsgId", "1000", "notice", "\"Alice\" 撤回了一条消息")),
                new Case(new RevokedMessage(DIRECT, new RevokeNotice(DIRECT, "1000", "withdrawn"),
                        new HistoryEntry(HistoryEntry.Direction.IN, "message.text", "1000", "@alice", "Alice", "Alice",
                                T, "oops", Optional.empty())), "revoked",
                        Map.of("revokedMsgId", "1000", "notice", "withdrawn")),
                new Case(new SystemNotice(IN_GROUP, "Bob joined", SystemNotice.Kind.GROUP_MEMBER_JOINED), "system",
                        Map.of("text", "Bob joined", "kind", "GROUP_MEMBER_JOINED")),
                new Case(new LoggedIn(new Contact("@me", "Bot", "", "", ContactKind.SELF, ""), 42, T), "login",
                        Map.of("contactCount", 42, "time", T.toString())),
                new Case(new LoggedOut(LoggedOut.Reason.SESSION_INVALID, 1101, T), "logout",
                        Map.of("reason", "SESSION_INVALID", "code", 1101, "time", T.toString())),
                new Case(new ContactAdded(ALICE, T), "contact.added", Map.of("time", T.toString())),
                new Case(new ContactRemoved(ALICE, T), "contact.removed", Map.of("time", T.toString())),
                new Case(new ContactChanged(ALICE, ALICE_RENAMED, Set.of(ContactChanged.Change.REMARK),
                        new ContactChanged.Flags(false, true, false), T), "contact.changed", Map.of("time", T.toString())),
                new Case(new GroupCreated(GROUP, List.of(ALICE, ME), T), "group.created", Map.of("time", T.toString())),
                new Case(new GroupRenamed(GROUP, "Team", "Team B", Optional.of(ALICE), T), "group.renamed",
                        Map.of("oldName", "Team", "newName", "Team B", "time", T.toString())),
                new Case(new MemberJoined(GROUP, BOB_IN_GROUP, Optional.of(ALICE), MemberJoined.Method.QR_CODE, T),
                        "group.member-joined", Map.of("method", "QR_CODE", "time", T.toString())),
                new Case(new MemberLeft(GROUP, BOB_IN_GROUP, Optional.empty(), T), "group.member-left",
                        Map.of("time", T.toString())),
                new Case(new GroupOwnerChanged(GROUP, Optional.of(ALICE), ME, T), "group.owner-changed",
                        Map.of("time", T.toString())),
                new Case(new ChatPaused(ALICE, ChatPaused.Cause.OWNER_WROTE, Optional.of(T), "paused", T),
                        "safety.chat-paused", Map.of("cause", "OWNER_WROTE", "until", T.toString(),
                                "explanation", "paused", "time", T.toString())),
                new Case(new ChatResumed(ALICE, ChatResumed.Cause.EXPIRED, "resumed", T), "safety.chat-resumed",
                        Map.of("cause", "EXPIRED", "explanation", "resumed")),
                new Case(new SendCeilingReached(100, Duration.ofHours(1), T, "too many", T), "safety.send-ceiling",
                        Map.of("sends", 100, "windowSeconds", 3600L, "until", T.toString())),
                new Case(new LoginHeld(5, Duration.ofHours(1), Optional.of(T), "held", T), "safety.login-held",
                        Map.of("recentLogins", 5, "windowSeconds", 3600L, "retryAt", T.toString(),
                                "explanation", "held")),
                new Case(new SessionStalled(SessionStalled.Symptom.NO_MESSAGES, T, "quiet", T),
                        "safety.session-stalled", Map.of("symptom", "NO_MESSAGES", "lastDelivery", T.toString())),
                new Case(new SessionRecovery(SessionRecovery.Step.PROBE_SENT, "probe", T), "safety.session-recovery",
                        Map.of("step", "PROBE_SENT", "explanation", "probe")));
    }

    @Test
    void contactAndGroupEventsNameTheirPeopleAsContactsAndUnknownOnesAsNull() {
        assertEquals("{\"before\":" + EventJson.contact(ALICE) + ",\"after\":" + EventJson.contact(ALICE_RENAMED)
                        + ",\"changes\":[\"REMARK\"],\"flags\":{\"starred\":false,\"pinned\":true,\"muted\":false},"
                        + "\"time\":\"" + T + "\"}",
                EventJson.toJson(new ContactChanged(ALICE, ALICE_RENAMED, Set.of(ContactChanged.Change.REMARK),
                        new ContactChanged.Flags(false, true, false), T)).toString());
        ObjectNode joined = EventJson.toJson(new MemberJoined(GROUP, BOB_IN_GROUP, Optional.of(ALICE),
                MemberJoined.Method.INVITED, T));
        assertEquals(List.of("group", "member", "inviter", "method", "time"), iterable(joined));
        assertEquals(EventJson.contact(GROUP), joined.get("group"));
        assertEquals(EventJson.contact(BOB_IN_GROUP), joined.get("member"));
        assertEquals(EventJson.contact(ALICE), joined.get("inviter"));
        ObjectNode left = EventJson.toJson(new MemberLeft(GROUP, ME, Optional.empty(), T));
        assertTrue(left.get("removedBy").isNull(), left.toString());
        assertEquals("SELF", left.get("member").get("kind").textValue());
        ObjectNode created = EventJson.toJson(new GroupCreated(GROUP, List.of(ALICE, ME), T));
        assertEquals("[" + EventJson.contact(ALICE) + "," + EventJson.contact(ME) + "]", created.get("members").toString());
        ObjectNode renamed = EventJson.toJson(new GroupRenamed(GROUP, "Team", "Team B", Optional.empty(), T));
        assertTrue(renamed.get("renamedBy").isNull(), renamed.toString());
        ObjectNode owner = EventJson.toJson(new GroupOwnerChanged(GROUP, Optional.empty(), ME, T));
        assertEquals(List.of("group", "previousOwner", "owner", "time"), iterable(owner));
        assertTrue(owner.get("previousOwner").isNull());
        assertEquals(EventJson.contact(ALICE), EventJson.toJson(new ContactAdded(ALICE, T)).get("contact"));
    }

    @Test
    void webhooksKnowEveryTypeNameSoTheyCanSubscribeToIt() {
        assertEquals(dev.webwxbot.server.webhook.WebhookTarget.TYPES,
                everyKind().stream().map(Case::type).collect(Collectors.toSet()));
    }

    @Test
    void everyKindHasItsTypeNameAndTypedFields() {
        for (Case c : everyKind()) {
            assertEquals(c.type(), EventJson.type(c.event()), c.event().getClass().getSimpleName());
            ObjectNode json = EventJson.toJson(c.event());
            c.fields().forEach((name, expected) -> {
                JsonNode value = json.get(name);
                String where = c.type() + "." + name;
                switch (expected) {
                    case String s -> assertEquals(s, value.textValue(), where);
                    case Integer i -> assertTrue(value.isInt() && value.intValue() == i, where + ": " + value);
                    case Long l -> assertTrue(value.isIntegralNumber() && value.longValue() == l, where);
                    case Double d -> assertEquals(d, value.doubleValue(), where);
                    case Boolean b -> assertEquals(b, value.booleanValue(), where);
                    default -> throw new AssertionError(where);
                }
            });
        }
    }

    @Test
    void messagesCarryTheEnvelopeWithContactsInTheContractShape() {
        ObjectNode json = EventJson.toJson(new QuoteMessage(IN_GROUP, "agreed", "999", "Alice", "let's go"));
        assertEquals("1002", json.get("msgId").textValue());
        assertEquals(T.toString(), json.get("time").textValue());
        assertFalse(json.get("fromSelf").booleanValue());
        assertTrue(json.get("mentionsMe").booleanValue());
        assertTrue(json.get("inGroup").booleanValue());
        assertEquals("{\"id\":\"@@team\",\"name\":\"Team\",\"remark\":\"\",\"kind\":\"GROUP\"}",
                json.get("chat").toString());
        // A member seen only in a group has no nickname: the name it uses there stands in.
        assertEquals("{\"id\":\"@bob\",\"name\":\"Bobby\",\"remark\":\"\",\"kind\":\"STRANGER\"}",
                json.get("sender").toString());
        assertEquals("{\"id\":\"@alice\",\"name\":\"Alice\",\"remark\":\"Ali\",\"kind\":\"FRIEND\"}",
                EventJson.contact(ALICE).toString());
    }

    @Test
    void loginCarriesSelfAsAContact() {
        ObjectNode json = EventJson.toJson(everyKind().stream()
                .filter(c -> c.type().equals("login")).findFirst().orElseThrow().event());
        assertEquals("{\"id\":\"@me\",\"name\":\"Bot\",\"remark\":\"\",\"kind\":\"SELF\"}", json.get("self").toString());
    }

    @Test
    void unknownMessageKeepsRawFieldsAsStringsInOrder() throws Exception {
        ObjectNode json = EventJson.toJson(everyKind().stream()
                .filter(c -> c.type().equals("message.unknown")).findFirst().orElseThrow().event());
        assertEquals("{\"MsgType\":\"9999\",\"Content\":\"odd\"}", json.get("rawFields").toString());
        // And the whole thing is plain JSON that parses back.
        assertEquals(json, new ObjectMapper().readTree(json.toString()));
    }

    @Test
    void friendRequestLeavesTheTicketOut() {
        String json = EventJson.toJson(new FriendRequest(DIRECT, "@dave", "Dave", "hi", "v4_secret_ticket", 30))
                .toString();
        assertFalse(json.contains("v4_secret_ticket"), json);
        assertFalse(json.contains("ticket"), json);
    }

    @Test
    void envelopeHasTheContractFields() {
        ObjectNode json = EventJson.envelope("d-1", "alice", Instant.parse("2026-12-06T22:00:05Z"),
                new TextMessage(DIRECT, "hi"));
        assertEquals(List.of("id", "account", "type", "time", "event"), iterable(json));
        assertEquals("d-1", json.get("id").textValue());
        assertEquals("alice", json.get("account").textValue());
        assertEquals("message.text", json.get("type").textValue());
        assertEquals("2026-12-06T22:00:05Z", json.get("time").textValue());
        assertEquals("hi", json.get("event").get("text").textValue());
    }

    /**
     * The test data covers every permitted record of the sealed hierarchy, and every one has its own type name.
     * (That {@link EventJson#type} handles a new kind at all is checked by the compiler: its switch has no default.)
     */
    @Test
    void everyPermittedEventKindIsCoveredWithADistinctTypeName() {
        Set<Class<?>> leaves = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(BotEvent.class));
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            if (type.isSealed()) todo.addAll(List.of(type.getPermittedSubclasses()));
            else leaves.add(type);
        }
        List<Case> cases = everyKind();
        assertEquals(leaves, cases.stream().map(c -> c.event().getClass()).collect(Collectors.toSet()));
        assertEquals(cases.size(), cases.stream().map(Case::type).distinct().count());
    }

    private static List<String> iterable(ObjectNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
