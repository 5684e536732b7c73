package dev.webwxbot.core.internal.send;

import dev.webwxbot.core.internal.http.TransportException;
import dev.webwxbot.core.internal.protocol.ApiErrorException;
import dev.webwxbot.core.internal.protocol.MalformedResponseException;
import dev.webwxbot.core.internal.protocol.RetCodes;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Sorts the failure of a message send by what it says about the server having taken the message. Stateless.
 *
 * <ul>
 *   <li>{@link Kind#NOT_PROCESSED}: certainly not taken, safe to send again: no connection (refused, DNS, TLS, no
 *       free pooled connection), the connection lost before the request was fully written, {@code Ret 1205}, or an
 *       HTTP 5xx answer. The emulator answers 5xx without handling the request; what the real server does before a
 *       5xx is not documented (PROTOCOL.md is silent), so this is a choice: a gateway error in front of the
 *       application is by far the likelier cause.</li>
 *   <li>{@link Kind#AMBIGUOUS}: the request was written and then no usable answer came (time-out, reset, truncated
 *       or malformed body, a 2xx that is not the expected JSON): the server may have taken it.</li>
 *   <li>{@link Kind#FINAL}: an answer that refuses the message (any other {@code Ret}, HTTP 4xx, a bad file), or a
 *       failure of ours: sending again would not help.</li>
 * </ul>
 */
final class SendFailures {

    enum Kind { NOT_PROCESSED, AMBIGUOUS, FINAL }

    private SendFailures() {}

    static Kind classify(Throwable failure) {
        Throwable cause = unwrap(failure);
        return switch (cause) {
            case TransportException transport -> transport.requestWritten() ? Kind.AMBIGUOUS : Kind.NOT_PROCESSED;
            case ApiErrorException error -> error.ret() == RetCodes.TOO_FREQUENT ? Kind.NOT_PROCESSED : Kind.FINAL;
            case MalformedResponseException malformed -> {
                int status = malformed.httpStatus();
                if (status >= 500 && status <= 599) yield Kind.NOT_PROCESSED;
                yield status == 0 ? Kind.AMBIGUOUS : Kind.FINAL;
            }
            default -> Kind.FINAL;
        };
    }

    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
