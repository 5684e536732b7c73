package dev.webwxbot.emulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigObject;
import dev.webwxbot.emulator.ContactKind;
import dev.webwxbot.emulator.HostFamily;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a parsed HOCON tree into a validated {@link Scenario}: every key known, every value of the right type and
 * range, every reference to a contact, group or earlier step resolvable at the point of the script where it is
 * used (group membership and friend requests are followed step by step). Collects every problem before failing.
 * Not thread-safe; one parser per file.
 */
final class ScenarioParser {
    static final String SELF = "self";
    static final String PHONE = "phone";
    private static final int MAX_MEDIA_BYTES = 20 * 1024 * 1024;
    private static final int MAX_GENERATED_CONTACTS = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> TOP_KEYS = Set.of("name", "description", "wait-timeout", "accounts", "script");
    private static final Set<String> ACCOUNT_KEYS = Set.of("id", "nickname", "host-family", "friends", "strangers",
            "official-accounts", "groups", "large", "friend-accounts");
    private static final Set<String> PERSON_KEYS = Set.of("id", "nickname", "alias", "remark");
    private static final Set<String> GROUP_KEYS = Set.of("id", "name", "members", "display-names");
    private static final Set<String> LARGE_KEYS = Set.of("friends", "groups", "group-size");
    private static final Set<String> STEP_KEYS = Set.of("do", "id", "account", "at", "after", "delay");

    private final String fileName;
    private final Path baseDirectory;
    private final List<String> problems = new ArrayList<>();

    /** What an id denotes while the script is followed; the kind changes when a stranger becomes a friend. */
    private static final class Known {
        final String accountId;
        ContactKind kind;
        final Set<String> members = new LinkedHashSet<>();
        /** For a group: the id of its owner, the account's id when the account owns it. */
        String owner;
        /** For a group: false once a member removed the account. */
        boolean accountIn = true;

        Known(String accountId, ContactKind kind) {
            this.accountId = accountId;
            this.kind = kind;
        }
    }

    private final Map<String, Known> known = new HashMap<>();
    private final Set<String> accountIds = new LinkedHashSet<>();
    private final Map<String, Step> stepsById = new HashMap<>();
    private final Set<String> pendingRequests = new HashSet<>();

    ScenarioParser(String fileName, Path baseDirectory) {
        this.fileName = fileName;
        this.baseDirectory = baseDirectory;
    }

    Scenario parse(ConfigObject root) {
        ConfigReader top = new ConfigReader(root, "", fileName, problems);
        top.allowOnly(TOP_KEYS);
        String name = top.optString("name").orElse(fileName.replaceFirst("\\.conf$", ""));
        String description = top.optString("description").orElse("");
        Duration waitTimeout = top.duration("wait-timeout").orElse(Duration.ofMinutes(10));
        List<WorldSpec.AccountSpec> accounts = new ArrayList<>();
        List<ConfigReader> accountReaders = top.objects("accounts");
        for (ConfigReader account : accountReaders) {
            accounts.add(account(account));
        }
        for (int i = 0; i < accounts.size(); i++) {
            checkFriendAccounts(accountReaders.get(i), accounts.get(i));
        }
        if (accounts.isEmpty() && problems.isEmpty()) {
            top.problem("accounts", "at least one account is required, e.g. accounts = [{ id = bot, nickname = Bot }]");
        }
        List<Step> steps = new ArrayList<>();
        List<ConfigReader> script = top.objects("script");
        for (int i = 0; i < script.size(); i++) {
            steps.add(step(script.get(i), i + 1, accounts));
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return new Scenario(name, description, waitTimeout, new WorldSpec(accounts), steps);
    }

    // ---- world ---------------------------------------------------------------------------------------------

    private WorldSpec.AccountSpec account(ConfigReader in) {
        in.allowOnly(ACCOUNT_KEYS);
        String id = in.id("id");
        if (!accountIds.add(id) || known.containsKey(id)) {
            in.problem("id", "duplicate id \"" + id + "\"");
        }
        String nick = nonBlank(in, "nickname");
        HostFamily family = in.optString("host-family").map(value -> family(in, value)).orElse(HostFamily.WX);
        List<WorldSpec.PersonSpec> people = new ArrayList<>();
        for (ConfigReader person : in.objects("friends")) {
            people.add(person(person, id, ContactKind.FRIEND));
        }
        for (ConfigReader person : in.objects("strangers")) {
            people.add(person(person, id, ContactKind.STRANGER));
        }
        for (ConfigReader person : in.objects("official-accounts")) {
            people.add(person(person, id, ContactKind.OFFICIAL_ACCOUNT));
        }
        List<WorldSpec.GroupSpec> groups = new ArrayList<>();
        for (ConfigReader group : in.objects("groups")) {
            groups.add(group(group, id));
        }
        WorldSpec.LargeSpec large = in.object("large").map(this::large).orElse(WorldSpec.LargeSpec.NONE);
        return new WorldSpec.AccountSpec(id, nick, family, people, groups, large, in.strings("friend-accounts"));
    }

    /** Every id in {@code friend-accounts} names another account of the scenario (any, earlier or later). */
    private void checkFriendAccounts(ConfigReader in, WorldSpec.AccountSpec account) {
        for (String other : account.friendAccounts()) {
            if (other.equals(account.id())) {
                in.problem("friend-accounts", "an account cannot be its own friend: \"" + other + "\"");
            } else if (!accountIds.contains(other)) {
                in.problem("friend-accounts", "\"" + other + "\" is not an account of this scenario (accounts: "
                        + String.join(", ", accountIds) + ")");
            }
        }
    }

    private HostFamily family(ConfigReader in, String value) {
        String wanted = value.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
        for (HostFamily family : HostFamily.values()) {
            if (family.name().equals(wanted) || family.apiHost().equalsIgnoreCase(value)) {
                return family;
            }
        }
        in.problem("host-family", "\"" + value + "\" is not one of wx, wx2, wx8, web-wechat, web2-wechat");
        return HostFamily.WX;
    }

    private WorldSpec.PersonSpec person(ConfigReader in, String accountId, ContactKind kind) {
        in.allowOnly(PERSON_KEYS);
        String id = newContactId(in, "id", accountId, kind);
        return new WorldSpec.PersonSpec(id, kind, nonBlank(in, "nickname"), in.optString("alias").orElse(""),
                in.optString("remark").orElse(""));
    }

    private WorldSpec.GroupSpec group(ConfigReader in, String accountId) {
        in.allowOnly(GROUP_KEYS);
        String id = newContactId(in, "id", accountId, ContactKind.GROUP);
        String name = nonBlank(in, "name");
        Known group = known.get(id);
        List<String> members = in.strings("members");
        for (String member : members) {
            Known person = known.get(member);
            if (person == null || !person.accountId.equals(accountId)
                    || (person.kind != ContactKind.FRIEND && person.kind != ContactKind.STRANGER)) {
                in.problem("members", "\"" + member + "\" is not a friend or stranger of account " + accountId
                        + " defined before this group");
            } else if (group != null && !group.members.add(member)) {
                in.problem("members", "\"" + member + "\" is listed twice");
            }
        }
        if (group != null) {
            // The emulator's rule for a group added to the world: its first member owns it.
            group.owner = group.members.isEmpty() ? accountId : group.members.iterator().next();
        }
        Map<String, String> displayNames = new LinkedHashMap<>();
        in.object("display-names").ifPresent(names -> {
            for (String member : names.keys()) {
                if (!members.contains(member)) {
                    names.problem(member, "\"" + member + "\" is not a member of group " + id);
                }
                displayNames.put(member, names.string(member));
            }
        });
        return new WorldSpec.GroupSpec(id, name, members, displayNames);
    }

    private WorldSpec.LargeSpec large(ConfigReader in) {
        in.allowOnly(LARGE_KEYS);
        int friends = in.integer("friends", 0, 0, MAX_GENERATED_CONTACTS);
        int groups = in.integer("groups", 0, 0, 1_000);
        int groupSize = in.integer("group-size", 500, 2, 500);
        if ((long) groups * groupSize > MAX_GENERATED_CONTACTS) {
            in.problem("groups", "groups × group-size must stay at most " + MAX_GENERATED_CONTACTS);
        }
        return new WorldSpec.LargeSpec(friends, groups, groupSize);
    }

    private String newContactId(ConfigReader in, String key, String accountId, ContactKind kind) {
        String id = in.id(key);
        if (known.containsKey(id) || accountIds.contains(id) || reserved(id)) {
            in.problem(key, "\"" + id + "\" is already used" + (reserved(id) ? " (reserved)" : ""));
        } else if (!id.isEmpty()) {
            known.put(id, new Known(accountId, kind));
        }
        return id;
    }

    private static boolean reserved(String id) {
        return id.equals(SELF) || id.equals(PHONE) || WorldSpec.BUILT_IN_IDS.contains(id);
    }

    // ---- script --------------------------------------------------------------------------------------------

    private Step step(ConfigReader in, int number, List<WorldSpec.AccountSpec> accounts) {
        String action = in.string("do");
        String id = in.optString("id").orElse("");
        if (!id.isEmpty() && (stepsById.containsKey(id) || !id.matches("[A-Za-z0-9_-]+"))) {
            in.problem("id", stepsById.containsKey(id) ? "duplicate step id \"" + id + "\"" : "\"" + id + "\" is not an id");
        }
        String accountId = in.optString("account").orElse(accounts.isEmpty() ? "" : accounts.getFirst().id());
        if (in.has("account") && !accountIds.contains(accountId)) {
            in.problem("account", "unknown account \"" + accountId + "\" (known: " + String.join(", ", accountIds) + ")");
        }
        Step.Timing timing = timing(in);
        Set<String> allowed = new HashSet<>(STEP_KEYS);
        Action parsed = action(in, action, accountId, allowed);
        in.allowOnly(allowed);
        Step step = new Step(number, in.line(), id, accountId, timing, parsed);
        if (!id.isEmpty()) {
            stepsById.putIfAbsent(id, step);
        }
        return step;
    }

    private Step.Timing timing(ConfigReader in) {
        Optional<Duration> at = in.duration("at");
        Optional<Duration> delay = in.duration("delay");
        Optional<String> after = in.optString("after");
        if (at.isPresent()) {
            if (after.isPresent() || delay.isPresent()) {
                in.problem("at", "use either at, or after with an optional delay, not both");
            }
            return new Step.Timing.At(at.get());
        }
        Step.Event event = Step.Event.PREVIOUS;
        if (after.isPresent()) {
            switch (after.get()) {
                case "previous" -> event = Step.Event.PREVIOUS;
                case "online" -> event = Step.Event.ONLINE;
                case "reply" -> event = Step.Event.REPLY;
                default -> in.problem("after", "\"" + after.get() + "\" is not one of previous, online, reply");
            }
        }
        return new Step.Timing.After(event, delay.orElse(Duration.ZERO));
    }

    private Action action(ConfigReader in, String action, String accountId, Set<String> allowed) {
        return switch (action) {
            case "scan-and-confirm" -> new Action.ScanAndConfirm();
            case "scan" -> new Action.Scan();
            case "confirm" -> new Action.Confirm();
            case "cancel" -> new Action.Cancel();
            case "logout" -> new Action.Logout();
            case "wait" -> new Action.Wait();
            case "send" -> send(in, accountId, allowed);
            case "revoke" -> {
                allowed.add("message");
                String stepId = in.string("message");
                Step target = stepsById.get(stepId);
                if (in.has("message") && (target == null || !(target.action() instanceof Action.Send send)
                        || send.message() instanceof MessageSpec.SystemNotice
                        || send.message() instanceof MessageSpec.RedPacket)) {
                    in.problem("message", "\"" + stepId + "\" is not the id of an earlier send step of a person's or"
                            + " the phone's message");
                }
                yield new Action.Revoke(stepId);
            }
            case "friend-request" -> {
                allowed.addAll(List.of("nickname", "greeting", "contact"));
                String contact = newContactId(in, "contact", accountId, ContactKind.STRANGER);
                pendingRequests.add(contact);
                yield new Action.FriendRequest(contact, nonBlank(in, "nickname"), in.optString("greeting").orElse(""));
            }
            case "accept-request" -> {
                allowed.add("requester");
                String requester = in.string("requester");
                if (in.has("requester") && !pendingRequests.remove(requester)) {
                    in.problem("requester", "\"" + requester + "\" did not send a pending friend request in an earlier step");
                } else {
                    markFriend(requester);
                }
                yield new Action.AcceptRequest(requester);
            }
            case "request-accepted" -> {
                allowed.add("contact");
                String contact = contact(in, "contact", accountId, Set.of(ContactKind.STRANGER), "a stranger");
                markFriend(contact);
                pendingRequests.remove(contact);
                yield new Action.RequestAccepted(contact);
            }
            case "modify-contact" -> {
                allowed.addAll(List.of("contact", "nickname", "remark", "alias"));
                String contact = contact(in, "contact", accountId,
                        Set.of(ContactKind.FRIEND, ContactKind.STRANGER, ContactKind.OFFICIAL_ACCOUNT), "a person");
                if (!in.has("nickname") && !in.has("remark") && !in.has("alias")) {
                    in.problem(null, "modify-contact needs at least one of nickname, remark, alias");
                }
                yield new Action.ModifyContact(contact, in.optString("nickname").orElse(null),
                        in.optString("remark").orElse(null), in.optString("alias").orElse(null));
            }
            case "delete-contact" -> {
                allowed.add("contact");
                yield new Action.DeleteContact(contact(in, "contact", accountId,
                        Set.of(ContactKind.FRIEND, ContactKind.OFFICIAL_ACCOUNT, ContactKind.GROUP), "a friend, MP or group"));
            }
            case "add-friend" -> {
                allowed.addAll(List.of("contact", "nickname"));
                String contact = newContactId(in, "contact", accountId, ContactKind.FRIEND);
                yield new Action.AddFriend(contact, nonBlank(in, "nickname"));
            }
            case "change-avatar" -> {
                allowed.add("contact");
                yield new Action.ChangeAvatar(contact(in, "contact", accountId,
                        Set.of(ContactKind.FRIEND, ContactKind.STRANGER, ContactKind.OFFICIAL_ACCOUNT), "a person or MP"));
            }
            case "set-flags" -> setFlags(in, accountId, allowed);
            case "set-display-name" -> {
                allowed.addAll(List.of("group", "member", "display-name"));
                String group = activeGroup(in, accountId);
                String member = member(in, "member", group);
                yield new Action.SetDisplayName(group, member, in.string("display-name"));
            }
            case "join" -> {
                allowed.addAll(List.of("group", "member", "inviter", "via-qr-code"));
                String group = activeGroup(in, accountId);
                String inviter = in.has("inviter") ? member(in, "inviter", group) : null;
                String member = contact(in, "member", accountId, Set.of(ContactKind.FRIEND, ContactKind.STRANGER), "a person");
                Known known = this.known.get(group);
                if (known != null && !member.isEmpty() && !known.members.add(member)) {
                    in.problem("member", "\"" + member + "\" is already a member of " + group + " at this step");
                }
                yield new Action.Join(group, member, inviter, Boolean.TRUE.equals(in.optBoolean("via-qr-code")));
            }
            case "leave" -> {
                allowed.addAll(List.of("group", "member", "remover"));
                String group = activeGroup(in, accountId);
                String member = member(in, "member", group);
                String remover = in.has("remover") ? member(in, "remover", group) : null;
                Known known = this.known.get(group);
                if (known != null && member.equals(known.owner)) {
                    in.problem("member", "\"" + member + "\" owns group " + group + " and cannot be removed"
                            + " (an owner can quit: do = quit)");
                } else if (member.equals(remover)) {
                    in.problem("remover", "\"" + member + "\" cannot remove themselves (do = quit)");
                }
                leaves(group, member);
                yield new Action.Leave(group, member, remover);
            }
            case "quit" -> {
                allowed.addAll(List.of("group", "member"));
                String group = activeGroup(in, accountId);
                String member = member(in, "member", group);
                leaves(group, member);
                yield new Action.Quit(group, member);
            }
            case "remove-account" -> {
                allowed.addAll(List.of("group", "by"));
                String group = activeGroup(in, accountId);
                String by = member(in, "by", group);
                Known known = this.known.get(group);
                if (known != null) {
                    if (accountId.equals(known.owner)) {
                        in.problem("group", "account " + accountId + " owns group " + group + " and cannot be removed");
                    }
                    known.accountIn = false;
                }
                yield new Action.RemoveAccount(group, by);
            }
            case "transfer-ownership" -> {
                allowed.addAll(List.of("group", "to"));
                String group = activeGroup(in, accountId);
                String to = in.has("to") && in.string("to").equals(accountId) ? accountId : member(in, "to", group);
                Known known = this.known.get(group);
                if (known != null && to.equals(known.owner)) {
                    in.problem("to", "\"" + to + "\" already owns group " + group);
                } else if (known != null) {
                    known.owner = to;
                }
                yield new Action.TransferOwnership(group, to);
            }
            case "rename-group" -> {
                allowed.addAll(List.of("group", "name", "by"));
                String group = activeGroup(in, accountId);
                String by = in.has("by") ? member(in, "by", group) : null;
                yield new Action.RenameGroup(group, nonBlank(in, "name"), by);
            }
            case "raw" -> raw(in, accountId, allowed);
            case "" -> new Action.Wait(); // "missing" is already reported
            default -> {
                in.problem("do", "\"" + action + "\" is not one of " + String.join(", ", Action.NAMES));
                yield new Action.Wait();
            }
        };
    }

    private Action send(ConfigReader in, String accountId, Set<String> allowed) {
        allowed.addAll(List.of("from", "to", "in", "kind"));
        String kind = in.string("kind");
        String from = in.string("from");
        boolean systemKind = kind.equals("system-notice") || kind.equals("red-packet");
        String to = null;
        String group = null;
        if (from.equals(PHONE)) {
            to = contact(in, "to", accountId, Set.of(ContactKind.values()), "a contact");
            if (in.has("in")) {
                in.problem("in", "the phone writes to a group with to = <group id>, not in");
            }
            if (systemKind) {
                in.problem("kind", kind + " is not something the phone sends");
            }
        } else if (in.has("in")) {
            group = contact(in, "in", accountId, Set.of(ContactKind.GROUP), "a group");
            if (!systemKind) {
                member(in, "from", group);
                requireAccountIn(in, "in", group);
            }
        } else {
            contact(in, "from", accountId, systemKind ? Set.of(ContactKind.values())
                    : Set.of(ContactKind.FRIEND, ContactKind.STRANGER, ContactKind.OFFICIAL_ACCOUNT, ContactKind.SPECIAL),
                    systemKind ? "a contact or group" : "\"phone\" or a person, MP or special account (a member writes in a group with in = <group id>)");
        }
        if (in.has("to") && !from.equals(PHONE)) {
            in.problem("to", "to is only for from = phone");
        }
        MessageSpec message = message(in, kind, accountId, group, allowed);
        if (message instanceof MessageSpec.Mention && group == null) {
            in.problem("kind", "a mention is written by a member in a group (in = <group id>)");
        }
        return new Action.Send(from, to, group, message);
    }

    private MessageSpec message(ConfigReader in, String kind, String accountId, String group, Set<String> allowed) {
        return switch (kind) {
            case "text" -> {
                allowed.add("text");
                yield new MessageSpec.Text(in.string("text"));
            }
            case "mention" -> {
                allowed.addAll(List.of("text", "mentions"));
                List<String> mentioned = in.strings("mentions");
                if (mentioned.isEmpty()) {
                    in.problem("mentions", "name at least one member id (or self)");
                }
                Known inGroup = group == null ? null : known.get(group);
                for (String id : mentioned) {
                    if (inGroup != null && !id.equals(SELF) && !inGroup.members.contains(id)) {
                        in.problem("mentions", "\"" + id + "\" is not self nor a member of the group at this step");
                    }
                }
                yield new MessageSpec.Mention(in.string("text"), mentioned);
            }
            case "image" -> {
                allowed.addAll(List.of("file", "width", "height"));
                int width = in.integer("width", 640, 1, 8000);
                int height = in.integer("height", 480, 1, 8000);
                byte[] jpeg = in.has("file") ? file(in) : GeneratedMedia.jpeg(width, height);
                yield new MessageSpec.Image(jpeg, width, height);
            }
            case "voice" -> {
                allowed.addAll(List.of("file", "size", "millis"));
                yield new MessageSpec.Voice(bytes(in, 2048), in.integer("millis", 3000, 1, 60 * 60 * 1000));
            }
            case "video" -> {
                allowed.addAll(List.of("file", "size", "seconds"));
                yield new MessageSpec.Video(bytes(in, 4096), in.integer("seconds", 5, 1, 24 * 60 * 60));
            }
            case "file" -> {
                allowed.addAll(List.of("file", "size", "name"));
                String name = in.optString("name").orElseGet(() -> in.optString("file")
                        .map(path -> Path.of(path).getFileName().toString()).orElse(""));
                if (name.isBlank()) {
                    in.problem("name", "missing (the file name shown to the bot)");
                }
                yield new MessageSpec.File(name, bytes(in, 1024));
            }
            case "card" -> {
                allowed.add("subject");
                yield new MessageSpec.Card(contact(in, "subject", accountId,
                        Set.of(ContactKind.FRIEND, ContactKind.STRANGER, ContactKind.OFFICIAL_ACCOUNT), "a person or MP"));
            }
            case "emoticon" -> {
                allowed.addAll(List.of("file", "width", "height"));
                int width = in.integer("width", 120, 1, 2000);
                int height = in.integer("height", 120, 1, 2000);
                yield new MessageSpec.Emoticon(in.has("file") ? file(in) : GeneratedMedia.gif(width, height), width, height);
            }
            case "location" -> {
                allowed.addAll(List.of("label", "latitude", "longitude"));
                yield new MessageSpec.Location(nonBlank(in, "label"), in.decimal("latitude", -90, 90),
                        in.decimal("longitude", -180, 180));
            }
            case "link" -> {
                allowed.addAll(List.of("title", "description", "url"));
                yield new MessageSpec.Link(nonBlank(in, "title"), in.optString("description").orElse(""), url(in, "url"));
            }
            case "music" -> {
                allowed.addAll(List.of("title", "description", "url", "stream-url"));
                yield new MessageSpec.Music(nonBlank(in, "title"), in.optString("description").orElse(""),
                        url(in, "url"), url(in, "stream-url"));
            }
            case "mini-program" -> {
                allowed.addAll(List.of("title", "app-id", "user-name", "page-path"));
                yield new MessageSpec.MiniProgram(nonBlank(in, "title"), nonBlank(in, "app-id"),
                        nonBlank(in, "user-name"), in.optString("page-path").orElse(""));
            }
            case "quote" -> {
                allowed.addAll(List.of("text", "quoted", "quoted-text"));
                String quoted = in.string("quoted");
                Step target = stepsById.get(quoted);
                if (in.has("quoted") && (target == null || !(target.action() instanceof Action.Send))) {
                    in.problem("quoted", "\"" + quoted + "\" is not the id of an earlier send step");
                }
                yield new MessageSpec.Quote(in.string("text"), quoted, in.optString("quoted-text").orElse(null));
            }
            case "transfer" -> {
                allowed.addAll(List.of("amount", "memo"));
                yield new MessageSpec.Transfer(nonBlank(in, "amount"), in.optString("memo").orElse(""));
            }
            case "red-packet" -> new MessageSpec.RedPacket();
            case "system-notice" -> {
                allowed.add("text");
                yield new MessageSpec.SystemNotice(nonBlank(in, "text"));
            }
            case "" -> new MessageSpec.Text("");
            default -> {
                in.problem("kind", "\"" + kind + "\" is not one of " + String.join(", ", MessageSpec.KINDS));
                yield new MessageSpec.Text("");
            }
        };
    }

    private Action raw(ConfigReader in, String accountId, Set<String> allowed) {
        allowed.addAll(List.of("message", "json", "file", "from"));
        int sources = (in.has("message") ? 1 : 0) + (in.has("json") ? 1 : 0) + (in.has("file") ? 1 : 0);
        String json = "";
        if (sources != 1) {
            in.problem(null, "raw needs exactly one of message = { ...captured object... }, json = \"\"\"...\"\"\", file = path");
        } else if (in.has("message")) {
            if (in.isObject("message")) {
                json = in.json("message");
            } else {
                in.problem("message", "must be the captured AddMsgList object { ... } (JSON is valid HOCON)");
            }
        } else if (in.has("json")) {
            json = in.string("json");
        } else {
            json = new String(file(in), StandardCharsets.UTF_8);
        }
        if (!json.isEmpty()) {
            try {
                JsonNode node = JSON.readTree(json);
                if (node == null || !node.isObject() || node.isEmpty()) {
                    in.problem(null, "the captured message must be a non-empty JSON object");
                }
            } catch (IOException e) {
                in.problem(null, "the captured message is not valid JSON: " + firstLine(e.getMessage()));
            }
        }
        String from = in.has("from") ? contact(in, "from", accountId, Set.of(ContactKind.values()), "a contact") : null;
        return new Action.Raw(json, from);
    }

    // ---- references and values -----------------------------------------------------------------------------

    /** Checks that {@code key} names a contact of {@code accountId} of one of {@code kinds} at this step. */
    private String contact(ConfigReader in, String key, String accountId, Set<ContactKind> kinds, String what) {
        String id = in.string(key);
        if (!in.has(key)) {
            return id;
        }
        if (WorldSpec.BUILT_IN_IDS.contains(id)) {
            if (!kinds.contains(ContactKind.SPECIAL)) {
                in.problem(key, "\"" + id + "\" is a built-in special account, not " + what);
            }
            return id;
        }
        Known found = known.get(id);
        if (found == null) {
            in.problem(key, "unknown contact \"" + id + "\" (known here: " + knownIds(accountId) + ")");
        } else if (!found.accountId.equals(accountId)) {
            in.problem(key, "\"" + id + "\" belongs to account " + found.accountId + ", the step's account is "
                    + accountId + " (set account = " + found.accountId + ")");
        } else if (!kinds.contains(found.kind)) {
            in.problem(key, "\"" + id + "\" is a " + found.kind.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " here, not " + what);
        }
        return id;
    }

    private Action setFlags(ConfigReader in, String accountId, Set<String> allowed) {
        allowed.addAll(List.of("contact", "starred", "pinned", "muted"));
        String contact = contact(in, "contact", accountId, Set.of(ContactKind.FRIEND, ContactKind.OFFICIAL_ACCOUNT,
                ContactKind.GROUP, ContactKind.SPECIAL), "a friend, MP, group or special account");
        Boolean starred = in.optBoolean("starred");
        Boolean pinned = in.optBoolean("pinned");
        Boolean muted = in.optBoolean("muted");
        if (!in.has("starred") && !in.has("pinned") && !in.has("muted")) {
            in.problem(null, "set-flags needs at least one of starred, pinned, muted");
        }
        Known found = known.get(contact);
        if (starred != null && (found == null || found.kind != ContactKind.FRIEND)) {
            in.problem("starred", "only a friend can be starred");
        }
        return new Action.SetFlags(contact, starred, pinned, muted);
    }

    /** The step's {@code group}: a group of the account that the account is still in. */
    private String activeGroup(ConfigReader in, String accountId) {
        String group = contact(in, "group", accountId, Set.of(ContactKind.GROUP), "a group");
        requireAccountIn(in, "group", group);
        return group;
    }

    private void requireAccountIn(ConfigReader in, String key, String group) {
        Known found = known.get(group);
        if (found != null && !found.accountIn) {
            in.problem(key, "the account was removed from group " + group + " in an earlier step");
        }
    }

    /** {@code member} is out of {@code group}; an owner who leaves hands it to the first remaining member. */
    private void leaves(String group, String member) {
        Known found = known.get(group);
        if (found != null) {
            found.members.remove(member);
            if (member.equals(found.owner)) {
                found.owner = found.members.isEmpty() ? found.accountId : found.members.iterator().next();
            }
        }
    }

    /** Checks that {@code key} names a current member of {@code group}. */
    private String member(ConfigReader in, String key, String group) {
        String id = in.string(key);
        Known found = known.get(group);
        if (in.has(key) && found != null && found.kind == ContactKind.GROUP && !found.members.contains(id)) {
            in.problem(key, "\"" + id + "\" is not a member of group " + group + " at this step (members: "
                    + String.join(", ", found.members) + ")");
        }
        return id;
    }

    private void markFriend(String id) {
        Known found = known.get(id);
        if (found != null) {
            found.kind = ContactKind.FRIEND;
        }
    }

    private String knownIds(String accountId) {
        List<String> ids = new ArrayList<>(WorldSpec.BUILT_IN_IDS);
        known.forEach((id, k) -> {
            if (k.accountId.equals(accountId)) {
                ids.add(id);
            }
        });
        Collections.sort(ids);
        return ids.size() > 30 ? String.join(", ", ids.subList(0, 30)) + ", …" : String.join(", ", ids);
    }

    private static String nonBlank(ConfigReader in, String key) {
        String value = in.string(key);
        if (in.has(key) && value.isBlank()) {
            in.problem(key, "must not be empty");
        }
        return value;
    }

    private static String url(ConfigReader in, String key) {
        String value = in.string(key);
        if (in.has(key) && !value.startsWith("http://") && !value.startsWith("https://")) {
            in.problem(key, "\"" + value + "\" is not an http(s) URL");
        }
        return value;
    }

    /** Bytes of {@code file}, or {@code size} generated bytes (default {@code defaultSize}). */
    private byte[] bytes(ConfigReader in, int defaultSize) {
        if (in.has("file")) {
            if (in.has("size")) {
                in.problem("size", "give either file or size");
            }
            return file(in);
        }
        return GeneratedMedia.bytes(in.integer("size", defaultSize, 1, MAX_MEDIA_BYTES));
    }

    private byte[] file(ConfigReader in) {
        String name = in.string("file");
        Path path = baseDirectory.resolve(name).normalize();
        try {
            long size = Files.size(path);
            if (size > MAX_MEDIA_BYTES) {
                in.problem("file", name + " is larger than " + MAX_MEDIA_BYTES + " bytes");
                return new byte[0];
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            in.problem("file", "cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
            return new byte[0];
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
