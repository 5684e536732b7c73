package dev.webwxbot.core.internal.send;

import dev.webwxbot.api.FailureReason;
import dev.webwxbot.core.internal.http.TransportException;
import dev.webwxbot.core.internal.protocol.ApiErrorException;
import dev.webwxbot.core.internal.protocol.RetCodes;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Why an outgoing operation failed, in the plugin contract's terms (PROTOCOL.md 5.8, 11.1). Thrown by the send and
 * operation classes for failures found before or between calls; also built from any failure of a call.
 */
public final class OutgoingFailure extends RuntimeException {
    private final FailureReason reason;
    private final int code;

    public OutgoingFailure(FailureReason reason, int code, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
        this.code = code;
    }

    public FailureReason reason() {
        return reason;
    }

    public int code() {
        return code;
    }

    /**
     * Classifies a failed future's cause; {@code operation} names the call for the detail text, and
     * {@code retMinus1} is what {@code Ret -1} means for it (EXPIRED for a revoke, REJECTED otherwise).
     */
    public static OutgoingFailure of(Throwable failure, String operation, FailureReason retMinus1) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof OutgoingFailure known) {
            return known;
        }
        if (cause instanceof ApiErrorException error) {
            FailureReason reason = switch (error.ret()) {
                case RetCodes.TOO_FREQUENT -> FailureReason.THROTTLED;
                case RetCodes.NOT_A_FRIEND -> FailureReason.NOT_A_FRIEND;
                case RetCodes.SESSION_GONE, RetCodes.SESSION_INVALID, RetCodes.COOKIES_INVALID -> FailureReason.LOGGED_OUT;
                case 1201 -> FailureReason.UNKNOWN_CHAT;
                case -1 -> retMinus1;
                default -> FailureReason.REJECTED;
            };
            return new OutgoingFailure(reason, error.ret(), error.getMessage());
        }
        if (cause instanceof SendGovernor.SendQueueFullException) {
            return new OutgoingFailure(FailureReason.THROTTLED, 0, operation + ": " + cause.getMessage());
        }
        if (cause instanceof SendGovernor.SendStoppedException) {
            return new OutgoingFailure(FailureReason.LOGGED_OUT, 0, operation + ": " + cause.getMessage());
        }
        if (cause instanceof TransportException) {
            return new OutgoingFailure(FailureReason.NETWORK, 0, operation + ": " + cause.getMessage());
        }
        return new OutgoingFailure(FailureReason.REJECTED, 0, operation + ": " + cause.getMessage());
    }
}
