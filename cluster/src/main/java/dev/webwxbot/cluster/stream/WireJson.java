package dev.webwxbot.cluster.stream;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.webwxbot.core.chain.DispatchTrace;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The exact JSON of plugin-api values between gateways and workers: {@code read(write(x), type)} equals {@code x}
 * for every event, outgoing message, receipt, result, contact and history entry, where the webhooks' JSON is
 * one-way. Abstract plugin-api types carry {@code "@type"} (see {@link ApiTyping}); unknown fields are ignored, so
 * a newer gateway may add some; an entry over 4 MB is refused. Thread-safe: one shared, immutable mapper.
 *
 * <p>A value is written as its outermost sealed plugin-api type when it has one, so a {@code TextMessage} written
 * alone still reads back as a {@code BotEvent} or a {@code MessageEvent}. A generic holder of such types (a
 * {@code List<BotEvent>}) needs {@link #write(Object, JavaType)} to say so. Read generic values
 * ({@code Result<Path>}, {@code Optional<Contact>}) through {@link #type(Type)} or a {@link TypeReference}: read as
 * a raw {@code Result}, its value comes back as plain JSON. For the same reason a value declared {@code Object}
 * (an {@code Argument}'s fallback, a {@code CommandCall}'s values) does not round-trip typed; commands are not wire
 * data (their action is code), and writing one fails.
 */
final class WireJson {
    static final int MAX_ENTRY_CHARS = 4 * 1024 * 1024;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(MAX_ENTRY_CHARS).build())
                    .build())
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("wire-paths")
                    .addSerializer(Path.class, new PathSerializer())
                    .addDeserializer(Path.class, new PathDeserializer()))
            .setDefaultTyping(new ApiTyping())
            // Contact.isGroup() and the like are derived, not state: only record components go on the wire.
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();

    /** A call's arguments, each in the wire's JSON. */
    static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    /** A finished message's trace steps, as its report carries them. */
    static final TypeReference<List<DispatchTrace.Step>> STEPS = new TypeReference<>() { };

    private WireJson() {
    }

    static String write(Object value) {
        return write(value, value == null ? type(Object.class) : rootType(value.getClass()));
    }

    static String write(Object value, JavaType type) {
        try {
            return MAPPER.writerFor(type).writeValueAsString(value);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new WireException("cannot write a " + type.toCanonical() + ": " + problem(e));
        }
    }

    static String write(Object value, Class<?> type) {
        return write(value, type(type));
    }

    static String write(Object value, TypeReference<?> type) {
        return write(value, MAPPER.getTypeFactory().constructType(type));
    }

    static <T> T read(String json, Class<T> type) {
        return type.cast(read(json, type(type)));
    }

    @SuppressWarnings("unchecked")
    static <T> T read(String json, TypeReference<T> type) {
        return (T) read(json, MAPPER.getTypeFactory().constructType(type));
    }

    static JavaType type(Type type) {
        return MAPPER.getTypeFactory().constructType(type);
    }

    /** {@code raw} with type parameters, as {@code Result<Path>}. */
    static JavaType type(Class<?> raw, Class<?>... parameters) {
        return MAPPER.getTypeFactory().constructParametricType(raw, parameters);
    }

    @SuppressWarnings("unchecked")
    static <T> T read(String json, JavaType type) {
        if (json.length() > MAX_ENTRY_CHARS) {
            throw new WireException("cannot read a " + type.toCanonical() + ": the entry is over 4 MB");
        }
        try {
            return (T) MAPPER.readerFor(type).readValue(json);
        } catch (StreamConstraintsException e) {
            throw new WireException("cannot read a " + type.toCanonical() + ": the entry is over 4 MB");
        } catch (JacksonException | IllegalArgumentException e) {
            throw new WireException("cannot read a " + type.toCanonical() + ": " + problem(e));
        }
    }

    /** The outermost sealed plugin-api type above the value's class, or the class itself. */
    private static JavaType rootType(Class<?> raw) {
        Class<?> root = raw;
        for (Class<?> candidate = raw; candidate != null; candidate = apiParent(candidate)) {
            if (ApiTyping.isApiAbstraction(candidate)) root = candidate;
        }
        return type(root);
    }

    private static Class<?> apiParent(Class<?> type) {
        for (Class<?> parent : type.getInterfaces()) {
            if (ApiTyping.isApiAbstraction(parent)) return parent;
        }
        Class<?> superclass = type.getSuperclass();
        return superclass != null && ApiTyping.isApiAbstraction(superclass) ? superclass : null;
    }

    /**
     * What went wrong and where, in words that quote no value: field names and indexes only, and of a record's own
     * complaint only a missing component's name (its other messages may quote the value it refused).
     */
    private static String problem(Exception e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return e instanceof JacksonException json && json.getLocation() != null
                    ? "malformed JSON near column " + json.getLocation().getColumnNr() : e.getClass().getSimpleName();
        }
        String at = mapping.getPath().isEmpty() ? "" : " at " + mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return switch (mapping) {
            case InvalidTypeIdException typeId -> "the type id" + at + " is missing or names no plugin-api subtype of "
                    + typeId.getBaseType().getRawClass().getName();
            case ValueInstantiationException refused when refused.getCause() instanceof NullPointerException missing
                    && missing.getMessage() != null -> "'" + missing.getMessage() + "' is missing" + at;
            case ValueInstantiationException refused -> "a value was refused by its record" + at;
            // A parse error met inside a value comes wrapped, with the path to it.
            case JsonMappingException wrapper when wrapper.getCause() instanceof JacksonException cause
                    && !(cause instanceof JsonMappingException) -> "malformed JSON" + at;
            default -> "an unreadable value" + at + " (" + e.getClass().getSimpleName() + ")";
        };
    }

    /** The path as given, relative or not: Jackson's own writes a file: URI, which makes a relative path absolute. */
    private static final class PathSerializer extends StdScalarSerializer<Path> {
        PathSerializer() {
            super(Path.class);
        }

        @Override
        public void serialize(Path value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(value.toString());
        }
    }

    private static final class PathDeserializer extends StdScalarDeserializer<Path> {
        PathDeserializer() {
            super(Path.class);
        }

        @Override
        public Path deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            if (text == null) return (Path) context.handleUnexpectedToken(Path.class, parser);
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                return (Path) context.handleWeirdStringValue(Path.class, "", "not a path");
            }
        }
    }
}
