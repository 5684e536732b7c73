package dev.webwxbot.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A plugin's effective configuration as JSON for people to read, with its secrets masked. A value is masked when
 * a word of its key names a secret ({@code token}, {@code api-key}, {@code password}, {@code Authorization}, ...;
 * {@code keywords} and {@code max-tokens} are not such words) or when it came from an environment variable
 * ({@code ${?OPENAI_KEY}}): operators put secrets there so that they stay out of files. The plugin API has no way
 * for a plugin to mark a field secret, so these two rules are all there is. Stateless.
 */
final class ConfigMask {

    static final String MASK = "********";
    private static final Set<String> SECRET_WORDS = Set.of("token", "secret", "secrets", "password", "passwd", "pwd",
            "passphrase", "key", "apikey", "credential", "credentials", "authorization", "auth", "cookie", "signature");
    /** Splits {@code api-key}, {@code api_key}, {@code apiKey}, {@code X-Api-Key} into words. */
    private static final Pattern WORDS = Pattern.compile("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])");

    private ConfigMask() {
    }

    /** The configuration as JSON, with the paths of the values masked. */
    record Masked(ObjectNode config, List<String> masked) {
    }

    static Masked of(Config config) {
        Set<String> masked = new TreeSet<>();
        ObjectNode root = object(config.root(), "", masked);
        return new Masked(root, List.copyOf(masked));
    }

    /** Whether a key's name says its value is a secret. */
    static boolean secretName(String key) {
        for (String word : WORDS.split(key)) {
            if (SECRET_WORDS.contains(word.toLowerCase(Locale.ROOT))) return true;
        }
        return false;
    }

    private static ObjectNode object(ConfigObject object, String path, Set<String> masked) {
        ObjectNode node = Replies.JSON.createObjectNode();
        for (String key : new TreeSet<>(object.keySet())) {
            String childPath = path.isEmpty() ? key : path + "." + key;
            node.set(key, value(object.get(key), childPath, secretName(key), masked));
        }
        return node;
    }

    private static JsonNode value(ConfigValue value, String path, boolean secret, Set<String> masked) {
        if (value instanceof ConfigObject object) {
            if (secret) return maskedValue(path, masked); // a block named "secrets" hides everything in it
            return object(object, path, masked);
        }
        if (value instanceof ConfigList list) {
            ArrayNode array = Replies.JSON.createArrayNode();
            for (int i = 0; i < list.size(); i++) array.add(value(list.get(i), path + "." + i, secret, masked));
            return array;
        }
        if (value.unwrapped() == null) return Replies.JSON.nullNode();
        if (secret || fromEnvironment(value)) return maskedValue(path, masked);
        return Replies.JSON.valueToTree(value.unwrapped());
    }

    private static JsonNode maskedValue(String path, Set<String> masked) {
        masked.add(path);
        return Replies.JSON.getNodeFactory().textNode(MASK);
    }

    /** Typesafe Config names the origin of a value substituted from the environment "env variables". */
    private static boolean fromEnvironment(ConfigValue value) {
        String origin = value.origin().description();
        return origin != null && origin.toLowerCase(Locale.ROOT).contains("env var");
    }
}
