package dev.webwxbot.plugins.autoreply;

import static dev.webwxbot.plugins.autoreply.RuleParts.part;

import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.PluginSettings;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The token and cost caps of one {@code llm} action and what was used today against them. A day is a calendar day
 * in the rule's time zone; the counts start afresh at its midnight. Thread-safe.
 *
 * <p>A cap is checked before a call, so the call that crosses it is answered and the next is refused; calls
 * already on their way when a cap is reached can overshoot it by their own use.
 */
final class UsageCaps {

    /**
     * The limits; an empty one does not apply.
     *
     * @param pricePerThousandPrompt price of 1000 prompt tokens, in the operator's currency
     * @param pricePerThousandCompletion price of 1000 completion tokens
     */
    record Limits(OptionalLong tokensPerChatPerDay, OptionalLong tokensPerDay, Optional<BigDecimal> costPerDay,
                  BigDecimal pricePerThousandPrompt, BigDecimal pricePerThousandCompletion) {

        static final Limits NONE = new Limits(OptionalLong.empty(), OptionalLong.empty(), Optional.empty(),
                BigDecimal.ZERO, BigDecimal.ZERO);

        static final Set<String> KEYS = RuleParts.orderedSet("tokens-per-chat-per-day", "tokens-per-day",
                "cost-per-day", "price-per-1k-prompt-tokens", "price-per-1k-completion-tokens");

        /** Reads the {@code caps} block; every problem goes to {@code problems}, the limits come back when none. */
        static Optional<Limits> read(PluginSettings block, List<InvalidSettingsException> problems) {
            int before = problems.size();
            problems.addAll(block.unknownKeys(KEYS));
            Optional<OptionalLong> perChat = part(() -> tokens(block, "tokens-per-chat-per-day"), problems);
            Optional<OptionalLong> perDay = part(() -> tokens(block, "tokens-per-day"), problems);
            Optional<Optional<BigDecimal>> cost = part(() -> block.has("cost-per-day")
                    ? Optional.of(amount(block, "cost-per-day")) : Optional.<BigDecimal>empty(), problems);
            Optional<BigDecimal> promptPrice = part(() -> block.has("price-per-1k-prompt-tokens")
                    ? amount(block, "price-per-1k-prompt-tokens") : BigDecimal.ZERO, problems);
            Optional<BigDecimal> completionPrice = part(() -> block.has("price-per-1k-completion-tokens")
                    ? amount(block, "price-per-1k-completion-tokens") : BigDecimal.ZERO, problems);
            if (block.has("cost-per-day") && !block.has("price-per-1k-prompt-tokens")
                    && !block.has("price-per-1k-completion-tokens")) {
                problems.add(block.invalid("cost-per-day", "needs the model's prices to count a cost:"
                        + " price-per-1k-prompt-tokens and price-per-1k-completion-tokens"));
            }
            if (problems.size() > before) return Optional.empty();
            return Optional.of(new Limits(perChat.orElseThrow(), perDay.orElseThrow(), cost.orElseThrow(),
                    promptPrice.orElseThrow(), completionPrice.orElseThrow()));
        }

        private static OptionalLong tokens(PluginSettings block, String key) {
            if (!block.has(key)) return OptionalLong.empty();
            long value = block.number(key);
            if (value < 1) throw block.invalid(key, "must be at least 1 (leave it out for no cap)");
            return OptionalLong.of(value);
        }

        private static BigDecimal amount(PluginSettings block, String key) {
            String given = block.string(key).strip();
            BigDecimal value;
            try {
                value = new BigDecimal(given);
            } catch (NumberFormatException e) {
                throw block.invalid(key, "'" + given + "' is not a number such as 2.00");
            }
            if (value.signum() < 0) throw block.invalid(key, "must not be negative");
            return value;
        }

        BigDecimal cost(long promptTokens, long completionTokens) {
            return pricePerThousandPrompt.multiply(BigDecimal.valueOf(promptTokens))
                    .add(pricePerThousandCompletion.multiply(BigDecimal.valueOf(completionTokens)))
                    .divide(BigDecimal.valueOf(1000), MathContext.DECIMAL64);
        }
    }

    private final Limits limits;
    private LocalDate day = LocalDate.MIN;
    private final Map<String, Long> tokensByChat = new HashMap<>();
    private final Set<String> toldToday = new HashSet<>();
    private long tokens;
    private BigDecimal cost = BigDecimal.ZERO;

    UsageCaps(Limits limits) {
        this.limits = limits;
    }

    /** The cap {@code chatKey} has reached today ({@code tokens-per-chat-per-day}, …), empty when none. */
    synchronized Optional<String> reached(String chatKey, LocalDate today) {
        rollOver(today);
        if (limits.tokensPerChatPerDay().isPresent()
                && tokensByChat.getOrDefault(chatKey, 0L) >= limits.tokensPerChatPerDay().getAsLong()) {
            return Optional.of("tokens-per-chat-per-day");
        }
        if (limits.tokensPerDay().isPresent() && tokens >= limits.tokensPerDay().getAsLong()) {
            return Optional.of("tokens-per-day");
        }
        if (limits.costPerDay().isPresent() && cost.compareTo(limits.costPerDay().get()) >= 0) {
            return Optional.of("cost-per-day");
        }
        return Optional.empty();
    }

    /** True the first time this is asked for {@code chatKey} today: the over-cap text is said once a day. */
    synchronized boolean firstRefusalToday(String chatKey, LocalDate today) {
        rollOver(today);
        return toldToday.add(chatKey);
    }

    /** Counts a call's use. */
    synchronized void record(String chatKey, LocalDate today, long promptTokens, long completionTokens) {
        rollOver(today);
        long used = promptTokens + completionTokens;
        tokensByChat.merge(chatKey, used, Long::sum);
        tokens += used;
        cost = cost.add(limits.cost(promptTokens, completionTokens));
    }

    private void rollOver(LocalDate today) {
        if (today.equals(day)) return;
        day = today;
        tokensByChat.clear();
        toldToday.clear();
        tokens = 0;
        cost = BigDecimal.ZERO;
    }
}
