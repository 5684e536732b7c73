package dev.webwxbot.api;

/** What a {@link MessageHandler} decided about the rest of the chain. */
public enum Outcome {
    /** Later handlers see the event too. */
    CONTINUE,
    /** Later handlers of the guard, main and fallback phases do not see the event; monitors still do. */
    STOP
}
