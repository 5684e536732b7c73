package dev.webwxbot.plugins.autoreply;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.AccountOperations;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.PluginSettings;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.core.chain.ConfigPluginSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Contacts, messages, settings, a settable clock and a context that records replies, for the unit tests of the
 * rules' logic; what people in chats see is tested with the plugin test kit (AutoReplyInChatsTest).
 */
final class Fixtures {

    static final String PREFIX = "plugins.auto-reply";
    static final Contact ME = new Contact("@me", "Bot", "", "", ContactKind.SELF, "");
    static final Contact ALICE = new Contact("@alice", "Alice", "", "alice_wx", ContactKind.FRIEND, "");
    static final Contact BOB = new Contact("@bob", "Bob", "Bobby", "", ContactKind.FRIEND, "");
    static final Contact FAMILY = new Contact("@@family", "Family", "", "", ContactKind.GROUP, "");
    static final Contact CAROL_IN_GROUP = new Contact("@carol", "Carol", "", "", ContactKind.STRANGER, "Aunt Carol");
    static final Contact NEWS = new Contact("@news", "Daily News", "", "", ContactKind.OFFICIAL, "");
    /** 2024-05-06 is a Monday. */
    static final Instant MONDAY_NOON_UTC = Instant.parse("2024-05-06T12:00:00Z");

    private static final AtomicLong MSG_IDS = new AtomicLong(1000);

    private Fixtures() {
    }

    /** The plugin block as written by the operator, without the reference.conf defaults. */
    static PluginSettings settings(String block) {
        return ConfigPluginSettings.parse(block, PREFIX);
    }

    /** The plugin block merged over the plugin's own reference.conf, as the host does it. */
    static PluginSettings withReference(String block) {
        Config reference = ConfigFactory.parseResources(Fixtures.class.getClassLoader(), "reference.conf");
        Config merged = ConfigFactory.parseString(block).withFallback(reference.getConfig(PREFIX)).resolve();
        return new ConfigPluginSettings(merged, PREFIX);
    }

    static TextMessage fromFriend(Contact friend, String text) {
        return new TextMessage(envelope(friend, friend, false, false), text);
    }

    static TextMessage inGroup(Contact group, Contact member, String text, boolean mentionsMe) {
        return new TextMessage(envelope(group, member, false, mentionsMe), text);
    }

    static Envelope envelope(Contact chat, Contact sender, boolean fromSelf, boolean mentionsMe) {
        return new Envelope(Long.toString(MSG_IDS.incrementAndGet()), chat, sender, Instant.EPOCH, fromSelf,
                mentionsMe);
    }

    static AutoReplyHandler handler(String block, SettableClock clock) {
        AutoReplyHandler handler = new AutoReplyHandler(clock, RandomGenerator.getDefault());
        handler.configure(settings(block));
        return handler;
    }

    /** A clock the test moves by hand. */
    static final class SettableClock extends Clock {
        private Instant now;

        SettableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Records what a handler replied; can be told to refuse sends, as a server would. */
    static class RecordingContext implements HandlerContext {
        final List<Outgoing> replies = new ArrayList<>();
        /** What the handler last told the trace; empty when nothing. */
        String explained = "";
        SendReceipt answer = new SendReceipt.Sent("1", "2", "@chat");
        RuntimeException thrown;

        @Override
        public Bot bot() {
            return new SelfOnlyBot();
        }

        @Override
        public SendReceipt reply(Outgoing message) {
            replies.add(message);
            if (thrown != null) throw thrown;
            return answer;
        }

        @Override
        public String pluginId() {
            return "auto-reply";
        }

        @Override
        public void explain(String why) {
            explained = why;
        }

        @Override
        public dev.webwxbot.api.Role roleOf(dev.webwxbot.api.Contact person) {
            return dev.webwxbot.api.Role.ANYONE;
        }

        /** The texts replied, in order; fails on a non-text reply. */
        List<String> texts() {
            return replies.stream().map(reply -> ((Outgoing.Text) reply).text()).toList();
        }
    }

    /** A bot whose only ability the plugin uses is knowing who it is (to strip mentions of itself). */
    private static final class SelfOnlyBot implements Bot {
        @Override
        public Contact self() {
            return ME;
        }

        @Override
        public Contacts contacts() {
            throw new UnsupportedOperationException("not used by auto-reply");
        }

        @Override
        public SendReceipt send(Contact chat, Outgoing message) {
            throw new UnsupportedOperationException("auto-reply answers through the context");
        }

        @Override
        public Result<Void> revoke(SendReceipt.Sent receipt) {
            throw new UnsupportedOperationException("not used by auto-reply");
        }

        @Override
        public Result<Path> download(MessageEvent event, Path directory) {
            throw new UnsupportedOperationException("not used by auto-reply");
        }

        @Override
        public Result<Path> downloadThumbnail(MessageEvent event, Path directory) {
            throw new UnsupportedOperationException("not used by auto-reply");
        }

        @Override
        public Result<Path> downloadHeadImage(Contact contact, Path directory) {
            throw new UnsupportedOperationException("not used by auto-reply");
        }

        @Override
        public AccountOperations account() {
            throw new UnsupportedOperationException("not used by auto-reply");
        }
    }
}
