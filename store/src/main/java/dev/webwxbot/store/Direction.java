package dev.webwxbot.store;

/** Whether a stored message came to the account ({@code IN}) or was sent by it ({@code OUT}). */
public enum Direction {
    IN,
    OUT
}
