package dev.webwxbot.emulator;

/** Thrown by the blocking {@code await…}/{@code take…} methods when nothing arrived in time (or the wait was interrupted). */
public final class EmulatorTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EmulatorTimeoutException(String message) {
        super(message);
    }
}
