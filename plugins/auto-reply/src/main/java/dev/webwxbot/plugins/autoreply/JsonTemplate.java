package dev.webwxbot.plugins.autoreply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.PluginSettings;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A JSON document written as a HOCON block whose string leaves are templates: {@code { question = "{text}",
 * user = "{sender}", n = 3 }}. The values a message puts in are escaped by the JSON writer, so a quote or a line
 * break in a message stays inside its string.
 *
 * <p>A leaf without placeholders whose whole text is a JSON number, {@code true} or {@code false} is sent as that
 * JSON value (the plugin reads HOCON values as text, so it cannot tell {@code 3} from {@code "3"}); any other leaf,
 * and every leaf with a placeholder, is a JSON string. Immutable.
 */
final class JsonTemplate {

    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    /** Decimals exactly as written ({@code 1.50} stays {@code 1.50}, {@code 100} never becomes {@code 1E+2}). */
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final Node root;

    private JsonTemplate(Node root) {
        this.root = root;
    }

    /** The JSON for one message. */
    JsonNode render(Template.TemplateValues values) {
        return root.render(values);
    }

    /**
     * Reads the block at {@code key} of {@code settings}; {@code {env:NAME}} may stand in its strings.
     *
     * @throws InvalidSettingsException naming the leaf (such as {@code body.user}) at the first problem
     */
    static JsonTemplate read(PluginSettings settings, String key, Environment environment, Placeholders placeholders) {
        return new JsonTemplate(value(settings, key, environment, placeholders));
    }

    private static Node value(PluginSettings settings, String key, Environment environment, Placeholders placeholders) {
        PluginSettings block = null;
        try {
            block = settings.section(key);
        } catch (InvalidSettingsException notABlock) {
            // a list or a leaf: tried below
        }
        if (block != null) return object(block, environment, placeholders);
        List<PluginSettings> blocks = null;
        try {
            blocks = settings.sectionList(key);
        } catch (InvalidSettingsException notBlocks) {
            // a list of values or a leaf
        }
        if (blocks != null) {
            List<Node> items = new ArrayList<>();
            for (PluginSettings item : blocks) items.add(object(item, environment, placeholders));
            return new ArrayOf(items);
        }
        List<String> texts = null;
        try {
            texts = settings.stringList(key);
        } catch (InvalidSettingsException notAList) {
            // a leaf
        }
        if (texts == null) return leaf(settings, key, settings.string(key), environment, placeholders);
        List<Node> items = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            items.add(leaf(settings, key + "." + i, texts.get(i), environment, placeholders));
        }
        return new ArrayOf(items);
    }

    private static Node object(PluginSettings block, Environment environment, Placeholders placeholders) {
        Map<String, Node> fields = new LinkedHashMap<>();
        for (String name : block.keys()) {
            fields.put(name, value(block, RemoteParts.quoted(name), environment, placeholders));
        }
        return new ObjectOf(fields);
    }

    private static Node leaf(PluginSettings settings, String key, String text, Environment environment,
                             Placeholders placeholders) {
        boolean literal = text.indexOf('{') < 0 && text.indexOf('}') < 0;
        if (literal && (text.equals("true") || text.equals("false"))) {
            return new Fixed(NODES.booleanNode(text.equals("true")));
        }
        if (literal && JSON_NUMBER.matcher(text).matches()) {
            boolean whole = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
            return new Fixed(whole ? NODES.numberNode(new BigInteger(text)) : NODES.numberNode(new BigDecimal(text)));
        }
        String resolved = RemoteParts.withEnvironment(settings, key, text, environment);
        return new Text(RemoteParts.template(settings, key, resolved, placeholders));
    }

    private sealed interface Node {
        JsonNode render(Template.TemplateValues values);
    }

    private record ObjectOf(Map<String, Node> fields) implements Node {
        @Override
        public JsonNode render(Template.TemplateValues values) {
            ObjectNode object = NODES.objectNode();
            fields.forEach((name, node) -> object.set(name, node.render(values)));
            return object;
        }
    }

    private record ArrayOf(List<Node> items) implements Node {
        @Override
        public JsonNode render(Template.TemplateValues values) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(item.render(values)));
            return array;
        }
    }

    private record Text(Template template) implements Node {
        @Override
        public JsonNode render(Template.TemplateValues values) {
            return NODES.textNode(template.render(values));
        }
    }

    private record Fixed(JsonNode value) implements Node {
        @Override
        public JsonNode render(Template.TemplateValues values) {
            return value;
        }
    }
}
