package dev.webwxbot.server.account;

import dev.webwxbot.core.IdentityTagging;
import dev.webwxbot.core.SafetyOptions;
import dev.webwxbot.core.LoginGuardSettings;
import dev.webwxbot.server.alert.AlertSettings;
import dev.webwxbot.core.SendLimits;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.core.WatchdogSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One account of the daemon as configured. Immutable.
 *
 * @param id the account's name in the configuration, the API, logs and metrics
 * @param folder its session, journals and login QR image; the data folder itself for {@code default}
 * @param sendLimits how fast it may send
 * @param desktopMode log in as the UOS desktop client
 * @param timeouts its requests' read timeouts
 * @param maxDownload the largest media file a download saves
 * @param drainTime how long a stop lets received messages be handled
 * @param identityTags whether its logins write identity tags into friends' remark names, or remove them
 * @param loginGuard the login-churn guard's limits for its logins
 * @param alerts how safety events of this account reach its owner
 * @param watchdog its sessions' zombie-session watchdog ({@code safety.watchdog})
 * @param fromApi added through the API (remembered in {@code accounts.conf}), not by the operator's file
 * @param safety human takeover, the reply-loop breaker and the send ceilings of its sessions
 */
public record AccountConfig(String id, Path folder, SendLimits sendLimits, boolean desktopMode, SessionTimeouts timeouts,
                            long maxDownload, Duration drainTime, IdentityTagging identityTags,
                            LoginGuardSettings loginGuard, AlertSettings alerts, boolean fromApi, SafetyOptions safety,
                            WatchdogSettings watchdog) {

    /** The account a configuration without an {@code accounts} block has, living in the data folder itself. */
    public static final String DEFAULT_ID = "default";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    public AccountConfig {
        requireValidId(id);
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(sendLimits, "sendLimits");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(drainTime, "drainTime");
        Objects.requireNonNull(identityTags, "identityTags");
        Objects.requireNonNull(safety, "safety");
        Objects.requireNonNull(loginGuard, "loginGuard");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(watchdog, "watchdog");
    }

    /** @throws IllegalArgumentException when {@code id} is not 1-32 of a-z, 0-9, '_' and '-', starting with a letter or digit */
    public static String requireValidId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("account id '" + id + "' must be 1-32 of a-z, 0-9, '_' and '-',"
                    + " starting with a letter or digit");
        }
        return id;
    }

    /** The options its sessions start with. */
    SessionOptions sessionOptions() {
        return timeouts.applyTo(SessionOptions.defaults())
                .withDesktopMode(desktopMode)
                .withSendLimits(sendLimits)
                .withMaxDownloadBytes(maxDownload)
                .withSessionFile(folder.resolve("session.json"))
                .withJournalDirectory(folder)
                .withIdentityTags(identityTags)
                .withSafety(safety)
                .withWatchdog(watchdog);
    }
}
