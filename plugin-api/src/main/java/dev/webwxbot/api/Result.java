package dev.webwxbot.api;

import java.util.Objects;

/**
 * The outcome of an operation that is not a send: a download, a friend or group operation. Immutable.
 *
 * @param <T> what a success carries ({@code Void} when nothing)
 */
public sealed interface Result<T> {

    /** Whether the operation happened. */
    boolean ok();

    /** The value of a success. */
    record Ok<T>(T value) implements Result<T> {
        @Override
        public boolean ok() {
            return true;
        }
    }

    /**
     * The operation did not happen.
     *
     * @param reason the kind of failure
     * @param code the protocol's code ({@code BaseResponse.Ret}), or 0 when the failure was not the server's
     * @param detail a human-readable explanation naming the operation
     */
    record Failed<T>(FailureReason reason, int code, String detail) implements Result<T> {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            detail = Objects.requireNonNullElse(detail, "");
        }

        @Override
        public boolean ok() {
            return false;
        }
    }

    /** A success carrying nothing. */
    static Result<Void> done() {
        return new Ok<>(null);
    }
}
