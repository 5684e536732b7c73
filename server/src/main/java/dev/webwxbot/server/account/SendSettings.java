package dev.webwxbot.server.account;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.webwxbot.core.SendLimits;

/** Reads the {@code webwx-bot.send} block into {@link SendLimits}; every key is in {@code reference.conf}. */
public final class SendSettings {

    public static final String PATH = "webwx-bot" + ".send";

    private SendSettings() {
    }

    /** The limits the block describes; a value the limits refuse is reported with the block's path. */
    public static SendLimits read(Config send) {
        try {
            return new SendLimits(
                    send.getDouble("global-per-minute"), send.getInt("global-burst"),
                    send.getDouble("per-chat-per-minute"), send.getInt("per-chat-burst"),
                    send.getDuration("min-gap"), send.getDuration("max-gap"),
                    send.getInt("max-retries"), send.getDuration("backoff-base"), send.getDuration("backoff-cap"),
                    send.getDouble("slowdown-factor"), send.getDouble("min-rate-fraction"),
                    send.getDuration("recovery-quiet-period"),
                    send.getInt("max-queued"), send.getDuration("echo-window"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(send.origin(), PATH, e.getMessage());
        }
    }
}
