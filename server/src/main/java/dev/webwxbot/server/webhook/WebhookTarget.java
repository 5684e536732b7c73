package dev.webwxbot.server.webhook;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigUtil;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.server.json.EventJson;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where events go: one receiver URL, the secret its requests are signed with, which event types and accounts it
 * wants, and how hard to try. Immutable; {@link #toString()} never shows the secret.
 *
 * @param name the target's id in logs, metrics and the queue's file name ({@code [a-z0-9][a-z0-9._-]{0,63}})
 * @param url the receiver, {@code http} or {@code https}
 * @param secret the HMAC key; empty means requests go unsigned (warned about once at start)
 * @param events {@code *}, exact type names ({@code message.text}) or prefixes ({@code message.*})
 * @param accounts {@code *} or account ids
 * @param retry how often and how long a delivery is tried
 */
public record WebhookTarget(String name, URI url, String secret, Set<String> events, Set<String> accounts,
                            RetryPolicy retry) {

    /** Every type name {@link EventJson#type} gives. */
    public static final Set<String> TYPES = Set.of("message.text", "message.image", "message.voice",
            "message.video", "message.file", "message.card", "message.emoticon", "message.location", "message.link",
            "message.mini-program", "message.music", "message.quote", "message.transfer", "message.unknown",
            "friend-request", "revoke", "revoked", "system", "login", "logout", "contact.added", "contact.removed",
            "contact.changed", "group.created", "group.renamed", "group.member-joined", "group.member-left",
            "group.owner-changed", "safety.chat-paused", "safety.chat-resumed", "safety.send-ceiling",
            "safety.login-held", "safety.session-stalled", "safety.session-recovery");

    /** The key of the list of targets, under {@code webwx-bot} and under each account's block. */
    public static final String BLOCK = "webhooks";
    /**
     * The keys an entry of the list may have. The entries have no template in {@code reference.conf} (its list is
     * empty), so this reader's keys are the only list of them.
     */
    public static final Set<String> ENTRY_KEYS = Set.of("url", "secret", "events", "accounts", "name", "max-age",
            "backoff-base", "backoff-cap", "timeout");

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    /**
     * How a target's deliveries are retried: after a failure the next try waits {@code backoffBase}, doubling per
     * failure in a row up to {@code backoffCap}, with jitter; a delivery still failing {@code maxAge} after it was
     * published is dropped. Each request may take {@code timeout}.
     */
    public record RetryPolicy(Duration maxAge, Duration backoffBase, Duration backoffCap, Duration timeout) {
        /** 24 h, 1 s, 5 min, 10 s. */
        public static final RetryPolicy DEFAULT =
                new RetryPolicy(Duration.ofHours(24), Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(10));

        public RetryPolicy {
            positive(maxAge, "max-age");
            positive(backoffBase, "backoff-base");
            positive(backoffCap, "backoff-cap");
            positive(timeout, "timeout");
            if (backoffCap.compareTo(backoffBase) < 0) {
                throw new IllegalArgumentException("backoff-cap must not be shorter than backoff-base");
            }
        }

        private static void positive(Duration d, String key) {
            if (Objects.requireNonNull(d, key).isNegative() || d.isZero()) {
                throw new IllegalArgumentException(key + " must be positive");
            }
        }
    }

    public WebhookTarget {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("url must be an absolute http or https URL with a host");
        }
        Objects.requireNonNull(secret, "secret");
        events = Set.copyOf(events);
        accounts = Set.copyOf(accounts);
        Objects.requireNonNull(retry, "retry");
        if (events.isEmpty()) throw new IllegalArgumentException("events must not be empty (use [\"*\"] for all)");
        for (String pattern : events) {
            boolean known = pattern.equals("*") || TYPES.contains(pattern) || pattern.endsWith(".*")
                    && TYPES.stream().anyMatch(t -> t.startsWith(pattern.substring(0, pattern.length() - 1)));
            if (!known) throw new IllegalArgumentException("events: unknown event type " + pattern);
        }
        if (accounts.isEmpty()) throw new IllegalArgumentException("accounts must not be empty (use [\"*\"] for all)");
        for (String account : accounts) {
            if (!account.equals("*") && !ACCOUNT.matcher(account).matches()) {
                throw new IllegalArgumentException("accounts: not an account id: " + account);
            }
        }
        if (name == null || name.isEmpty()) name = derivedName(url, accounts);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must match " + NAME.pattern() + ": " + name);
        }
    }

    /** A target for every event of every account, with the default retry policy and a derived name. */
    public static WebhookTarget of(URI url, String secret) {
        return new WebhookTarget("", url, secret, Set.of("*"), Set.of("*"), RetryPolicy.DEFAULT);
    }

    /** Whether this target wants events of {@code type} from {@code accountId}. */
    public boolean wants(String accountId, String type) {
        if (!accounts.contains("*") && !accounts.contains(accountId)) return false;
        for (String pattern : events) {
            if (pattern.equals("*") || pattern.equals(type)) return true;
            if (pattern.endsWith(".*") && type.startsWith(pattern.substring(0, pattern.length() - 1))) return true;
        }
        return false;
    }

    /** Whether this target wants {@code event} from {@code accountId}. */
    public boolean wants(String accountId, BotEvent event) {
        return wants(accountId, EventJson.type(event));
    }

    /** The URL without query, fragment or user info, which may hold a token: what logs may show. */
    public String safeUrl() {
        int port = url.getPort();
        return url.getScheme() + "://" + url.getHost() + (port < 0 ? "" : ":" + port)
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    @Override
    public String toString() {
        return "WebhookTarget[name=" + name + ", url=" + safeUrl() + ", signed=" + !secret.isEmpty()
                + ", events=" + events + ", accounts=" + accounts + ", retry=" + retry + "]";
    }

    /**
     * Every target under {@code webwx-bot.webhooks} (for any account the entry names) and under each
     * {@code webwx-bot.accounts.<id>.webhooks} (for that account only). Each entry: {@code url} (required),
     * {@code secret} (default empty: unsigned), {@code events} (default {@code ["*"]}), {@code accounts} (default
     * {@code ["*"]}; not allowed in an account's own list), {@code name}, {@code max-age}, {@code backoff-base},
     * {@code backoff-cap}, {@code timeout}.
     *
     * @throws IllegalArgumentException naming the key of the first invalid entry, or of two entries sharing a name
     */
    public static List<WebhookTarget> read(Config root) {
        List<WebhookTarget> targets = new ArrayList<>();
        readList(root, "webwx-bot.webhooks", null, targets);
        if (root.hasPath("webwx-bot.accounts")) {
            for (String id : root.getObject("webwx-bot.accounts").keySet()) {
                readList(root, ConfigUtil.joinPath("webwx-bot", "accounts", id, "webhooks"), id, targets);
            }
        }
        Set<String> names = new LinkedHashSet<>();
        for (WebhookTarget target : targets) {
            if (!names.add(target.name())) {
                throw new IllegalArgumentException("webwx-bot webhooks: two targets are named " + target.name()
                        + " (the same URL twice?); give each a distinct name");
            }
        }
        return List.copyOf(targets);
    }

    private static void readList(Config root, String path, String account, List<WebhookTarget> into) {
        if (!root.hasPath(path)) return;
        List<? extends Config> entries;
        try {
            entries = root.getConfigList(path);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(path + ": must be a list of objects", e);
        }
        for (int i = 0; i < entries.size(); i++) {
            String key = path + "[" + i + "]";
            try {
                into.add(readOne(entries.get(i), account, key));
            } catch (ConfigException | IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
            }
        }
    }

    private static WebhookTarget readOne(Config entry, String account, String key) {
        if (!entry.hasPath("url")) throw new IllegalArgumentException("url is required");
        URI url;
        try {
            url = new URI(entry.getString("url"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a URL");
        }
        Set<String> accounts;
        if (account == null) {
            accounts = strings(entry, "accounts");
        } else {
            if (entry.hasPath("accounts")) {
                throw new IllegalArgumentException("accounts is not allowed in an account's own webhooks");
            }
            accounts = Set.of(account);
        }
        RetryPolicy d = RetryPolicy.DEFAULT;
        RetryPolicy retry = new RetryPolicy(duration(entry, "max-age", d.maxAge()),
                duration(entry, "backoff-base", d.backoffBase()), duration(entry, "backoff-cap", d.backoffCap()),
                duration(entry, "timeout", d.timeout()));
        String name = entry.hasPath("name") ? entry.getString("name") : "";
        String secret = entry.hasPath("secret") ? entry.getString("secret") : "";
        return new WebhookTarget(name, url, secret, strings(entry, "events"), accounts, retry);
    }

    private static Set<String> strings(Config entry, String key) {
        return entry.hasPath(key) ? new LinkedHashSet<>(entry.getStringList(key)) : Set.of("*");
    }

    private static Duration duration(Config entry, String key, Duration fallback) {
        return entry.hasPath(key) ? entry.getDuration(key) : fallback;
    }

    /** Host and a hash of the URL and account scope: stable across restarts, so the queue file is found again. */
    private static String derivedName(URI url, Set<String> accounts) {
        String host = url.getHost().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-")
                .replaceAll("^[^a-z0-9]+", "");
        if (host.length() > 40) host = host.substring(0, 40);
        String scope = accounts.contains("*") ? "*" : String.join(",", accounts.stream().sorted().toList());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((url + "|" + scope).getBytes(StandardCharsets.UTF_8));
            return (host.isEmpty() ? "hook" : host) + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
