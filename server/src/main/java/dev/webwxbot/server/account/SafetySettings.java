package dev.webwxbot.server.account;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.webwxbot.core.SafetyOptions;
import java.time.Clock;

/**
 * Reads the {@code takeover} and {@code loops} blocks of {@code webwx-bot.safety} (or an account's override) into
 * {@link SafetyOptions}; every key is in {@code reference.conf}. The other blocks of {@code safety} belong to other
 * behaviours and are read elsewhere.
 */
public final class SafetySettings {

    /** The block's key under {@code webwx-bot} and in an account's block. */
    public static final String BLOCK = "safety";

    private SafetySettings() {
    }

    /**
     * @param safety the {@code safety} block, with the defaults under it
     * @param path where it is, for the message of a value the options refuse
     */
    public static SafetyOptions read(Config safety, String path) {
        Config takeover = safety.getConfig("takeover");
        Config loops = safety.getConfig("loops");
        try {
            return new SafetyOptions(
                    new SafetyOptions.Takeover(takeover.getBoolean("enabled"), takeover.getDuration("pause"),
                            takeover.getBoolean("commands"), takeover.getString("command-chat"),
                            takeover.getString("pause-command"), takeover.getString("resume-command")),
                    new SafetyOptions.Loops(loops.getBoolean("enabled"), loops.getInt("exchanges"),
                            loops.getDuration("window"), loops.getDuration("fast-answer"),
                            loops.getDuration("cooldown"), loops.getInt("chat-ceiling"),
                            loops.getDuration("chat-ceiling-window"), loops.getInt("account-ceiling"),
                            loops.getDuration("account-ceiling-window")),
                    Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(safety.origin(), path, e.getMessage());
        }
    }
}
