package dev.webwxbot.server.account;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.webwxbot.core.SessionOptions;
import java.time.Duration;

/**
 * The {@code webwx-bot.timeouts} block: the session's read timeouts, so an operator (or the fault soak, whose
 * emulator holds polls for a second) can make a request the server never answers fail in seconds instead of the
 * 30-40 s a real server's 25 s hold needs. Every key is in {@code reference.conf}.
 *
 * @param loginPoll read timeout of a login poll; must outlast the server's hold
 * @param syncCheck read timeout of a synccheck; must outlast the server's hold
 * @param call read timeout of every other request (webwxinit, webwxsync, sends …)
 */
public record SessionTimeouts(Duration loginPoll, Duration syncCheck, Duration call) {

    static final String PATH = "webwx-bot" + ".timeouts";

    /** Reads the block from the operator's whole configuration; a value that is not positive names its key. */
    public static SessionTimeouts read(Config config) {
        Config block = config.getConfig(PATH);
        return new SessionTimeouts(positive(block, "login-poll"), positive(block, "sync-check"), positive(block, "call"));
    }

    public SessionOptions applyTo(SessionOptions options) {
        return options.withTimeouts(loginPoll, syncCheck, call);
    }

    private static Duration positive(Config block, String key) {
        Duration value = block.getDuration(key);
        if (value.isNegative() || value.isZero()) {
            throw new ConfigException.BadValue(block.origin(), PATH + "." + key, "must be positive, was " + value);
        }
        return value;
    }
}
