package dev.webwxbot.core.internal.send;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.core.internal.http.TransportException;
import dev.webwxbot.core.internal.http.TransportException.Kind;
import dev.webwxbot.core.internal.protocol.ApiErrorException;
import dev.webwxbot.core.internal.protocol.MalformedResponseException;
import dev.webwxbot.core.internal.protocol.RetCodes;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class SendFailuresTest {

    private static SendFailures.Kind classify(Throwable failure) {
        return SendFailures.classify(new CompletionException(failure));
    }

    @Test
    void failuresBeforeTheRequestWasWrittenWereCertainlyNotProcessed() {
        for (Kind kind : Kind.values()) {
            assertEquals(SendFailures.Kind.NOT_PROCESSED, classify(new TransportException(kind, "x", null, false)),
                    kind.name());
        }
    }

    @Test
    void failuresAfterTheRequestWasWrittenAreAmbiguous() {
        for (Kind kind : Kind.values()) {
            assertEquals(SendFailures.Kind.AMBIGUOUS, classify(new TransportException(kind, "x", null, true)),
                    kind.name());
        }
        assertEquals(SendFailures.Kind.AMBIGUOUS, classify(new MalformedResponseException("body is not JSON")));
    }

    @Test
    void aServerErrorOrTooFrequentWasNotProcessedButOtherAnswersAreFinal() {
        assertEquals(SendFailures.Kind.NOT_PROCESSED, classify(new MalformedResponseException("HTTP 503", 503)));
        assertEquals(SendFailures.Kind.NOT_PROCESSED, classify(new MalformedResponseException("HTTP 500", 500)));
        assertEquals(SendFailures.Kind.FINAL, classify(new MalformedResponseException("HTTP 404", 404)));
        assertEquals(SendFailures.Kind.NOT_PROCESSED,
                classify(new ApiErrorException("webwxsendmsg", RetCodes.TOO_FREQUENT, "")));
        assertEquals(SendFailures.Kind.FINAL, classify(new ApiErrorException("webwxsendmsg", 1204, "")));
        assertEquals(SendFailures.Kind.FINAL, classify(new OutgoingFailure(dev.webwxbot.api.FailureReason.TOO_LARGE, 0,
                "too large")));
    }
}
