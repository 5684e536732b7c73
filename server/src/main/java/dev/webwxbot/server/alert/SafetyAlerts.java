package dev.webwxbot.server.alert;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.ChatPaused;
import dev.webwxbot.api.event.ChatResumed;
import dev.webwxbot.api.event.LoginHeld;
import dev.webwxbot.api.event.SafetyEvent;
import dev.webwxbot.api.event.SendCeilingReached;
import dev.webwxbot.api.event.SessionRecovery;
import dev.webwxbot.api.event.SessionStalled;
import dev.webwxbot.safeoutput.TerminalText;
import dev.webwxbot.server.json.EventJson;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every safety event of the daemon's accounts ends up besides the plugins and the webhooks: sent to the owner through the account's channels ({@link AlertSettings}): a message to its own file helper, which
 * the phone shows at once, and an email. Each channel sends at most one alert of a kind per chat (or per account) per
 * {@code min-interval}; the rest are logged at DEBUG. A channel that fails is logged once (then at DEBUG until it
 * works again) and never breaks the session: the channels run on virtual threads, off the network thread.
 * Each event is logged once: the core logs what it does itself (a chat paused or resumed, a send ceiling, the
 * watchdog's steps), so only a held login, which the core leaves to its caller, is logged here, in plain words
 * ({@code account shop: Login held back by the login guard: ...}) on the logger {@value #LOGGER}. Thread-safe.
 */
public final class SafetyAlerts {

    /** The logger of the events' lines, so an operator can route or silence them. */
    public static final String LOGGER = "dev.webwxbot.safety";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final Executor VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();
    private static final String FILE_HELPER = "filehelper";

    private final Clock clock;
    private final AlertRate rate;
    /** Channels (channel:account) whose last attempt failed: their next failure is logged at DEBUG only. */
    private final Map<String, Boolean> failing = new ConcurrentHashMap<>();

    public SafetyAlerts(Clock clock) {
        this.clock = clock;
        this.rate = new AlertRate(clock);
    }

    /**
     * Sends {@code event} through the account's channels (and logs it when the core did not: a held login).
     *
     * @param bot the account's session, to write to its file helper; empty when it has none
     * @return completes when every channel is done (or gave up); never exceptionally
     */
    public CompletableFuture<Void> raise(String account, SafetyEvent event, AlertSettings settings, Optional<Bot> bot) {
        String line = TerminalText.clean(event.explanation());
        if (event instanceof LoginHeld) log.warn("account {}: {}", account, line); // it needs a person
        String kind = EventJson.type(event);
        String key = account + "|" + kind + "|" + chat(event).map(Contact::userName).orElse("");
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        // A held login has no session to write with; the email and the webhooks carry it.
        if (settings.fileHelper() && bot.isPresent() && !(event instanceof LoginHeld)) {
            if (allowed("file-helper|" + key, settings, account, kind)) {
                sends.add(CompletableFuture.runAsync(() -> fileHelper(account, event, bot.get()), VIRTUAL));
            }
        }
        settings.email().ifPresent(email -> {
            if (allowed("email|" + key, settings, account, kind)) {
                sends.add(CompletableFuture.runAsync(() -> email(account, event, kind, email), VIRTUAL));
            }
        });
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).exceptionally(failure -> null);
    }

    private boolean allowed(String key, AlertSettings settings, String account, String kind) {
        if (settings.minInterval().isZero() || rate.allow(key, settings.minInterval())) return true;
        log.debug("account {}: {} alert not sent again within {} ({})", account, kind, settings.minInterval(), key);
        return false;
    }

    private void fileHelper(String account, SafetyEvent event, Bot bot) {
        try {
            Contact helper = bot.contacts().byUserName(FILE_HELPER)
                    .orElse(new Contact(FILE_HELPER, "文件传输助手", "", "", dev.webwxbot.api.ContactKind.SPECIAL, ""));
            SendReceipt receipt = bot.send(helper, Outgoing.text("[webwx-bot] " + event.explanation()));
            if (receipt instanceof SendReceipt.Failed failed) {
                failed("file-helper", account, failed.reason() + (failed.detail().isEmpty() ? "" : " " + failed.detail()));
            } else {
                worked("file-helper", account);
            }
        } catch (RuntimeException e) {
            failed("file-helper", account, e.toString());
        }
    }

    private void email(String account, SafetyEvent event, String kind, AlertSettings.Email email) {
        String subject = email.subjectPrefix() + " " + account + ": " + kind.replace("safety.", "").replace('-', ' ');
        String body = event.explanation() + "\n\naccount: " + account + "\nevent: " + kind + "\ntime: "
                + DateTimeFormatter.ISO_INSTANT.format(event.time()) + "\n\n-- webwx-bot, sent by its safety alerts"
                + " (webwx-bot.safety.alerts.email)\n";
        try {
            EmailChannel.send(email, subject.strip(), body, clock.instant());
            worked("email", account);
        } catch (Exception e) {
            failed("email", account, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void failed(String channel, String account, String why) {
        if (failing.put(channel + "|" + account, Boolean.TRUE) == null) {
            log.warn("account {}: the {} alert could not be sent ({}); further failures of this channel are logged at"
                    + " DEBUG until it works again", account, channel, TerminalText.clean(why));
        } else {
            log.debug("account {}: the {} alert could not be sent ({})", account, channel, TerminalText.clean(why));
        }
    }

    private void worked(String channel, String account) {
        if (failing.remove(channel + "|" + account) != null) {
            log.info("account {}: the {} alert channel works again", account, channel);
        }
    }

    private static Optional<Contact> chat(SafetyEvent event) {
        return switch (event) {
            case ChatPaused paused -> Optional.of(paused.chat());
            case ChatResumed resumed -> Optional.of(resumed.chat());
            default -> Optional.empty();
        };
    }
}
