package dev.webwxbot.core.internal.http;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a download streamed into a file: status and headers, and how many body bytes are in the file. Only
 * a 2xx body is saved; for any other status the body was read and dropped, {@code savedBytes} is 0 and the file is
 * gone. Immutable.
 */
public record FileResponse(int status, HttpHeaderList headers, long savedBytes) {

    public FileResponse {
        Objects.requireNonNull(headers, "headers");
    }

    /** The first value of a header, matched case-insensitively. */
    public Optional<String> header(String name) {
        return headers.first(name);
    }

    public boolean successful() {
        return status / 100 == 2;
    }
}
