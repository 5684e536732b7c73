package dev.webwxbot.core.internal.protocol;

import java.io.IOException;

/** An endpoint answered with a non-zero {@code BaseResponse.Ret}; the message names the endpoint and the code. */
public final class ApiErrorException extends IOException {

    private final String endpoint;
    private final int ret;

    public ApiErrorException(String endpoint, int ret, String errMsg) {
        super(endpoint + " answered Ret " + ret + " (" + RetCodes.describe(ret) + ")"
                + (errMsg == null || errMsg.isBlank() ? "" : ": " + errMsg));
        this.endpoint = endpoint;
        this.ret = ret;
    }

    public String endpoint() {
        return endpoint;
    }

    public int ret() {
        return ret;
    }

    /** Whether the code says the session is over (1100, 1101, 1102). */
    public boolean sessionOver() {
        return RetCodes.isSessionOver(ret);
    }
}
