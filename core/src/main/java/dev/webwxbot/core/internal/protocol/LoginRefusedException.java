package dev.webwxbot.core.internal.protocol;

import java.io.IOException;

/**
 * webwxnewloginpage refused the login: {@code ret} 1203 means web login is forbidden for this account; the
 * message carries the server's own explanation.
 */
public final class LoginRefusedException extends IOException {

    private final int ret;

    public LoginRefusedException(int ret, String serverMessage) {
        super(ret == RetCodes.LOGIN_FORBIDDEN
                ? "web login forbidden for this account (1203): " + serverMessage
                : "login refused with ret " + ret + ": " + serverMessage);
        this.ret = ret;
    }

    public int ret() {
        return ret;
    }
}
