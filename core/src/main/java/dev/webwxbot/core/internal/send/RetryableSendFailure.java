package dev.webwxbot.core.internal.send;

import java.io.IOException;
import java.util.Objects;

/**
 * A call's attempt failed in a way that allows it to be made again: the server certainly did not take it (no
 * connection, request not fully written, HTTP 5xx), or its answer was lost and no echo confirmed it within the
 * window ({@code unconfirmed}). The {@link SendGovernor} retries the call after a back-off; when it gives up, the
 * caller gets this exception, whose cause is the last attempt's failure.
 */
final class RetryableSendFailure extends IOException {

    private final boolean unconfirmed;

    RetryableSendFailure(Throwable cause, boolean unconfirmed) {
        super(Objects.requireNonNull(cause, "cause").getMessage(), cause);
        this.unconfirmed = unconfirmed;
    }

    /** True when the attempt's request was written and its fate is unknown: a retry may duplicate the message. */
    boolean unconfirmed() {
        return unconfirmed;
    }
}
