package dev.webwxbot.testkit;

import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.core.chain.DispatchTrace;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The plain words of the kit's failure messages: what was sent, and why the bot stayed silent. Stateless. */
final class Words {

    private static final int LONGEST_QUOTE = 200;

    private Words() {
    }

    /** {@code "text"}, shortened when long. */
    static String quote(String text) {
        String shown = text.length() <= LONGEST_QUOTE ? text : text.substring(0, LONGEST_QUOTE) + "…";
        return '"' + shown + '"';
    }

    /** A message the plugin handed to the bot, as a person would name it: {@code "pong"}, {@code an image (a.png)}. */
    static String outgoing(Outgoing message) {
        return switch (message) {
            case Outgoing.Text text -> quote(text.text());
            case Outgoing.Quote reply -> quote(reply.text()) + " quoting " + quote(reply.quotedText());
            case Outgoing.Image image -> "an image (" + image.file().getFileName() + ")";
            case Outgoing.Video video -> "a video (" + video.file().getFileName() + ")";
            case Outgoing.File file -> "a file " + quote(String.valueOf(file.file().getFileName()));
            case Outgoing.Emoticon emoticon -> "a sticker (" + emoticon.file().getFileName() + ")";
            case Outgoing.StoredEmoticon stored -> "a sticker";
            case Outgoing.Forward forward -> "a forward of message " + forward.original().msgId() + " ("
                    + forward.original().getClass().getSimpleName() + ")";
        };
    }

    /** A send and, when it failed, why. */
    static String send(Handling.Send send) {
        String what = outgoing(send.message());
        if (send.error().isPresent()) return what + " (the send threw " + send.error().get() + ")";
        if (send.receipt().orElseThrow() instanceof SendReceipt.Failed failed) {
            return what + " (refused: " + failed.reason() + (failed.detail().isEmpty() ? "" : ", " + failed.detail()) + ")";
        }
        return what;
    }

    /** Several sends: {@code "one", an image (a.png)}. */
    static String sends(List<Handling.Send> sends) {
        return String.join(", ", sends.stream().map(Words::send).toList());
    }

    /**
     * Why the chain produced no answer, from its trace: {@code the chain ended at plugin echo (EchoHandler: STOP)},
     * {@code PingHandler let it pass (CONTINUE)}, {@code plugin ping's PingHandler threw …}.
     */
    static String whySilent(DispatchTrace trace) {
        if (trace.steps().isEmpty()) return "no handler is in the chain";
        List<String> reasons = new ArrayList<>();
        Set<String> disabled = new LinkedHashSet<>();
        for (DispatchTrace.Step step : trace.steps()) {
            String who = "plugin " + step.pluginId() + "'s " + step.handler();
            switch (step.result()) {
                case STOPPED -> reasons.add("the chain ended at plugin " + step.pluginId() + " (" + step.handler()
                        + ": STOP" + (step.replies() > 0 ? " after sending elsewhere" : "") + ")");
                case CONTINUED -> reasons.add(step.handler() + " let it pass (CONTINUE)");
                case FAILED -> reasons.add(who + " threw " + step.detail());
                case TIMED_OUT -> reasons.add(who + " " + step.detail());
                case SKIPPED_BY_SCOPE -> reasons.add(who + " does not hear this chat (its chats setting"
                        + (step.detail().isEmpty() ? "" : ": " + step.detail()) + ")");
                case DISABLED -> {
                    if (disabled.add(step.pluginId())) {
                        reasons.add("plugin " + step.pluginId() + " is disabled: " + step.detail());
                    }
                }
                case DENIED -> reasons.add(who + " was denied: " + step.detail());
                case PAUSED -> reasons.add(who + " skipped it: the chat is paused (" + step.detail() + ")");
                case SKIPPED_AFTER_STOP -> { }
                case AWAITING -> reasons.add("the chain ended at plugin " + step.pluginId() + " (" + step.handler()
                        + " waits for the sender's next message" + (step.replies() > 0 ? " after sending elsewhere" : "")
                        + ")");
                case TAKEN_BY_CONVERSATION -> reasons.add(who + "'s conversation took it (" + step.detail() + ")");
            }
        }
        return String.join("; ", reasons);
    }

    /** {@code 1 message}, {@code 3 messages}. */
    static String messages(int count) {
        return count + (count == 1 ? " message" : " messages");
    }
}
