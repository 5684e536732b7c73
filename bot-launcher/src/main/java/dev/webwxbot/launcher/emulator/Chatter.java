package dev.webwxbot.launcher.emulator;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.ContactKind;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.MessageBody;
import dev.webwxbot.safeoutput.TerminalText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * {@code --chatter RATE}: friends and group members of the online accounts write at {@code RATE} messages per
 * second, picked by a seeded random stream (same seed, same world, same picks), through the emulator's public API
 * ({@link Contact#send}, {@link Contact#sendIn}). Texts only, or with {@code everyKind} every kind
 * {@link MessageBody} has a factory for. Accounts without a live web session are skipped, so a client that logs in
 * later is not flooded with a backlog. Runs on one virtual thread; thread-safe; {@link #close()} stops it.
 */
public final class Chatter implements AutoCloseable {

    private static final List<String> PHRASES = List.of("hello", "how are you?", "lunch today?", "see you at 8",
            "did you get my file?", "haha 😄", "on my way", "good night", "who's coming on Saturday?", "ok 👍");
    private static final int KINDS = 16;

    private final Emulator emulator;
    private final long periodNanos;
    private final SplittableRandom random;
    private final boolean everyKind;
    private final SentLog log;
    private final Consumer<String> out;
    private final Thread thread;
    private volatile boolean stopped;
    private long count;

    private Chatter(Emulator emulator, double perSecond, long seed, boolean everyKind, SentLog log, Consumer<String> out) {
        this.emulator = emulator;
        this.periodNanos = Math.max(1, (long) (1_000_000_000L / perSecond));
        this.random = new SplittableRandom(seed);
        this.everyKind = everyKind;
        this.log = log;
        this.out = out;
        this.thread = Thread.ofVirtual().name("emulator-chatter").unstarted(this::loop);
    }

    /**
     * Starts writing at {@code perSecond} (more than 0, at most 1000) messages per second.
     *
     * @param log where each message's writer is noted, so the console can revoke it
     * @param out where problems are reported (lines already sanitised)
     */
    public static Chatter start(Emulator emulator, double perSecond, long seed, boolean everyKind, SentLog log,
                                Consumer<String> out) {
        if (!(perSecond > 0 && perSecond <= 1000)) {
            throw new IllegalArgumentException("--chatter takes a rate above 0 and at most 1000 messages per second");
        }
        Chatter chatter = new Chatter(emulator, perSecond, seed, everyKind, log, out);
        chatter.thread.start();
        return chatter;
    }

    private void loop() {
        long next = System.nanoTime();
        while (!stopped) {
            next += periodNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            if (stopped) return;
            try {
                tick();
            } catch (RuntimeException e) {
                // The emulator refused (e.g. it is closing): say so and go on with the next message.
                if (!stopped) out.accept("[chatter] not sent: " + TerminalText.clean(String.valueOf(e.getMessage())));
            }
        }
    }

    /** One message from a random writer of a random online account. */
    void tick() {
        List<Account> online = emulator.accounts().stream().filter(Account::isOnline).toList();
        if (online.isEmpty()) return;
        Account account = online.get(random.nextInt(online.size()));
        List<Contact> chats = new ArrayList<>();
        for (Contact contact : account.contacts()) {
            if (contact.kind() == ContactKind.FRIEND
                    || (contact.kind() == ContactKind.GROUP && !contact.members().isEmpty())) {
                chats.add(contact);
            }
        }
        if (chats.isEmpty()) return;
        Contact chat = chats.get(random.nextInt(chats.size()));
        count++;
        if (chat.kind() == ContactKind.GROUP) {
            List<Contact> members = chat.members();
            Contact member = members.get(random.nextInt(members.size()));
            MessageBody body = body(account, chat, true);
            log.add(member, Optional.of(chat), member.sendIn(chat, body));
        } else {
            log.add(chat, Optional.empty(), chat.send(body(account, chat, false)));
        }
    }

    private MessageBody body(Account account, Contact chat, boolean inGroup) {
        String text = PHRASES.get(random.nextInt(PHRASES.size())) + " #" + count;
        if (!everyKind) return MessageBody.text(text);
        return switch (random.nextInt(KINDS)) {
            case 0 -> MessageBody.text(text);
            case 1 -> inGroup ? MessageBody.mention(text, account.nickName()) : MessageBody.text(text);
            case 2 -> MessageBody.image(SampleMedia.jpeg(count));
            case 3 -> MessageBody.voice(SampleMedia.mp3(), 1000 + random.nextInt(5000));
            case 4 -> MessageBody.video(SampleMedia.mp4(), 1 + random.nextInt(30));
            case 5 -> MessageBody.file("notes-" + count + ".txt", ("notes " + count + "\n").getBytes());
            case 6 -> MessageBody.card(cardSubject(account, chat));
            case 7 -> MessageBody.emoticon(SampleMedia.gif(count), 64, 64);
            case 8 -> MessageBody.location("Coffee corner #" + count, 39.9 + random.nextDouble() / 10,
                    116.3 + random.nextDouble() / 10);
            case 9 -> MessageBody.link("Article #" + count, "worth a read", "https://example.com/a/" + count);
            case 10 -> MessageBody.music("Song #" + count, "an artist", "https://example.com/song/" + count,
                    "https://example.com/song/" + count + ".mp3");
            case 11 -> MessageBody.miniProgram("Mini program #" + count, "wx" + Long.toHexString(count + 0x1000_0000L),
                    "gh_0123456789ab@app", "pages/index/index");
            case 12 -> log.last().map(last -> MessageBody.quote(text, last.msgId(), last.writer().nickName(), "…"))
                    .orElse(MessageBody.text(text));
            case 13 -> MessageBody.transfer("￥" + (1 + random.nextInt(100)) + ".00", "for lunch");
            case 14 -> MessageBody.systemNotice("a system notice #" + count);
            default -> MessageBody.redPacketNotice();
        };
    }

    private Contact cardSubject(Account account, Contact chat) {
        List<Contact> friends = account.contacts().stream()
                .filter(c -> c.kind() == ContactKind.FRIEND && !c.equals(chat)).toList();
        return friends.isEmpty() ? account.fileHelper() : friends.get(random.nextInt(friends.size()));
    }

    @Override
    public void close() {
        stopped = true;
        LockSupport.unpark(thread);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
