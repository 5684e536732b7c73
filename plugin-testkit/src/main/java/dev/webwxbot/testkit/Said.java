package dev.webwxbot.testkit;

import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.core.chain.DispatchTrace;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.SentMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Something a friend or group member said to the bot, and what the bot did about it. Every expectation looks only
 * at what the bot did while handling this very message (its replies are told apart from the replies to earlier
 * messages by the message's id), waiting at most the kit's reply timeout:
 *
 * <pre>{@code
 * bot.friend("Alice").says("ping").expectReply().hasText("pong Alice");
 * bot.friend("Alice").says("hello?").expectNoReply();          // returns as soon as the chain is done with it
 * bot.friend("Alice").says("hello?").expectTrace("PingHandler", DispatchTrace.Result.CONTINUED);
 * }</pre>
 *
 * A failed expectation throws an {@link AssertionError} saying in plain words what was expected and what the bot
 * did, with the chain's reason when it stayed silent. Thread-safe.
 */
public final class Said {

    private final KitWorld world;
    private final String msgId;
    private final Contact chat;
    private final String chatUserName;
    private final String whom;
    private final String whose;

    /**
     * @param whom who said it, as the answer goes to them: {@code Alice}, {@code Bob in Hikers}
     * @param whose what was said by whom: {@code Alice's "ping"}, {@code Bob's image in Hikers}
     */
    Said(KitWorld world, String msgId, Contact chat, String whom, String whose) {
        this(world, msgId, chat, chat.userName(), whom, whose);
    }

    /**
     * For a contact or group event ({@link Happening}): {@code key} is the key its handling is kept under, and
     * {@code chatUserName} the event's chat as the session knew it before the change (a deleted friend's).
     */
    Said(KitWorld world, String key, Contact chat, String chatUserName, String whom, String whose) {
        this.world = world;
        this.msgId = Objects.requireNonNull(key, "key");
        this.chat = chat;
        this.chatUserName = chatUserName;
        this.whom = whom;
        this.whose = whose;
    }

    /** The message's id on the server, as the plugin sees it in {@code envelope().msgId()}. */
    public String msgId() {
        return msgId;
    }

    /**
     * Waits for the bot's first answer in this chat to this message, and returns it.
     *
     * @throws AssertionError when the chain finished with it without answering here (saying why), or nothing came
     *     within the timeout, or the server refused the answer
     */
    public Reply expectReply() {
        Handling.State state = world.handling(msgId).await(s -> s.event().isPresent()
                && (!s.sendsTo(chatUserName).isEmpty() || s.finished()), world.timeout());
        String expected = "expected the bot to answer " + whose;
        List<Handling.Send> mine = received(state, expected).sendsTo(chatUserName);
        if (mine.isEmpty()) {
            if (!state.finished()) throw stillHandling(expected);
            throw new AssertionError(expected + ", but it did not answer: " + why(state));
        }
        return reply(mine.getFirst(), expected);
    }

    /**
     * Waits until the chain is done with this message and returns the bot's answers in this chat, asserting there
     * were exactly {@code count}.
     */
    public List<Reply> expectReplies(int count) {
        String expected = "expected the bot to answer " + whose + " with " + Words.messages(count);
        Handling.State state = finished(expected);
        List<Handling.Send> mine = state.sendsTo(chatUserName);
        if (mine.size() != count) {
            throw new AssertionError(expected + ", but it sent " + mine.size()
                    + (mine.isEmpty() ? ": " + why(state) : ": " + Words.sends(mine)));
        }
        return replies(mine, expected);
    }

    /** Waits until the chain is done with this message and returns every answer the bot sent in this chat. */
    public List<Reply> replies() {
        String expected = "expected the bot to handle " + whose;
        return replies(finished(expected).sendsTo(chatUserName), expected);
    }

    /**
     * Asserts the bot did not answer this message in this chat: waits until the chain is done with this very
     * message (no fixed sleep, so it returns as soon as the last handler returned), then checks that nothing was
     * sent here while handling it.
     */
    public Said expectNoReply() {
        String expected = "expected the bot to stay silent after " + whose;
        List<Handling.Send> mine = finished(expected).sendsTo(chatUserName);
        if (!mine.isEmpty()) {
            List<Reply> answers = replies(mine, expected);
            throw new AssertionError(expected + ", but it answered " + String.join(", ",
                    answers.stream().map(answer -> answer.describe() + " (" + answer.answeredBy() + ")").toList()));
        }
        return this;
    }

    /** Waits until the chain is done with this message and returns its trace: which handler did what, and why. */
    public DispatchTrace trace() {
        return finished("expected the chain to handle " + whose).trace().orElseThrow();
    }

    /**
     * Asserts how a handler's turn on this message ended (or why it had none), e.g.
     * {@code expectTrace("PingHandler", DispatchTrace.Result.CONTINUED)}.
     *
     * @param handler the handler's simple class name, or the plugin id for a plugin with one handler
     */
    public Said expectTrace(String handler, DispatchTrace.Result result) {
        DispatchTrace trace = trace();
        List<DispatchTrace.Step> steps = trace.steps().stream()
                .filter(step -> step.handler().equals(handler) || step.pluginId().equals(handler)).toList();
        if (steps.size() != 1) {
            throw new AssertionError("expected one handler " + handler + " in the chain, but it has "
                    + String.join(", ", trace.steps().stream().map(s -> s.pluginId() + "/" + s.handler()).toList()));
        }
        DispatchTrace.Step step = steps.getFirst();
        if (step.result() != result) {
            throw new AssertionError("expected " + handler + "'s turn on " + whose + " to end " + result
                    + ", but it ended " + step.result() + (step.detail().isEmpty() ? "" : " (" + step.detail() + ")")
                    + "\n" + trace.describe());
        }
        return this;
    }

    @Override
    public String toString() {
        return whose;
    }

    private Handling.State received(Handling.State state, String expected) {
        if (state.event().isEmpty()) {
            throw new AssertionError(expected + ", but the bot never received it within "
                    + world.timeout().toMillis() + " ms");
        }
        return state;
    }

    /** The state once the chain finished with the message; fails when it did not within the timeout. */
    private Handling.State finished(String expected) {
        Handling.State state = world.handling(msgId).await(Handling.State::finished, world.timeout());
        received(state, expected);
        if (!state.finished()) throw stillHandling(expected);
        if (state.failure().isPresent()) {
            throw new AssertionError(expected + ", but handling it failed: " + state.failure().get(), state.failure().get());
        }
        return state;
    }

    private AssertionError stillHandling(String expected) {
        return new AssertionError(expected + ", but the chain was still handling it after "
                + world.timeout().toMillis() + " ms (raise replyTimeout(...) if the plugin is that slow)");
    }

    private String why(Handling.State state) {
        String why = state.failure().map(failure -> "handling it failed: " + failure)
                .orElseGet(() -> Words.whySilent(state.trace().orElseThrow()));
        List<Handling.Send> elsewhere = state.sends().stream()
                .filter(send -> !send.chat().userName().equals(chatUserName)).toList();
        if (!elsewhere.isEmpty()) {
            why += "; it sent " + String.join(", ", elsewhere.stream()
                    .map(send -> Words.send(send) + " to " + send.chat().displayName()).toList()) + " instead";
        }
        return why;
    }

    private List<Reply> replies(List<Handling.Send> mine, String expected) {
        return mine.stream().map(send -> reply(send, expected)).toList();
    }

    /** The answer as the server received it; fails when it never got there. */
    private Reply reply(Handling.Send send, String expected) {
        if (send.error().isPresent() || !(send.receipt().orElseThrow() instanceof SendReceipt.Sent sent)) {
            throw new AssertionError(expected + ", but its answer " + Words.send(send) + " did not get through");
        }
        SentMessage onServer = world.sentOnServer(sent.msgId()).orElseThrow(() -> new AssertionError(expected
                + ", but the server has no message " + sent.msgId() + " the bot says it sent"));
        return new Reply(whom, onServer, members(), () -> answeredBy(send));
    }

    /** The chat's members by their user name in this session, to name whom an answer mentions. */
    private Map<String, String> members() {
        Map<String, String> names = new HashMap<>();
        for (Contact member : chat.members()) {
            String userName = member.userName();
            if (userName != null) names.put(userName, member.nickName());
        }
        return names;
    }

    /**
     * Which handler made the send: handlers run one after another and the trace counts each one's sends, so the
     * n-th send of the message was made by the handler whose running count reaches n.
     */
    private String answeredBy(Handling.Send send) {
        Handling.State state = world.handling(msgId).await(Handling.State::finished, world.timeout());
        int index = state.sends().indexOf(send);
        if (state.trace().isEmpty() || index < 0) return "unknown handler";
        int counted = 0;
        for (DispatchTrace.Step step : state.trace().get().steps()) {
            counted += step.replies();
            if (counted > index) return step.pluginId() + "/" + step.handler();
        }
        return "unknown handler";
    }
}
