package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Identity;
import dev.webwxbot.api.Role;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.core.EmulatorWorld;
import dev.webwxbot.core.IdentityTagging;
import dev.webwxbot.core.PhoneLogin;
import dev.webwxbot.core.Session;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.core.internal.identity.IdentityTag;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Identity tags against the emulator, whose status-notify list names only the 20 most recent chats: friends beyond
 * it have no permanent id. With tags on (three per login), the session writes a tag into three of those four
 * friends' remark names through webwxoplog once the first sync caught up, and none into a friend with a wxid. Their
 * identity is then {@code tag:…}, an operator's {@code tag:} entry gives them their role, and {@code remark:} still
 * names a friend whose remark got a tag. At a fresh login, with every session name new, the tags are read back from the
 * remark names and the fourth friend gets one.
 */
class IdentityTagsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int PER_LOGIN = 3;

    private EmulatorWorld world;
    private Account account;
    private final List<Contact> withWxid = new ArrayList<>();
    private List<Contact> withoutId;
    private Contact bob;
    private volatile Permissions permissions = Permissions.NONE;
    private CapturedLogs logs;
    private ch.qos.logback.classic.Logger taggerLog;

    @BeforeEach
    void world() {
        world = EmulatorWorld.start();
        account = world.account;
        // The file helper and 19 friends fill the emulator's 20 recent chats: these get a wxid at login.
        for (int i = 1; i <= 19; i++) withWxid.add(account.addFriend("Pal " + i));
        Contact alice = account.addFriend("Alice");
        bob = account.addFriend("Bob");
        bob.modify(null, "Boss");
        withoutId = List.of(alice, bob, account.addFriend("Carol"), account.addFriend("Dave"));
        // The tagger reports at INFO; tests log WARN and above, so its logger is opened here.
        taggerLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                "dev.webwxbot.core.internal.identity.IdentityTagger");
        taggerLog.setLevel(Level.INFO);
        logs = CapturedLogs.attach();
    }

    @AfterEach
    void stop() {
        world.close();
        logs.close();
        taggerLog.setLevel(null);
    }

    @Test
    void friendsWithoutAPermanentIdGetATagThatNamesThemAcrossLogins() throws Exception {
        TaggedLogin first = logIn();
        awaitReport("identity tags: wrote 3 (at most 3 per login); 1 friend(s) without a permanent id still untagged");
        List<Contact> tagged = withoutId.stream().filter(friend -> tagOf(friend).isPresent()).toList();
        assertEquals(PER_LOGIN, tagged.size(), "at most three per login: " + remarks());
        withWxid.forEach(pal -> assertEquals("", pal.remarkName(), pal.nickName() + " has a wxid: no tag"));
        for (Contact friend : tagged) {
            String expected = (friend == bob ? "Boss" : friend.nickName()) + " #" + tagOf(friend).orElseThrow();
            assertEquals(expected, friend.remarkName(), "the name stays readable on the phone");
            Await.until(() -> identity(first, friend).equals(Optional.of(new Identity(Identity.Kind.TAG,
                    tagOf(friend).orElseThrow()))), () -> friend.nickName() + "'s identity is their tag");
        }
        Map<String, Optional<String>> firstTags = new java.util.HashMap<>();
        tagged.forEach(friend -> firstTags.put(friend.nickName(), tagOf(friend)));
        assertEquals(PER_LOGIN, firstTags.values().stream().distinct().count(), "every tag is another");

        // The operator names the first tagged friend by tag, and Bob by the remark name he had before.
        Contact byTag = tagged.stream().filter(friend -> friend != bob).findFirst().orElseThrow();
        String tag = tagOf(byTag).orElseThrow();
        permissions = new Permissions(List.of(), List.of(Identity.parse("tag:" + tag), Identity.parse("remark:Boss")),
                List.of(), Map.of());
        assertEquals(Role.ADMIN, roleAfterSaying(first, byTag));
        assertEquals(Role.ADMIN, roleAfterSaying(first, bob), "remark:Boss still names 'Boss #wb…'");

        String sessionNameBefore = byTag.userName();
        account.phone().logoutWeb();
        assertEquals(LoggedOut.Reason.LOGGED_OUT_ON_PHONE,
                first.session.ended().get(WAIT.toMillis(), TimeUnit.MILLISECONDS).reason());
        TaggedLogin second = logIn();
        assertNotEquals(sessionNameBefore, byTag.userName(), "a fresh login names everyone anew");
        awaitReport("identity tags: wrote 1 (at most 3 per login); 0 friend(s) without a permanent id still untagged");
        assertEquals(Optional.of(new Identity(Identity.Kind.TAG, tag)), identity(second, byTag),
                "the tag is read back from the remark name");
        assertEquals(Role.ADMIN, roleAfterSaying(second, byTag));
        withoutId.forEach(friend -> assertTrue(tagOf(friend).isPresent(), "the fourth friend is tagged now: " + remarks()));
        tagged.forEach(friend -> assertEquals(firstTags.get(friend.nickName()), tagOf(friend),
                "the tags of the first login stay as they were"));
    }

    private TaggedLogin logIn() throws Exception {
        TaggedLogin login = new TaggedLogin(account, () -> permissions);
        login.session = world.logIn(SessionOptions.defaults().withIdentityTags(
                new IdentityTagging(IdentityTagging.Mode.WRITE, PER_LOGIN)), login);
        return login;
    }

    private void awaitReport(String line) {
        Await.until(() -> logs.at(Level.INFO).contains(line), () -> "the tagger reporting: " + line + "; it said "
                + logs.at(Level.INFO));
    }

    private Optional<String> tagOf(Contact friend) {
        return IdentityTag.of(friend.remarkName());
    }

    private String remarks() {
        return withoutId.stream().map(Contact::remarkName).toList().toString();
    }

    private static Optional<Identity> identity(TaggedLogin login, Contact friend) {
        Bot bot = login.session.bot();
        return bot.contacts().byUserName(friend.userName()).flatMap(known -> bot.contacts().identity(known));
    }

    /** The role {@code friend} has by the operator's permissions, as their next message shows it. */
    private Role roleAfterSaying(TaggedLogin login, Contact friend) throws Exception {
        friend.sendText("/whoami");
        return Await.value(() -> login.roles.stream()
                .filter(seen -> seen.startsWith(friend.userName() + "="))
                .map(seen -> Role.valueOf(seen.substring(seen.indexOf('=') + 1))).findFirst(),
                friend.nickName() + "'s message through the chain", WAIT);
    }

    /** Notes the role each friend's text message gives its sender by the operator's permissions, as {@code userName=ROLE}. */
    private static final class TaggedLogin extends PhoneLogin {
        final Supplier<Permissions> permissions;
        final List<String> roles = new CopyOnWriteArrayList<>();
        volatile Session session;

        TaggedLogin(Account account, Supplier<Permissions> permissions) {
            super(account);
            this.permissions = permissions;
        }

        @Override
        public CompletionStage<?> onMessage(MessageEvent message, Bot bot) {
            if (!(message instanceof TextMessage) || message.envelope().fromSelf()) {
                return CompletableFuture.completedFuture(null);
            }
            roles.add(message.sender().userName() + "=" + Roles.of(message.sender(), message, bot, permissions.get()));
            return CompletableFuture.completedFuture(null);
        }
    }
}
