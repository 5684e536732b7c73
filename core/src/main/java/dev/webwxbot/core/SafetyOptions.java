package dev.webwxbot.core;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The session's safety behaviours for chats: human takeover (the owner writing from another device pauses the bot in
 * that chat), the reply-loop and storm breaker, and the account's send ceiling. Immutable. {@link #off()} is what
 * {@link SessionOptions#defaults()} holds (a library session behaves as before); {@link #defaults()} is what the
 * daemon runs with unless its {@code webwx-bot.safety} block says otherwise.
 *
 * @param takeover human takeover and the owner's pause and resume commands
 * @param loops the reply-loop breaker, the per-chat send ceiling and the account's send ceiling
 * @param clock what every pause, window and cooldown is measured by (a test's fake clock)
 */
public record SafetyOptions(Takeover takeover, Loops loops, Clock clock) {

    public SafetyOptions {
        Objects.requireNonNull(takeover, "takeover");
        Objects.requireNonNull(loops, "loops");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * Human takeover.
     *
     * @param enabled whether a message the owner wrote in a chat from another device pauses the bot there
     * @param pause how long such a pause lasts; each further message of the owner there starts it again
     * @param commands whether the owner's pause and resume commands are obeyed
     * @param commandChat the chat the commands are written in, by user name ({@code filehelper}, the file helper);
     *     the owner's messages there never pause it
     * @param pauseCommand the word that starts a pause command ({@code #pause Alice})
     * @param resumeCommand the word that starts a resume command ({@code #resume Alice})
     */
    public record Takeover(boolean enabled, Duration pause, boolean commands, String commandChat, String pauseCommand,
                           String resumeCommand) {
        public Takeover {
            positive(pause, "takeover pause");
            Objects.requireNonNull(commandChat, "commandChat");
            pauseCommand = pauseCommand == null ? "" : pauseCommand;
            resumeCommand = resumeCommand == null ? "" : resumeCommand;
            if (commands && (blank(pauseCommand) || blank(resumeCommand))) {
                throw new IllegalArgumentException("the pause and resume commands must not be empty");
            }
            if (commands && pauseCommand.strip().equals(resumeCommand.strip())) {
                throw new IllegalArgumentException("the pause and resume commands must differ");
            }
            pauseCommand = pauseCommand.strip();
            resumeCommand = resumeCommand.strip();
        }

        public static Takeover defaults() {
            return new Takeover(true, Duration.ofMinutes(10), true, "filehelper", "#pause", "#resume");
        }

        public static Takeover off() {
            return new Takeover(false, Duration.ofMinutes(10), false, "filehelper", "#pause", "#resume");
        }
    }

    /**
     * The reply-loop and storm breaker, and the account's ceiling.
     *
     * @param enabled whether the loop breaker and the per-chat ceiling act (the account's ceiling has its own
     *     switch: {@code accountCeiling} 0)
     * @param exchanges how many of the other side's answers to the bot, each faster than {@code fastAnswer} or
     *     nearly the same text as what the bot sent, make a loop
     * @param window within how long those answers must come
     * @param fastAnswer an answer to the bot's send quicker than this is no person's
     * @param cooldown how long a chat stays paused after a loop or its ceiling
     * @param chatCeiling how many sends to one chat {@code chatCeilingWindow} may hold; 0 for no limit
     * @param chatCeilingWindow the window of the per-chat ceiling
     * @param accountCeiling how many sends of the whole account {@code accountCeilingWindow} may hold; 0 for no
     *     limit. Further sends are refused until the window has room.
     * @param accountCeilingWindow the window of the account's ceiling
     */
    public record Loops(boolean enabled, int exchanges, Duration window, Duration fastAnswer, Duration cooldown,
                        int chatCeiling, Duration chatCeilingWindow, int accountCeiling,
                        Duration accountCeilingWindow) {
        public Loops {
            if (exchanges < 2) throw new IllegalArgumentException("loop exchanges must be at least 2");
            positive(window, "loop window");
            Objects.requireNonNull(fastAnswer, "fastAnswer");
            if (fastAnswer.isNegative()) throw new IllegalArgumentException("fast-answer must not be negative");
            positive(cooldown, "loop cooldown");
            if (chatCeiling < 0) throw new IllegalArgumentException("chat-ceiling must not be negative");
            positive(chatCeilingWindow, "chat-ceiling window");
            if (accountCeiling < 0) throw new IllegalArgumentException("account-ceiling must not be negative");
            positive(accountCeilingWindow, "account-ceiling window");
        }

        public static Loops defaults() {
            return new Loops(true, 8, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(5), 20,
                    Duration.ofMinutes(1), 300, Duration.ofMinutes(10));
        }

        public static Loops off() {
            return new Loops(false, 8, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(5), 0,
                    Duration.ofMinutes(1), 0, Duration.ofMinutes(10));
        }
    }

    /** Every behaviour on, with the documented defaults, on the system clock. */
    public static SafetyOptions defaults() {
        return new SafetyOptions(Takeover.defaults(), Loops.defaults(), Clock.systemUTC());
    }

    /** Every behaviour off: no chat is ever paused, no send refused by a ceiling. */
    public static SafetyOptions off() {
        return new SafetyOptions(Takeover.off(), Loops.off(), Clock.systemUTC());
    }

    public SafetyOptions withTakeover(Takeover newTakeover) {
        return new SafetyOptions(newTakeover, loops, clock);
    }

    public SafetyOptions withLoops(Loops newLoops) {
        return new SafetyOptions(takeover, newLoops, clock);
    }

    /** The same behaviours measured by {@code newClock}. */
    public SafetyOptions withClock(Clock newClock) {
        return new SafetyOptions(takeover, loops, newClock);
    }

    private static void positive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException(what + " must be positive");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
