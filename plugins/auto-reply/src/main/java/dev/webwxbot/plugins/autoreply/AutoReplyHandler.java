package dev.webwxbot.plugins.autoreply;

import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.PluginSettings;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.TextMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers text messages by the operator's rules: the first rule, in file order, whose scope, mention, time window
 * and text all fit sends its replies, unless it or the chat is cooling down. My own messages are never answered.
 *
 * <p>A rule that is not valid is left out, with one WARN naming its file, line, number and every reason, and the
 * others are loaded ({@code on-invalid-rule = skip}, the default); with {@code on-invalid-rule = reject-all} any
 * invalid rule makes the whole configuration invalid. An invalid configuration is refused: at the first
 * {@link #configure} the plugin is then left out of the chain by the host; on a later one (an edit of the rules
 * while the bot runs) the previous rules keep answering and {@link #warning()} says so until a good edit comes.
 *
 * <p>Thread-safe: {@link #configure} builds a complete new rule set and swaps it in at once, so a message is
 * handled wholly by the old rules or wholly by the new; cooldowns start afresh with each new rule set.
 */
@Extension
public final class AutoReplyHandler implements MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(AutoReplyHandler.class);
    private static final int MAX_LOGGED_NAME = 40;
    /** Skipped rules named in the warning {@code plugins list} shows; the log has all of them. */
    private static final int MAX_LISTED = 3;

    private final Clock clock;
    private final RandomGenerator random;
    private final AtomicReference<Loaded> loaded =
            new AtomicReference<>(new Loaded(RuleSet.EMPTY, new Cooldowns(), false));
    private volatile String warning = "";

    /** For PF4J: real time, and a fresh random source for {@code pick = random}. */
    public AutoReplyHandler() {
        this(Clock.systemUTC(), RandomGenerator.getDefault());
    }

    AutoReplyHandler(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    /**
     * Reads and checks every rule. Invalid rules are skipped (or, with {@code reject-all}, make the configuration
     * invalid); an invalid configuration throws naming every problem when no rules were loaded before, and
     * otherwise keeps the rules in force unchanged and reports itself through {@link #warning()}.
     */
    @Override
    public void configure(PluginSettings settings) {
        RuleSetReader.Reading reading = RuleSetReader.read(settings);
        List<String> fatal = reading.fatalProblems();
        if (!fatal.isEmpty()) {
            String why = fatal.size() == 1 ? fatal.getFirst()
                    : fatal.size() + " problems:\n  " + String.join("\n  ", fatal);
            if (reading.onInvalidRule() == RuleSetReader.OnInvalidRule.REJECT_ALL && !reading.badRules().isEmpty()) {
                why = "on-invalid-rule = reject-all and " + reading.badRules().size() + " rule(s) are not valid: " + why;
            }
            if (!loaded.get().configured()) {
                boolean onlyOneOutsideTheRules = fatal.size() == 1 && reading.blockErrors().size() == 1;
                throw onlyOneOutsideTheRules ? reading.blockErrors().getFirst()
                        : new InvalidSettingsException(blockKey(settings), why);
            }
            warning = "running previous rules: " + why;
            log.error("auto-reply: the edited rules are not used; the previous {} rule(s) keep running: {}",
                    loaded.get().rules().rules().size(), why);
            return;
        }
        for (RuleSetReader.BadRule bad : reading.badRules()) {
            log.warn("auto-reply: rule {}{} is skipped, the other rules are loaded: {}", bad.number(),
                    bad.origin().map(where -> " (" + where + ")").orElse(""), String.join("; ", bad.problems()));
        }
        loaded.set(new Loaded(reading.rules(), new Cooldowns(), true));
        warning = skipped(reading.badRules());
        log.info("auto-reply: {} rule(s) loaded{}", reading.rules().rules().size(),
                reading.badRules().isEmpty() ? "" : ", " + reading.badRules().size() + " skipped");
    }

    /** {@code running previous rules: ...} after a refused edit, or which rules were skipped; empty when neither. */
    @Override
    public Optional<String> warning() {
        String current = warning;
        return current.isEmpty() ? Optional.empty() : Optional.of(current);
    }

    private static String skipped(List<RuleSetReader.BadRule> bad) {
        if (bad.isEmpty()) return "";
        List<String> lines = bad.stream().limit(MAX_LISTED).map(b -> String.join("; ", b.problems())).toList();
        return bad.size() + " invalid rule(s) skipped: " + String.join("; ", lines)
                + (bad.size() > MAX_LISTED ? "; … (the log names every one)" : "");
    }

    /** The block's own key, {@code plugins.auto-reply}, as the host names it. */
    private static String blockKey(PluginSettings settings) {
        String rules = settings.keyOf("rules");
        return rules.endsWith(".rules") ? rules.substring(0, rules.length() - ".rules".length()) : rules;
    }

    @Override
    public Outcome handle(BotEvent event, HandlerContext context) {
        if (!(event instanceof TextMessage message) || message.envelope().fromSelf()) return Outcome.CONTINUE;
        Loaded current = loaded.get();
        Envelope envelope = message.envelope();
        Instant now = clock.instant();
        String text = envelope.mentionsMe()
                ? MentionText.withoutMentionOfMe(message.text(), context.bot().self().nickName())
                : message.text();
        for (Rule rule : current.rules().rules()) {
            if (!rule.admits(envelope, now)) continue;
            Optional<Captures> captures = rule.matcher().match(text);
            if (captures.isEmpty()) continue;
            return answer(rule, captures.get(), envelope, text, now, current, context);
        }
        return Outcome.CONTINUE;
    }

    /**
     * The first matching rule owns the message: when it or the chat is cooling down nothing is sent, later rules
     * are not tried, and the chain goes on (nothing was said, so another plugin may speak).
     */
    private Outcome answer(Rule rule, Captures captures, Envelope envelope, String text, Instant now, Loaded current,
                           HandlerContext context) {
        String chatKey = envelope.chat().userName();
        String ruleKey = rule.key() + "\u0000" + chatKey;
        Cooldowns cooldowns = current.cooldowns();
        if (cooldowns.isCooling(chatKey, now) || cooldowns.isCooling(ruleKey, now)) {
            log.debug("auto-reply: {} matched in {} but is cooling down", rule.name(), loggable(envelope));
            return Outcome.CONTINUE;
        }
        cooldowns.start(chatKey, current.rules().chatCooldown(), now);
        cooldowns.start(ruleKey, rule.cooldown(), now);
        Template.TemplateValues values = new Template.TemplateValues(envelope.sender().displayName(),
                envelope.inGroup() ? envelope.chat().displayName() : "", envelope.chat().displayName(), text,
                now.atZone(rule.zone()), captures);
        List<ReplyAction> chosen = rule.pickOne()
                ? List.of(rule.replies().get(random.nextInt(rule.replies().size())))
                : rule.replies();
        for (ReplyAction action : chosen) {
            send(rule, action.toOutgoing(values), envelope, context);
        }
        return rule.stop() ? Outcome.STOP : Outcome.CONTINUE;
    }

    /** A failed send is logged once and the other replies still go out; it never reaches the chain. */
    private static void send(Rule rule, Outgoing outgoing, Envelope envelope, HandlerContext context) {
        String kind = outgoing.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        try {
            SendReceipt receipt = context.reply(outgoing);
            if (receipt instanceof SendReceipt.Failed failed) {
                log.warn("auto-reply: {} could not send its {} reply in {}: {} ({})", rule.name(), kind,
                        loggable(envelope), failed.reason(), failed.detail());
            }
        } catch (RuntimeException e) {
            log.warn("auto-reply: {} could not send its {} reply in {}: {}", rule.name(), kind, loggable(envelope),
                    e.toString());
        }
    }

    /** A chat's name for the log: names are chosen by strangers, so no control characters and no great length. */
    private static String loggable(Envelope envelope) {
        String name = envelope.chat().displayName().replaceAll("[\\p{Cntrl}\\p{Cf}]", "?");
        return "'" + (name.length() > MAX_LOGGED_NAME ? name.substring(0, MAX_LOGGED_NAME) + "…" : name) + "'";
    }

    /** The rules in force and the cooldowns that belong to them; {@code configured} once the operator's are. */
    private record Loaded(RuleSet rules, Cooldowns cooldowns, boolean configured) {
    }
}
