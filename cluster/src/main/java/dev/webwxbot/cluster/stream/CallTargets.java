package dev.webwxbot.cluster.stream;

import dev.webwxbot.api.AccountOperations;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.History;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a worker may call on a gateway: the methods of the plugin API's {@link Contacts}, {@link AccountOperations},
 * {@link History} and a few of {@link Bot}, found by interface, name and number of arguments (none is overloaded on
 * its types). Anything else named in a command entry is refused: the stream is not a way to run arbitrary code.
 */
final class CallTargets {

    static final String BOT = "Bot";
    static final String CONTACTS = "Contacts";
    static final String ACCOUNT = "AccountOperations";
    static final String HISTORY = "History";

    private static final Map<String, Class<?>> INTERFACES = Map.of(BOT, Bot.class, CONTACTS, Contacts.class,
            ACCOUNT, AccountOperations.class, HISTORY, History.class);
    /** {@link Bot}'s own calls; its contacts, account and history are reached through their interfaces. */
    private static final Set<String> BOT_METHODS = Set.of("self", "send", "revoke", "download", "downloadThumbnail",
            "downloadHeadImage");

    private CallTargets() {
    }

    /** The method a call names, if it may be called. */
    static Optional<Method> method(String target, String name, int arity) {
        Class<?> type = INTERFACES.get(target);
        if (type == null) return Optional.empty();
        if (type == Bot.class && !BOT_METHODS.contains(name)) return Optional.empty();
        return Arrays.stream(type.getMethods())
                .filter(method -> !Modifier.isStatic(method.getModifiers()))
                .filter(method -> method.getDeclaringClass() == type)
                .filter(method -> method.getName().equals(name) && method.getParameterCount() == arity)
                .findFirst();
    }

    /** The name a call gives {@code type}'s methods. */
    static String name(Class<?> type) {
        return INTERFACES.entrySet().stream().filter(entry -> entry.getValue() == type).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("not callable: " + type.getName()));
    }

    /** The object of {@code bot} that {@code target}'s methods are called on. */
    static Object on(String target, Bot bot) {
        return switch (target) {
            case CONTACTS -> bot.contacts();
            case ACCOUNT -> bot.account();
            case HISTORY -> bot.history();
            default -> bot;
        };
    }
}
