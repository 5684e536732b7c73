package dev.webwxbot.emulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webwxbot.emulator.ContactKind;
import dev.webwxbot.emulator.HostFamily;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a recording written by {@code webwx-bot run --record} (one JSON object per line; see
 * docs/notes/record-replay.md) into a scenario: the contacts the recorded session was told about (webwxinit,
 * webwxgetcontact, webwxbatchgetcontact, ModContactList) become the world, and every message it received through
 * webwxsync becomes a {@code raw} step, in the order received, with the recorded gaps (each capped). Messages are
 * replayed exactly as captured, only the UserNames mapped to the new session's (see
 * {@code Account.injectRawMessage(String, Contact, String, Map)}). Not thread-safe; used once.
 */
final class RecordingReplay {
    static final String FORMAT = "webwx-bot-recording";
    /** A user's recording may span hours; replaying it should not. */
    static final Duration MAX_GAP = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "me";
    /** As a scenario file's default {@code wait-timeout}: how long the replay waits for a client to log in. */
    private static final Duration WAIT_TIMEOUT = Duration.ofMinutes(10);
    /** The {@code StatusNotify} notices of §4: each session makes its own; replaying the recorded ones would lie. */
    private static final int STATUS_NOTIFY = 51;

    private final String fileName;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Person> people = new LinkedHashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, String> userNames = new HashMap<>();
    private String self = "";
    private String selfNickName = "";
    private HostFamily family = HostFamily.WX;
    private long onlineAt = -1;
    private long lastMessageAt = -1;
    private int personCount;
    private int groupCount;

    /** What the recording says about one UserName. */
    private static final class Person {
        final String userName;
        String nickName = "";
        String remark = "";
        String alias = "";
        ContactKind kind;
        final List<String> members = new ArrayList<>();
        final Map<String, String> displayNames = new LinkedHashMap<>();
        String id;

        Person(String userName, ContactKind kind) {
            this.userName = userName;
            this.kind = kind;
        }
    }

    private RecordingReplay(String fileName) {
        this.fileName = fileName;
    }

    /** Reads and converts {@code file}; throws {@link ScenarioException} naming the lines it cannot use. */
    static Scenario read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException(List.of(file + ": cannot read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")"));
        }
        RecordingReplay replay = new RecordingReplay(String.valueOf(file.getFileName()));
        replay.convert(lines);
        if (!replay.problems.isEmpty()) {
            throw new ScenarioException(replay.problems);
        }
        return new Scenario(replay.fileName, replay.fileName, "replay of a recorded session: "
                + replay.people.size() + " contact(s), " + (replay.steps.size() - 1) + " message(s)",
                WAIT_TIMEOUT, replay.world(), replay.steps);
    }

    private void convert(List<String> lines) {
        if (lines.isEmpty() || !header(lines.getFirst())) {
            problems.add(fileName + ":1: not a webwx-bot recording (its first line must be {\"format\":\"" + FORMAT
                    + "\",...}); record one with webwx-bot run --record FILE");
            return;
        }
        steps.add(new Step(1, 1, null, ACCOUNT, new Step.Timing.After(Step.Event.PREVIOUS, Duration.ZERO),
                new Action.ScanAndConfirm()));
        List<Pending> messages = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                exchange(i + 1, JSON.readTree(lines.get(i)), messages);
            } catch (IOException | RuntimeException e) {
                problems.add(fileName + ":" + (i + 1) + ": not a recorded exchange (" + e.getMessage() + ")");
            }
        }
        if (self.isEmpty()) {
            problems.add(fileName + ": no successful webwxinit in the recording: it holds no session to replay");
            return;
        }
        assignIds();
        for (Pending message : messages) {
            message(message);
        }
    }

    private record Pending(int line, long at, JsonNode message) {
    }

    private static boolean header(String line) {
        try {
            JsonNode header = JSON.readTree(line);
            return header != null && FORMAT.equals(header.path("format").asText()) && header.path("version").asInt() == 1;
        } catch (IOException e) {
            return false;
        }
    }

    private void exchange(int line, JsonNode exchange, List<Pending> messages) throws IOException {
        String path = exchange.path("path").asText("");
        String endpoint = path.substring(path.lastIndexOf('/') + 1);
        String text = exchange.path("response").path("text").asText("");
        if (exchange.path("status").asInt() != 200 || !text.startsWith("{")) {
            return;
        }
        JsonNode body = JSON.readTree(text);
        if (body.path("BaseResponse").path("Ret").asInt(0) != 0) {
            return;
        }
        long at = exchange.path("t").asLong();
        switch (endpoint) {
            case "webwxinit" -> {
                self = body.path("User").path("UserName").asText("");
                selfNickName = body.path("User").path("NickName").asText("");
                family = familyOf(exchange.path("host").asText(""));
                onlineAt = at;
                body.path("ContactList").forEach(c -> contact(c, true));
            }
            case "webwxgetcontact" -> body.path("MemberList").forEach(c -> contact(c, true));
            case "webwxbatchgetcontact" -> body.path("ContactList").forEach(c -> contact(c, false));
            case "webwxsync" -> {
                body.path("ModContactList").forEach(c -> contact(c, true));
                body.path("AddMsgList").forEach(m -> messages.add(new Pending(line, at, m)));
            }
            default -> {
            }
        }
    }

    private static HostFamily familyOf(String host) {
        for (HostFamily family : HostFamily.values()) {
            if (family.apiHost().equals(host)) {
                return family;
            }
        }
        return HostFamily.WX; // a loopback or unknown host: the default family
    }

    /** @param listed from the address book (friend) rather than a lookup or a member list (stranger) */
    private void contact(JsonNode node, boolean listed) {
        String userName = node.path("UserName").asText("");
        if (!userName.startsWith("@") || userName.equals(self)) {
            return; // filehelper, weixin, and other bare names are built in or not replayable (client-notes.md)
        }
        ContactKind kind = userName.startsWith("@@") ? ContactKind.GROUP
                : (node.path("VerifyFlag").asInt() & 8) != 0 ? ContactKind.OFFICIAL_ACCOUNT
                : listed ? ContactKind.FRIEND : ContactKind.STRANGER;
        Person person = person(userName, kind);
        if (kind == ContactKind.FRIEND && person.kind == ContactKind.STRANGER) {
            person.kind = ContactKind.FRIEND;
        }
        fill(person, node);
        if (kind == ContactKind.GROUP) {
            for (JsonNode member : node.path("MemberList")) {
                String memberName = member.path("UserName").asText("");
                if (!memberName.startsWith("@") || memberName.startsWith("@@") || memberName.equals(self)) {
                    continue;
                }
                Person p = person(memberName, ContactKind.STRANGER);
                if (p.nickName.isEmpty()) {
                    p.nickName = member.path("NickName").asText("");
                }
                if (!person.members.contains(memberName)) {
                    person.members.add(memberName);
                }
                String displayName = member.path("DisplayName").asText("");
                if (!displayName.isEmpty()) {
                    person.displayNames.put(memberName, displayName);
                }
            }
        }
    }

    private Person person(String userName, ContactKind kind) {
        return people.computeIfAbsent(userName, name -> new Person(name, kind));
    }

    private static void fill(Person person, JsonNode node) {
        String nick = node.path("NickName").asText("");
        if (!nick.isEmpty()) {
            person.nickName = nick;
        }
        String remark = node.path("RemarkName").asText("");
        if (!remark.isEmpty()) {
            person.remark = remark;
        }
        String alias = node.path("Alias").asText("");
        if (!alias.isEmpty()) {
            person.alias = alias;
        }
    }

    private void assignIds() {
        for (Person person : people.values()) {
            name(person);
        }
        userNames.put(self, "self");
    }

    /** Gives the contact its scenario id ({@code c1}, {@code g1}...). */
    private void name(Person person) {
        person.id = person.kind == ContactKind.GROUP ? "g" + ++groupCount : "c" + ++personCount;
        userNames.put(person.userName, person.id);
    }

    private void message(Pending pending) {
        JsonNode message = pending.message();
        String from = message.path("FromUserName").asText("");
        if (message.path("MsgType").asInt() == STATUS_NOTIFY || from.equals(self)) {
            return; // the replay's session makes its own notices; what this account sent is not received
        }
        String fromId;
        if (from.startsWith("@")) {
            Person sender = people.get(from);
            if (sender == null) { // never looked up by the recorded client: a nameless stranger
                sender = person(from, from.startsWith("@@") ? ContactKind.GROUP : ContactKind.STRANGER);
                name(sender);
            }
            fromId = sender.id;
        } else {
            fromId = WorldSpec.BUILT_IN_IDS.contains(from) ? from : "weixin"; // fmessage, newsapp...: kept as sent
        }
        Step.Timing timing = lastMessageAt < 0
                ? new Step.Timing.After(Step.Event.ONLINE, gap(pending.at() - onlineAt))
                : new Step.Timing.After(Step.Event.PREVIOUS, gap(pending.at() - lastMessageAt));
        lastMessageAt = pending.at();
        steps.add(new Step(steps.size() + 1, pending.line(), "m" + steps.size(), ACCOUNT, timing,
                new Action.Raw(message.toString(), fromId, Map.copyOf(userNames))));
    }

    private static Duration gap(long millis) {
        Duration gap = Duration.ofMillis(Math.max(0, millis));
        return gap.compareTo(MAX_GAP) > 0 ? MAX_GAP : gap;
    }

    private WorldSpec world() {
        List<WorldSpec.PersonSpec> persons = new ArrayList<>();
        List<WorldSpec.GroupSpec> groups = new ArrayList<>();
        for (Person person : people.values()) {
            if (person.kind == ContactKind.GROUP) {
                Map<String, String> displayNames = new LinkedHashMap<>();
                person.displayNames.forEach((member, name) -> displayNames.put(people.get(member).id, name));
                groups.add(new WorldSpec.GroupSpec(person.id, person.nickName,
                        person.members.stream().map(m -> people.get(m).id).toList(), displayNames));
            } else {
                persons.add(new WorldSpec.PersonSpec(person.id, person.kind, person.nickName, person.alias,
                        person.remark));
            }
        }
        return new WorldSpec(List.of(new WorldSpec.AccountSpec(ACCOUNT, selfNickName, family, persons, groups,
                WorldSpec.LargeSpec.NONE)));
    }
}
