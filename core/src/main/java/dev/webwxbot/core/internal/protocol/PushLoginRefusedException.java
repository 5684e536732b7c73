package dev.webwxbot.core.internal.protocol;

import java.io.IOException;

/**
 * webwxpushloginurl refused to push a login to the phone (PROTOCOL.md 2.7): {@code ret} 1 args error (bad uin or
 * cookies), 2 antispam, 3 device auth info invalid. The caller falls back to a QR code.
 */
public final class PushLoginRefusedException extends IOException {

    private final int ret;

    public PushLoginRefusedException(int ret, String serverMessage) {
        super("push login refused with ret " + ret + (serverMessage.isEmpty() ? "" : " (" + serverMessage + ")"));
        this.ret = ret;
    }

    public int ret() {
        return ret;
    }
}
