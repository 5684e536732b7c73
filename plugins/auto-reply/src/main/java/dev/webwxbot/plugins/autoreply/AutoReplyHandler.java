package dev.webwxbot.plugins.autoreply;

import dev.webwxbot.api.HandlerContext;
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
 * <p>Thread-safe: {@link #configure} builds a complete new rule set and swaps it in at once, so a message is
 * handled wholly by the old rules or wholly by the new; cooldowns start afresh with each new rule set.
 */
@Extension
public final class AutoReplyHandler implements MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(AutoReplyHandler.class);
    private static final int MAX_LOGGED_NAME = 40;

    private final Clock clock;
    private final RandomGenerator random;
    private final AtomicReference<Loaded> loaded = new AtomicReference<>(new Loaded(RuleSet.EMPTY, new Cooldowns()));

    /** For PF4J: real time, and a fresh random source for {@code pick = random}. */
    public AutoReplyHandler() {
        this(Clock.systemUTC(), RandomGenerator.getDefault());
    }

    AutoReplyHandler(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    /** Reads and checks every rule; on any problem throws naming the key and keeps the rules in force unchanged. */
    @Override
    public void configure(PluginSettings settings) {
        RuleSet rules = RuleSetReader.read(settings);
        loaded.set(new Loaded(rules, new Cooldowns()));
        log.info("auto-reply: {} rule(s) loaded", rules.rules().size());
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

    /** The rules in force and the cooldowns that belong to them. */
    private record Loaded(RuleSet rules, Cooldowns cooldowns) {
    }
}
