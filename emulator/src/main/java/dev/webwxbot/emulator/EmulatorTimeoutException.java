package dev.webwxbot.emulator;

/**
 * Unchecked; thrown by the blocking {@code await…}/{@code take…} methods when nothing arrived in time (or the wait was
 * interrupted, in which case the thread's interrupt flag is set again).
 */
public final class EmulatorTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EmulatorTimeoutException(String message) {
        super(message);
    }
}
