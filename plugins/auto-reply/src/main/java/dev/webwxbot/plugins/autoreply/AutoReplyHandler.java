package dev.webwxbot.plugins.autoreply;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.PluginRuntime;
import dev.webwxbot.api.PluginSettings;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.ContactAdded;
import dev.webwxbot.api.event.ContactEvent;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.api.event.LoggedIn;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.schedule.JobContext;
import dev.webwxbot.api.schedule.JobSpec;
import dev.webwxbot.api.schedule.Schedule;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the operator's rules: each is set off by a trigger (a text, a message of some kinds, a friend request, a
 * member joining or leaving a group, a revoke, a schedule, the bot's login) and does its actions in order (send,
 * accept, invite or add to a group, remove from it, forward, call a web service, ask a model). For an event, the
 * first rule in file order that it sets off, whose scope, mention and time window fit, owns it, unless it or the
 * chat is cooling down; at a login every login rule runs; each schedule rule is a job of the plugin. The account's
 * own messages and doings set nothing off.
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
    /** Skipped rules named in the warning {@code plugins list} shows; the log has all of them. */
    private static final int MAX_LISTED = 3;

    private final Clock clock;
    private final RandomGenerator random;
    /** What follows an accept, waiting for the new friend; kept across reloads of the rules. */
    private final NewFriends newFriends = new NewFriends();
    private final AtomicReference<Loaded> loaded = new AtomicReference<>(new Loaded(RuleSet.EMPTY, new Cooldowns(),
            new ActionRunner(Clock.systemUTC(), newFriends, Optional::empty), false));
    private volatile String warning = "";
    /** The named chats the last check could not find, for {@link #warning()}. */
    private volatile String chatWarning = "";
    /** Schedule rules already told (once) that they need an account because several are online. */
    private final Set<String> severalAccountsTold = ConcurrentHashMap.newKeySet();
    /** The runtime of the last start, whose accounts the named chats of new rules are checked against. */
    private volatile PluginRuntime runtime;
    /** The HTTP client of the http and llm actions, made at each start and closed when the plugin stops. */
    private volatile RemoteCalls remoteCalls;

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
        Loaded fresh = new Loaded(reading.rules(), new Cooldowns(),
                new ActionRunner(clock, newFriends, () -> Optional.ofNullable(remoteCalls)), true);
        loaded.set(fresh);
        warning = skipped(reading.badRules());
        PluginRuntime started = runtime;
        if (started != null) checkNamedChats(fresh, started.accounts().values());
        log.info("auto-reply: {} rule(s) loaded{}", reading.rules().rules().size(),
                reading.badRules().isEmpty() ? "" : ", " + reading.badRules().size() + " skipped");
    }

    /** {@code running previous rules: ...} after a refused edit, or which rules were skipped; empty when neither. */
    @Override
    public Optional<String> warning() {
        String current = Stream.of(warning, chatWarning).filter(w -> !w.isEmpty()).collect(Collectors.joining("; "));
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
        Loaded current = loaded.get();
        Instant now = clock.instant();
        switch (event) {
            case LoggedIn ignored -> {
                loggedIn(current, context.bot(), now);
                return Outcome.CONTINUE;
            }
            case ContactAdded added -> {
                newFriends.arrived(added.contact(), now, Optional.of(context));
                return Outcome.CONTINUE;
            }
            default -> {
            }
        }
        String myNickName = context.bot().self().nickName();
        Optional<Rule> conversing = event instanceof TextMessage text
                ? conversing(current, text, now, myNickName, context.bot()) : Optional.empty();
        if (conversing.isPresent()) {
            Occasion followUp = Occasions.followUp(conversing.get(), (TextMessage) event, now, myNickName).orElseThrow();
            context.explain(Explanations.followUp(conversing.get()));
            return answer(conversing.get(), followUp, event, now, current, context);
        }
        for (Rule rule : current.rules().rules()) {
            Optional<Occasion> occasion = Occasions.of(rule, event, now, myNickName);
            if (occasion.isPresent()) {
                context.explain(Explanations.matched(rule));
                return answer(rule, occasion.get(), event, now, current, context);
            }
        }
        context.explain(Explanations.noneMatched(current.rules().rules(), event, now, myNickName));
        return Outcome.CONTINUE;
    }

    /**
     * The rule whose model has an open conversation with the writer of {@code text} in its chat: while it is open
     * (neither ended by an end phrase nor idle), their texts go to that rule even without its keyword.
     */
    private static Optional<Rule> conversing(Loaded current, TextMessage text, Instant now, String myNickName,
                                             Bot bot) {
        for (Rule rule : current.rules().rules()) {
            for (Action action : rule.actions()) {
                if (!(action instanceof Action.Llm llm)) continue;
                Optional<Occasion> followUp = Occasions.followUp(rule, text, now, myNickName);
                if (followUp.isPresent()
                        && llm.ask().hasOpenConversation(ActionRunner.conversation(followUp.get(), bot), now)) {
                    return Optional.of(rule);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The first rule the event sets off owns it: when that rule or the chat is cooling down nothing is done, later
     * rules are not tried, and the chain goes on (nothing was said, so another plugin may speak).
     */
    private Outcome answer(Rule rule, Occasion occasion, BotEvent event, Instant now, Loaded current,
                           HandlerContext context) {
        String chatKey = occasion.chat().map(Contact::userName)
                .or(() -> occasion.request().map(FriendRequest::userName)).orElse("");
        String ruleKey = rule.key() + "\u0000" + chatKey;
        Cooldowns cooldowns = current.cooldowns();
        boolean chatCooling = cooldowns.isCooling(chatKey, now);
        if (chatCooling || cooldowns.isCooling(ruleKey, now)) {
            context.explain(Explanations.cooling(rule, chatCooling));
            log.debug("auto-reply: {} was set off in {} but is cooling down", rule.name(),
                    LogNames.quoted(occasion.chat().map(Contact::displayName).orElse(chatKey)));
            return Outcome.CONTINUE;
        }
        cooldowns.start(chatKey, current.rules().chatCooldown(), now);
        cooldowns.start(ruleKey, rule.cooldown(), now);
        List<Action> chosen = rule.pickOne()
                ? List.of(rule.actions().get(random.nextInt(rule.actions().size())))
                : rule.actions();
        boolean replyHere = occasion.chat().isPresent() && chatOf(event).map(Contact::userName)
                .equals(occasion.chat().map(Contact::userName));
        current.runner().run(rule, chosen, occasion, context.bot(), replyHere ? Optional.of(context) : Optional.empty());
        return rule.stop() ? Outcome.STOP : Outcome.CONTINUE;
    }

    /**
     * Schedules each {@code on = schedule} rule as a cron job in its time zone; the host cancels them when the
     * plugin stops, and calls this again with the new rules after each reconfiguration. Also checks the chats the
     * rules name against the accounts already online.
     */
    @Override
    public void start(PluginRuntime runtime) {
        boolean firstStart = this.runtime == null;
        this.runtime = runtime;
        RemoteCalls calls = new RemoteCalls();
        runtime.onStop(calls);
        remoteCalls = calls;
        Loaded current = loaded.get();
        List<String> refused = new ArrayList<>();
        for (Rule rule : current.rules().rules()) {
            if (!(rule.trigger() instanceof Trigger.Scheduled scheduled)) continue;
            try {
                JobSpec spec = JobSpec.of(jobName(rule), Schedule.cron(scheduled.cron()).in(rule.zone()));
                runtime.jobs().schedule(scheduled.account().map(spec::forAccount).orElse(spec),
                        run -> onSchedule(rule, scheduled, run, current));
            } catch (IllegalArgumentException e) {
                refused.add(rule.label() + ": cron: " + e.getMessage());
            }
        }
        // configure checked them already when this handler had started before (with the same accounts)
        if (firstStart) checkNamedChats(current, runtime.accounts().values());
        if (!refused.isEmpty()) {
            throw new IllegalStateException("schedule rule(s) could not be scheduled: " + String.join("; ", refused));
        }
    }

    /** The chat a handler's context replies to for {@code event}; empty for a session event. */
    private static Optional<Contact> chatOf(BotEvent event) {
        return switch (event) {
            case MessageEvent message -> Optional.of(message.chat());
            case ContactEvent change -> Optional.of(change.chat());
            default -> Optional.empty();
        };
    }

    private static String jobName(Rule rule) {
        return "auto-reply " + rule.label();
    }

    private void onSchedule(Rule rule, Trigger.Scheduled scheduled, JobContext run, Loaded current) {
        Optional<Bot> bot = run.bot();
        if (bot.isEmpty()) {
            if (scheduled.account().isPresent()) {
                log.info("auto-reply: {} is due but account '{}' is not online; this run is skipped", rule.label(),
                        scheduled.account().get());
            } else if (runtime != null && runtime.accounts().size() > 1) {
                if (severalAccountsTold.add(rule.key())) {
                    log.warn("auto-reply: {} is due but names no account and {} accounts are online, so it does not"
                            + " know which one to act through; set account = \"<id>\" in the rule (runs are skipped"
                            + " until then; said once)", rule.label(), runtime.accounts().size());
                }
            } else {
                log.info("auto-reply: {} is due but no account is online; this run is skipped", rule.label());
            }
            return;
        }
        if (!rule.inForce(run.scheduledFor())) return;
        current.runner().run(rule, rule.actions(), Occasion.unprompted(run.scheduledFor()), bot.get(),
                Optional.empty());
    }

    /** At each login: the named chats checked against the new session's address book, then the login rules run. */
    private void loggedIn(Loaded current, Bot bot, Instant now) {
        checkNamedChats(current, List.of(bot));
        for (Rule rule : current.rules().rules()) {
            if (rule.trigger() instanceof Trigger.Login && rule.inForce(now)) {
                current.runner().run(rule, rule.actions(), Occasion.unprompted(now), bot, Optional.empty());
            }
        }
    }

    /**
     * One WARN per action and chat name that the address books of {@code bots} do not resolve to one chat, and
     * those lines in {@link #warning()} until the next check.
     */
    private void checkNamedChats(Loaded current, Collection<Bot> bots) {
        Set<String> problems = new LinkedHashSet<>();
        for (Bot bot : bots) problems.addAll(NamedChats.check(current.rules().rules(), bot.contacts()));
        for (String problem : problems) {
            log.warn("auto-reply: {}; the action will be skipped until such a chat exists", LogNames.clean(problem));
        }
        chatWarning = problems.isEmpty() ? "" : problems.size() + " named chat(s) not found: " + String.join("; ",
                problems.stream().limit(MAX_LISTED).toList()) + (problems.size() > MAX_LISTED ? "; …" : "");
    }

    /** The rules in force, the cooldowns and the action runner that belong to them; {@code configured} once the operator's are. */
    private record Loaded(RuleSet rules, Cooldowns cooldowns, ActionRunner runner, boolean configured) {
    }
}
