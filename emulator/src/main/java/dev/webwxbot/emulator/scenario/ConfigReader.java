package dev.webwxbot.emulator.scenario;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Typed, path-aware reading of one HOCON object of a scenario file. A wrong or missing value is recorded as a
 * problem naming file, line and key, and a harmless stand-in is returned so that reading goes on and every problem
 * of the file is reported at once. Not thread-safe.
 */
final class ConfigReader {
    private final ConfigObject object;
    private final String path;
    private final String fileName;
    private final List<String> problems;

    ConfigReader(ConfigObject object, String path, String fileName, List<String> problems) {
        this.object = object;
        this.path = path;
        this.fileName = fileName;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    int line() {
        return Math.max(object.origin().lineNumber(), 0);
    }

    /** Records a problem with the key {@code key} of this object (or the object itself when {@code key} is null). */
    void problem(String key, String message) {
        ConfigValue value = key == null ? null : object.get(key);
        ConfigOrigin origin = value != null ? value.origin() : object.origin();
        problems.add(fileName + ":" + Math.max(origin.lineNumber(), 0) + ": " + keyPath(key) + ": " + message);
    }

    String keyPath(String key) {
        if (key == null) {
            return path.isEmpty() ? "(top level)" : path;
        }
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Reports every key not in {@code allowed}. */
    void allowOnly(Collection<String> allowed) {
        for (String key : object.keySet()) {
            if (!allowed.contains(key)) {
                problem(key, "unknown key (allowed here: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    boolean has(String key) {
        ConfigValue value = object.get(key);
        return value != null && value.valueType() != ConfigValueType.NULL;
    }

    String string(String key) {
        if (!has(key)) {
            problem(key, "missing (a string is required)");
            return "";
        }
        return optString(key).orElse("");
    }

    Optional<String> optString(String key) {
        ConfigValue value = object.get(key);
        if (value == null || value.valueType() == ConfigValueType.NULL) {
            return Optional.empty();
        }
        return switch (value.valueType()) {
            case STRING, NUMBER, BOOLEAN -> Optional.of(String.valueOf(value.unwrapped()));
            default -> {
                problem(key, "must be a string, is " + describe(value));
                yield Optional.of("");
            }
        };
    }

    /** A {@code true}/{@code false} value, or {@code null} when absent. */
    Boolean optBoolean(String key) {
        ConfigValue value = object.get(key);
        if (value == null || value.valueType() == ConfigValueType.NULL) {
            return null;
        }
        if (value.valueType() != ConfigValueType.BOOLEAN) {
            problem(key, "must be true or false, is " + describe(value));
            return null;
        }
        return (Boolean) value.unwrapped();
    }

    /** A non-empty identifier of letters, digits, {@code -} and {@code _}. */
    String id(String key) {
        String id = string(key);
        if (has(key) && !id.matches("[A-Za-z0-9_-]+")) {
            problem(key, "\"" + id + "\" is not an id (use letters, digits, - and _)");
        }
        return id;
    }

    int integer(String key, int fallback, int min, int max) {
        ConfigValue value = object.get(key);
        if (value == null || value.valueType() == ConfigValueType.NULL) {
            return fallback;
        }
        if (value.valueType() != ConfigValueType.NUMBER || !(value.unwrapped() instanceof Integer
                || value.unwrapped() instanceof Long)) {
            problem(key, "must be a whole number, is " + describe(value));
            return fallback;
        }
        long number = ((Number) value.unwrapped()).longValue();
        if (number < min || number > max) {
            problem(key, number + " is out of range " + min + ".." + max);
            return fallback;
        }
        return (int) number;
    }

    double decimal(String key, double min, double max) {
        ConfigValue value = object.get(key);
        if (value == null || value.valueType() != ConfigValueType.NUMBER) {
            problem(key, value == null ? "missing (a number is required)" : "must be a number, is " + describe(value));
            return 0;
        }
        double number = ((Number) value.unwrapped()).doubleValue();
        if (number < min || number > max) {
            problem(key, number + " is out of range " + min + ".." + max);
            return 0;
        }
        return number;
    }

    Optional<Duration> duration(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        try {
            Duration duration = object.toConfig().getDuration(quoted(key));
            if (duration.isNegative()) {
                problem(key, "must not be negative");
                return Optional.of(Duration.ZERO);
            }
            return Optional.of(duration);
        } catch (ConfigException e) {
            problem(key, "must be a duration such as 500ms, 2s or 1m");
            return Optional.of(Duration.ZERO);
        }
    }

    List<String> strings(String key) {
        ConfigValue value = object.get(key);
        if (value == null || value.valueType() == ConfigValueType.NULL) {
            return List.of();
        }
        if (!(value instanceof ConfigList list)) {
            problem(key, "must be a list, is " + describe(value));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (ConfigValue element : list) {
            if (element.valueType() != ConfigValueType.STRING) {
                problem(key, "every element must be a string, one is " + describe(element));
            } else {
                out.add((String) element.unwrapped());
            }
        }
        return out;
    }

    List<ConfigReader> objects(String key) {
        ConfigValue value = object.get(key);
        if (value == null || value.valueType() == ConfigValueType.NULL) {
            return List.of();
        }
        if (!(value instanceof ConfigList list)) {
            problem(key, "must be a list of objects, is " + describe(value));
            return List.of();
        }
        List<ConfigReader> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof ConfigObject element) {
                out.add(new ConfigReader(element, keyPath(key) + "[" + i + "]", fileName, problems));
            } else {
                problem(key, "element " + i + " must be an object { ... }, is " + describe(list.get(i)));
            }
        }
        return out;
    }

    Optional<ConfigReader> object(String key) {
        ConfigValue value = object.get(key);
        if (value == null || value.valueType() == ConfigValueType.NULL) {
            return Optional.empty();
        }
        if (value instanceof ConfigObject child) {
            return Optional.of(new ConfigReader(child, keyPath(key), fileName, problems));
        }
        problem(key, "must be an object { ... }, is " + describe(value));
        return Optional.empty();
    }

    /** The keys of this object, in file order is not kept by HOCON: sorted for stable messages. */
    List<String> keys() {
        return new ArrayList<>(new TreeSet<>(object.keySet()));
    }

    /** The value at {@code key} rendered as compact JSON (for pasted captures). */
    String json(String key) {
        return object.get(key).render(ConfigRenderOptions.concise());
    }

    boolean isObject(String key) {
        return object.get(key) instanceof ConfigObject;
    }

    private static String quoted(String key) {
        return "\"" + key.replace("\"", "\\\"") + "\"";
    }

    private static String describe(ConfigValue value) {
        return value.valueType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
