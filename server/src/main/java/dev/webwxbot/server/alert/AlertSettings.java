package dev.webwxbot.server.alert;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code webwx-bot.safety.alerts}: how an account's safety events reach its owner. Immutable.
 *
 * @param minInterval at most one alert of a kind per chat (or per account) in this time, per channel
 * @param fileHelper whether a message goes to the account's own file helper
 * @param email the SMTP channel, when enabled
 */
public record AlertSettings(Duration minInterval, boolean fileHelper, Optional<Email> email) {

    /** The block's path under {@code webwx-bot}. */
    public static final String BLOCK = "safety.alerts";

    /** Only the log line: no channel. */
    public static final AlertSettings LOG_ONLY = new AlertSettings(Duration.ZERO, false, Optional.empty());

    public AlertSettings {
        Objects.requireNonNull(minInterval, "minInterval");
        if (minInterval.isNegative()) throw new IllegalArgumentException("min-interval must not be negative");
        Objects.requireNonNull(email, "email");
    }

    /**
     * An SMTP server and whom to write to. {@code password} never reaches a log or {@link #toString()}.
     *
     * @param starttls upgrade a plain connection with STARTTLS (required when set: a server that does not offer it
     *     is not sent the password in clear)
     * @param ssl TLS from the first byte (port 465)
     */
    public record Email(String host, int port, boolean starttls, boolean ssl, String user, String password,
                        String from, List<String> to, String subjectPrefix, Duration timeout) {
        public Email {
            if (host.isBlank()) throw new IllegalArgumentException("email.host must be set when email alerts are enabled");
            if (port < 1 || port > 65535) throw new IllegalArgumentException("email.port must be 1-65535");
            if (from.isBlank()) throw new IllegalArgumentException("email.from must be set when email alerts are enabled");
            to = List.copyOf(to);
            if (to.isEmpty()) throw new IllegalArgumentException("email.to must name at least one address");
            if (!timeout.isPositive()) throw new IllegalArgumentException("email.timeout must be positive");
        }

        @Override
        public String toString() {
            return "Email[" + host + ":" + port + ", starttls=" + starttls + ", ssl=" + ssl + ", user=" + user
                    + ", password=" + (password.isEmpty() ? "(none)" : "(set)") + ", from=" + from + ", to=" + to + "]";
        }
    }

    /**
     * @param bot the bot-wide block, an account's overrides laid over it
     * @param path the block's path, for messages
     */
    public static AlertSettings read(Config bot, String path) {
        Config block = bot.getConfig(BLOCK);
        try {
            Config mail = block.getConfig("email");
            Optional<Email> email = Optional.empty();
            if (mail.getBoolean("enabled")) {
                String password = mail.getString("password");
                String env = mail.getString("password-env");
                if (password.isEmpty() && !env.isEmpty()) {
                    password = Objects.requireNonNullElse(System.getenv(env), "");
                    if (password.isEmpty()) {
                        throw new IllegalArgumentException("email.password-env names " + env + ", which is not set");
                    }
                }
                email = Optional.of(new Email(mail.getString("host"), mail.getInt("port"), mail.getBoolean("starttls"),
                        mail.getBoolean("ssl"), mail.getString("user"), password, mail.getString("from"),
                        mail.getStringList("to"), mail.getString("subject-prefix"), mail.getDuration("timeout")));
            }
            return new AlertSettings(block.getDuration("min-interval"), block.getBoolean("file-helper.enabled"), email);
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(block.origin(), path, e.getMessage());
        }
    }
}
