package dev.webwxbot.core.chain;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Identity;
import dev.webwxbot.api.Phase;
import dev.webwxbot.api.Role;
import dev.webwxbot.api.event.MessageEvent;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's roles as the chain applies them: each account's {@link Permissions}, and whether a sender may reach
 * a handler. A denial is silent to the sender (a command says why on its own) and logged at INFO once per account,
 * sender and plugin, so a persistent sender cannot flood the log. Thread-safe.
 */
final class ChainPermissions {

    /** The chain's logger: operators find the denials where they always were. */
    private static final Logger log = LoggerFactory.getLogger(PluginChain.class);
    private static final int DENIALS_REMEMBERED = 10_000;

    private volatile Function<String, Permissions> byAccount = account -> Permissions.NONE;
    /** Who was told about being denied by which plugin: logged once each. */
    private final Set<String> deniedLogged = ConcurrentHashMap.newKeySet();

    /** New roles, per account; denials are logged afresh under them. */
    void set(Function<String, Permissions> permissions) {
        byAccount = Objects.requireNonNull(permissions, "permissions");
        deniedLogged.clear();
    }

    /** The operator's roles for {@code account}. */
    Permissions of(String account) {
        return byAccount.apply(account);
    }

    /**
     * Why the sender may not reach this handler, empty when they may: a blocked sender reaches monitors only (and
     * only those asking no more than anyone), anyone else needs the handler's role.
     */
    String denial(PluginChain.Link link, MessageEvent message, Role role, Bot bot, String account) {
        Role needed = link.requiredRole();
        boolean monitor = link.registered().phase() == Phase.MONITOR;
        String why;
        if (role == Role.BLOCKED && !monitor) {
            why = "the sender is blocked";
        } else if (!(role == Role.BLOCKED ? Role.ANYONE : role).atLeast(needed)) {
            why = "the sender is " + role.name().toLowerCase(Locale.ROOT) + "; the handler needs "
                    + needed.name().toLowerCase(Locale.ROOT);
        } else {
            return "";
        }
        String who = bot.contacts().identity(message.sender()).map(Identity::toString)
                .orElse(message.sender().userName());
        if (deniedLogged.size() > DENIALS_REMEMBERED) deniedLogged.clear();
        if (deniedLogged.add(account + '\n' + link.registered().pluginId() + '\n' + who)) {
            log.info("account {}: plugin '{}' does not hear {}: {} (said once per sender and plugin)", account,
                    link.registered().pluginId(), who, why);
        }
        return why;
    }
}
