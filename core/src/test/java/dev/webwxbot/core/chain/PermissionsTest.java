package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.Identity;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.Phase;
import dev.webwxbot.api.Role;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.TextMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's permissions as read from HOCON, the role each person gets where an event happened (blocked over
 * owner over admin over member over anyone), and the chain skipping handlers whose sender lacks the role.
 */
class PermissionsTest {

    private static final Contact ALICE = person("@alice", "Alice", "", ContactKind.FRIEND);
    private static final Contact BOB = person("@bob", "Bob", "Bobby", ContactKind.FRIEND);
    private static final Contact CAROL = person("@carol", "Carol", "", ContactKind.STRANGER);
    private static final Contact DAVE = person("@dave", "Dave", "", ContactKind.STRANGER);
    private static final Contact EVE = person("@eve", "Eve", "", ContactKind.FRIEND);
    private static final Contact HIKERS = new Contact("@@hikers", "Weekend hikers", "", "", ContactKind.GROUP, "");
    private static final Contact CHESS = new Contact("@@chess", "Chess club", "", "", ContactKind.GROUP, "");
    private static final Contact ME = new Contact("@me", "me", "", "", ContactKind.SELF, "");

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final Bot bot = new IdentityBot(sent);
    private PluginChain chain;

    @AfterEach
    void close() {
        if (chain != null) chain.close();
    }

    @Test
    void theBlockNamesPeopleByIdentityAndGroupsByIdentityOrName() {
        Permissions read = read("""
                owners = ["wxid:wxid_alice"]
                admins = ["remark:Bobby", "wxid_plain"]
                blocked = ["nick:Eve"]
                groups { "wxid:111@chatroom" { admins = ["wxid:wxid_carol"] }, "Chess club" { admins = [] } }
                """);
        assertEquals(List.of(new Identity(Identity.Kind.WXID, "wxid_alice")), read.owners());
        assertEquals(List.of(new Identity(Identity.Kind.REMARK, "Bobby"), new Identity(Identity.Kind.WXID, "wxid_plain")),
                read.admins());
        assertEquals(List.of(new Identity(Identity.Kind.NICKNAME, "Eve")), read.blocked());
        assertEquals(java.util.Set.of("wxid:111@chatroom", "Chess club"), read.groups().keySet());
        assertEquals(Permissions.NONE, read(""));
    }

    @Test
    void anUnknownKeyIsNamedWithTheKeyItProbablyMeant() {
        InvalidSettingsException unknown = assertThrows(InvalidSettingsException.class, () -> read("admin = []"));
        assertTrue(unknown.getMessage().contains("webwx-bot.permissions.admin"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("admins"), unknown.getMessage());
        InvalidSettingsException inGroup = assertThrows(InvalidSettingsException.class,
                () -> read("groups { \"Chess club\" { owners = [] } }"));
        assertTrue(inGroup.getMessage().contains("owners"), inGroup.getMessage());
    }

    @Test
    void blockedBeatsOwnerBeatsAdminBeatsMemberBeatsAnyoneAndTheAccountIsAlwaysOwner() {
        Permissions permissions = read("""
                owners = ["wxid:wxid_alice", "wxid:wxid_eve"]
                admins = ["remark:Bobby"]
                blocked = ["nick:Eve"]
                """);
        TextMessage inHikers = groupText(HIKERS, CAROL);
        assertEquals(Role.OWNER, Roles.of(ALICE, inHikers, bot, permissions));
        assertEquals(Role.BLOCKED, Roles.of(EVE, inHikers, bot, permissions), "blocked wins over owner");
        assertEquals(Role.ADMIN, Roles.of(BOB, inHikers, bot, permissions), "by remark name");
        assertEquals(Role.MEMBER, Roles.of(CAROL, inHikers, bot, permissions), "a member of the event's group");
        assertEquals(Role.ANYONE, Roles.of(CAROL, groupText(CHESS, CAROL), bot, permissions), "not in that group");
        assertEquals(Role.ANYONE, Roles.of(DAVE, inHikers, bot, permissions));
        assertEquals(Role.OWNER, Roles.of(ME, inHikers, bot, Permissions.NONE));
        assertEquals(Role.MEMBER, Roles.of(ALICE, inHikers, bot, Permissions.NONE), "a friend");
    }

    @Test
    void aGroupsAdminsCountInThatGroupOnlyAndItsOwnerFromTheProtocolIsOneOfThem() {
        Permissions permissions = read("""
                groups { "wxid:111@chatroom" { admins = ["wxid:wxid_carol"] } }
                """);
        assertEquals(Role.ADMIN, Roles.of(CAROL, groupText(HIKERS, CAROL), bot, permissions), "by the group's wxid");
        assertEquals(Role.ANYONE, Roles.of(CAROL, groupText(CHESS, CAROL), bot, permissions));
        assertEquals(Role.ADMIN, Roles.of(DAVE, groupText(CHESS, DAVE), bot, permissions), "Chess club's owner");
        assertEquals(Role.ANYONE, Roles.of(DAVE, groupText(HIKERS, DAVE), bot, permissions));
        Permissions byName = read("groups { \"Chess club\" { admins = [\"nick:Carol\"] } }");
        assertEquals(Role.ADMIN, Roles.of(CAROL, groupText(CHESS, CAROL), bot, byName), "by the group's name");
    }

    @Test
    void aHandlerNeedingAdminIsDeniedToAMemberAndRunsForAnAdminWhoseContextKnowsTheRole() throws Exception {
        List<Role> seen = new CopyOnWriteArrayList<>();
        chain = chainOf(Permissions.NONE, link("admin-only", Phase.MAIN, Role.ADMIN, (event, context) -> {
            seen.add(context.roleOf(((TextMessage) event).sender()));
            return Outcome.CONTINUE;
        }));
        chain.permissions(account -> read("admins = [\"wxid:wxid_bob\"]"));

        DispatchTrace denied = chain.dispatch(text(ALICE), bot).get(5, TimeUnit.SECONDS);
        assertEquals(DispatchTrace.Result.DENIED, denied.steps().getFirst().result());
        assertEquals("the sender is member; the handler needs admin", denied.steps().getFirst().detail());
        DispatchTrace allowed = chain.dispatch(text(BOB), bot).get(5, TimeUnit.SECONDS);
        assertEquals(DispatchTrace.Result.CONTINUED, allowed.steps().getFirst().result());
        assertEquals(List.of(Role.ADMIN), seen);
    }

    @Test
    void aBlockedSendersMessageReachesMonitorsOnly() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        chain = chainOf(read("blocked = [\"wxid:wxid_alice\"]"),
                link("guard", Phase.GUARD, Role.ANYONE, recording(ran, "guard")),
                link("main", Phase.MAIN, Role.ANYONE, recording(ran, "main")),
                link("fallback", Phase.FALLBACK, Role.ANYONE, recording(ran, "fallback")),
                link("monitor", Phase.MONITOR, Role.ANYONE, recording(ran, "monitor")));

        DispatchTrace trace = chain.dispatch(text(ALICE), bot).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("monitor"), ran);
        assertEquals(List.of(DispatchTrace.Result.DENIED, DispatchTrace.Result.DENIED, DispatchTrace.Result.DENIED,
                DispatchTrace.Result.CONTINUED), trace.steps().stream().map(DispatchTrace.Step::result).toList());
        chain.dispatch(text(BOB), bot).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("monitor", "guard", "main", "fallback", "monitor"), ran);
    }

    @Test
    void theOperatorsRoleOverridesWhatTheHandlerDeclares() throws Exception {
        PluginPolicy policy = PluginPolicy.read(new ConfigPluginSettings(
                ConfigFactory.parseString("role = Owner"), "plugins.strict"));
        assertEquals(Optional.of(Role.OWNER), policy.role());
        InvalidSettingsException blocked = assertThrows(InvalidSettingsException.class, () -> PluginPolicy.read(
                new ConfigPluginSettings(ConfigFactory.parseString("role = blocked"), "plugins.strict")));
        assertTrue(blocked.getMessage().contains("plugins.strict.role"), blocked.getMessage());

        List<String> ran = new CopyOnWriteArrayList<>();
        MessageHandler open = recording(ran, "strict");
        chain = new PluginChain(ChainSettings.defaults(), (id, reason) -> { });
        chain.install(List.of(new PluginChain.Link(new RegisteredHandler("strict", open, Phase.MAIN, 0),
                ChatScope.EVERYWHERE, Optional.empty(), "", java.util.Set.of(), policy.role())));
        chain.permissions(account -> read("admins = [\"wxid:wxid_bob\"]"));
        DispatchTrace trace = chain.dispatch(text(BOB), bot).get(5, TimeUnit.SECONDS);
        assertEquals(DispatchTrace.Result.DENIED, trace.steps().getFirst().result());
        assertEquals(List.of(), ran);
    }

    @Test
    void aChatScopeNamesChatsByIdentity() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        chain = new PluginChain(ChainSettings.defaults(), (id, reason) -> { });
        chain.install(List.of(new PluginChain.Link(new RegisteredHandler("hikers", recording(ran, "hikers"),
                Phase.MAIN, 0), new ChatScope(List.of("wxid:111@chatroom", "wxid:wxid_bob"), List.of()),
                Optional.empty(), "")));
        chain.dispatch(groupText(HIKERS, CAROL), bot).get(5, TimeUnit.SECONDS);
        chain.dispatch(groupText(CHESS, CAROL), bot).get(5, TimeUnit.SECONDS);
        chain.dispatch(text(BOB), bot).get(5, TimeUnit.SECONDS);
        chain.dispatch(text(ALICE), bot).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("hikers", "hikers"), ran);
    }

    private static Permissions read(String hocon) {
        return Permissions.read(new ConfigPluginSettings(ConfigFactory.parseString(hocon), "webwx-bot.permissions"));
    }

    private static MessageHandler recording(List<String> ran, String name) {
        return (event, context) -> {
            ran.add(name);
            return Outcome.CONTINUE;
        };
    }

    private static PluginChain.Link link(String id, Phase phase, Role role, MessageHandler handler) {
        MessageHandler declaring = new MessageHandler() {
            @Override
            public Outcome handle(BotEvent event, dev.webwxbot.api.HandlerContext context) throws Exception {
                return handler.handle(event, context);
            }

            @Override
            public Phase phase() {
                return phase;
            }

            @Override
            public Role requiredRole() {
                return role;
            }
        };
        return PluginChain.Link.active(new RegisteredHandler(id, declaring, phase, 0));
    }

    private static PluginChain chainOf(Permissions permissions, PluginChain.Link... links) {
        PluginChain chain = new PluginChain(ChainSettings.defaults(), (id, reason) -> { });
        chain.install(List.of(links));
        chain.permissions(account -> permissions);
        return chain;
    }

    private static Contact person(String userName, String nickName, String remarkName, ContactKind kind) {
        return new Contact(userName, nickName, remarkName, "", kind, "");
    }

    private static TextMessage text(Contact from) {
        return new TextMessage(new Envelope("1", from, from, Instant.EPOCH, false, false), "hi");
    }

    private static TextMessage groupText(Contact group, Contact from) {
        return new TextMessage(new Envelope("1", group, from, Instant.EPOCH, false, false), "hi");
    }

    /** Alice, Bob and Carol have wxids; Hikers holds Carol, Chess club Dave, whom it names its owner. */
    private static final class IdentityBot extends RecordingBot {

        IdentityBot(List<String> sent) {
            super(sent);
        }

        @Override
        public Contacts contacts() {
            Map<String, String> wxids = Map.of("@alice", "wxid_alice", "@bob", "wxid_bob", "@carol", "wxid_carol",
                    "@@hikers", "111@chatroom", "@@chess", "222@chatroom");
            Map<String, List<Contact>> members = Map.of("@@hikers", List.of(CAROL), "@@chess", List.of(DAVE));
            return new Contacts() {
                public Optional<Contact> byUserName(String userName) {
                    return Optional.empty();
                }

                public List<Contact> find(String name) {
                    return List.of();
                }

                public List<Contact> all() {
                    return new ArrayList<>();
                }

                public List<Contact> members(Contact group) {
                    return members.getOrDefault(group.userName(), List.of());
                }

                @Override
                public Optional<Identity> identity(Contact contact) {
                    String wxid = wxids.get(contact.userName());
                    return wxid != null ? Optional.of(new Identity(Identity.Kind.WXID, wxid))
                            : Contacts.super.identity(contact);
                }

                @Override
                public Optional<Contact> groupOwner(Contact group) {
                    return group.userName().equals("@@chess") ? Optional.of(DAVE) : Optional.empty();
                }
            };
        }
    }
}
