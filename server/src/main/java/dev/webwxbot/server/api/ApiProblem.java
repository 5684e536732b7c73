package dev.webwxbot.server.api;

import dev.webwxbot.api.FailureReason;
import java.util.Map;

/**
 * An answer that is an error, thrown by a route and written as {@code application/problem+json} (RFC 9457):
 * {@code type}, {@code title}, {@code status}, {@code detail}, and the machine-readable {@code reason}.
 */
final class ApiProblem extends RuntimeException {

    private final int status;
    private final String reason;
    private final Map<String, Object> extra;

    ApiProblem(int status, String reason, String detail) {
        this(status, reason, detail, Map.of());
    }

    ApiProblem(int status, String reason, String detail, Map<String, Object> extra) {
        super(detail, null, false, false);
        this.status = status;
        this.reason = reason;
        this.extra = Map.copyOf(extra);
    }

    static ApiProblem notFound(String what) {
        return new ApiProblem(404, "NOT_FOUND", what);
    }

    static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, FailureReason.INVALID_REQUEST.name(), detail);
    }

    /** The HTTP status that best fits a failed send or operation. */
    static ApiProblem of(FailureReason reason, int code, String detail) {
        int status = switch (reason) {
            case THROTTLED -> 429;
            case NOT_A_FRIEND -> 403;
            case LOGGED_OUT, EXPIRED -> 409;
            case UNKNOWN_CHAT -> 404;
            case TOO_LARGE -> 413;
            case INVALID_REQUEST -> 400;
            case NETWORK, REJECTED, UNCONFIRMED -> 502;
        };
        String text = detail.isEmpty() ? reason.name() : detail;
        return new ApiProblem(status, reason.name(), code == 0 ? text : text + " (code " + code + ")",
                code == 0 ? Map.of() : Map.of("code", code));
    }

    int status() {
        return status;
    }

    String reason() {
        return reason;
    }

    Map<String, Object> extra() {
        return extra;
    }
}
