package dev.webwxbot.testkit;

import dev.webwxbot.emulator.SentMessage;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One message the bot sent to a chat while handling what someone said there, as the (emulated) server received
 * it. The {@code has…} and {@code mentions} methods assert and return the reply, so they chain:
 *
 * <pre>{@code
 * bot.group("Hikers", "Alice", "Bob").member("Bob").saysMentioningBot("hello")
 *    .expectReply().hasText("hi Bob").mentions("Bob");
 * }</pre>
 *
 * A failed assertion throws an {@link AssertionError} that says in plain words what was expected and what the bot
 * did. Immutable and thread-safe.
 */
public final class Reply {

    private static final Pattern AT_USERS = Pattern.compile("<atusername>([^<]*)</atusername>");
    private static final Pattern LEADING_MENTION = Pattern.compile("^@([^@\u2005]+)\u2005");

    private final String whom;
    private final SentMessage sent;
    private final List<String> mentioned;
    private final String text;
    private final Supplier<String> answeredBy;

    /**
     * @param whom who was answered, for messages: {@code Alice}, {@code Bob in Hikers}
     * @param members the chat's members by their user name in this session, to name whom it mentions
     * @param answeredBy the {@code plugin/Handler} that sent it, worked out from the trace when asked
     */
    Reply(String whom, SentMessage sent, Map<String, String> members, Supplier<String> answeredBy) {
        this.whom = whom;
        this.sent = sent;
        this.answeredBy = answeredBy;
        List<String> names = new ArrayList<>();
        Matcher atUsers = AT_USERS.matcher(sent.msgSource());
        boolean listed = atUsers.find();
        if (listed) {
            for (String userName : atUsers.group(1).split(",")) {
                if (!userName.isBlank()) names.add(members.getOrDefault(userName.strip(), userName.strip()));
            }
        }
        // What the bot put in front for its mentions ("@Bob" + U+2005, PROTOCOL.md 5.2) is not the plugin's text.
        // In a group the mention list says who is meant (by the name others see there, which may be a group
        // nickname, in front); elsewhere the names in front are all there is.
        String rest = sent.kind() == SentMessage.Kind.TEXT ? sent.content() : "";
        int listedCount = names.size();
        for (Matcher lead = LEADING_MENTION.matcher(rest); lead.find(); lead = LEADING_MENTION.matcher(rest)) {
            if (listed && listedCount-- == 0) break;
            if (!listed) names.add(lead.group(1));
            rest = rest.substring(lead.end());
        }
        this.mentioned = List.copyOf(names);
        this.text = rest;
    }

    /** What sort of message it is. */
    public ReplyKind kind() {
        return ReplyKind.of(sent.kind());
    }

    /** The text as the plugin wrote it, without the {@code @name} the bot put in front for a mention; "" for media. */
    public String text() {
        return text;
    }

    /** The names of the people it @-mentions, in order. */
    public List<String> mentioned() {
        return mentioned;
    }

    /** The file name of an image, video or file; "" for a text. */
    public String fileName() {
        return sent.media().fileName();
    }

    /** Which handler sent it, as {@code plugin/Handler} (e.g. {@code echo/EchoHandler}). */
    public String answeredBy() {
        return answeredBy.get();
    }

    /** The message exactly as the emulated server received it, for what the kit has no assertion for. */
    public SentMessage sentMessage() {
        return sent;
    }

    /** Asserts the answer is a text, exactly {@code expected} (mentions the bot put in front aside). */
    public Reply hasText(String expected) {
        Objects.requireNonNull(expected, "expected");
        if (kind() != ReplyKind.TEXT || !text.equals(expected)) {
            throw new AssertionError("expected the bot to answer " + whom + " with " + Words.quote(expected)
                    + ", but it answered " + describe());
        }
        return this;
    }

    /** Asserts the answer is a text containing {@code part}. */
    public Reply hasTextContaining(String part) {
        Objects.requireNonNull(part, "part");
        if (kind() != ReplyKind.TEXT || !text.contains(part)) {
            throw new AssertionError("expected the bot to answer " + whom + " with a text containing "
                    + Words.quote(part) + ", but it answered " + describe());
        }
        return this;
    }

    /** Asserts what sort of message the answer is. */
    public Reply hasKind(ReplyKind expected) {
        if (kind() != expected) {
            throw new AssertionError("expected the bot to answer " + whom + " with " + expected.words()
                    + ", but it answered " + describe());
        }
        return this;
    }

    /** Asserts the answer @-mentions each of these people (others may be mentioned too). */
    public Reply mentions(String... names) {
        List<String> missing = Arrays.stream(names).filter(name -> !mentioned.contains(name)).toList();
        if (!missing.isEmpty()) {
            throw new AssertionError("expected the bot's answer to " + whom + " to mention "
                    + String.join(" and ", names) + ", but it mentioned "
                    + (mentioned.isEmpty() ? "nobody" : String.join(" and ", mentioned)) + ": " + describe());
        }
        return this;
    }

    /** Asserts the answer is an image, video or file named {@code expected}. */
    public Reply hasFileName(String expected) {
        if (kind() == ReplyKind.TEXT || !fileName().equals(expected)) {
            throw new AssertionError("expected the bot to answer " + whom + " with a file named "
                    + Words.quote(expected) + ", but it answered " + describe());
        }
        return this;
    }

    /** Asserts the answer's image, video or file has exactly these bytes (compared by size and MD5). */
    public Reply hasBytes(byte[] expected) {
        String md5 = md5(expected);
        SentMessage.Media media = sent.media();
        if (kind() == ReplyKind.TEXT || media.size() != expected.length || !media.md5().equalsIgnoreCase(md5)) {
            throw new AssertionError("expected the bot to answer " + whom + " with a file of " + expected.length
                    + " bytes (MD5 " + md5 + "), but it answered " + describe()
                    + (kind() == ReplyKind.TEXT ? "" : " of " + media.size() + " bytes (MD5 " + media.md5() + ")"));
        }
        return this;
    }

    /** The answer in words: {@code "pong"}, {@code an image (menu.png)}. */
    String describe() {
        return switch (kind()) {
            case TEXT -> Words.quote(text) + (mentioned.isEmpty() ? "" : " mentioning " + String.join(" and ", mentioned));
            case FILE -> "a file " + Words.quote(fileName());
            case EMOJI -> "a sticker";
            default -> kind().words() + (fileName().isEmpty() ? "" : " (" + fileName() + ")");
        };
    }

    @Override
    public String toString() {
        return describe() + " to " + whom;
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }
}
