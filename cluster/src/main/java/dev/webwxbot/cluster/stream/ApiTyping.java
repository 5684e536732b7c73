package dev.webwxbot.cluster.stream;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.TypeIdResolver;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;
import dev.webwxbot.api.event.BotEvent;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Type ids for plugin-api's sealed hierarchies, and only those: a value declared as an abstract type of
 * {@code dev.webwxbot.api} (an event, an {@code Outgoing}, a {@code Result}, ...) carries {@code "@type"} with its
 * class name relative to that package ({@code event.TextMessage}, {@code Outgoing$Text}); nothing else carries one.
 * Reading accepts an id only when it names a class of plugin-api that is a subtype of the declared type, so a forged
 * stream entry cannot make Jackson build any other class.
 */
final class ApiTyping extends ObjectMapper.DefaultTypeResolverBuilder {
    static final String PACKAGE = "dev.webwxbot.api.";
    static final String PROPERTY = "@type";

    ApiTyping() {
        // The builder wants a validator; the rule it could state is checked, with the subtype one, in ApiTypeIds.
        super(ObjectMapper.DefaultTyping.NON_FINAL,
                BasicPolymorphicTypeValidator.builder().allowIfSubType(PACKAGE).build());
        init(JsonTypeInfo.Id.CUSTOM, null);
        inclusion(JsonTypeInfo.As.PROPERTY);
        typeProperty(PROPERTY);
    }

    @Override
    public boolean useForType(JavaType type) {
        return isApiAbstraction(type.getRawClass());
    }

    static boolean isApiAbstraction(Class<?> raw) {
        return raw.getName().startsWith(PACKAGE) && !raw.isEnum() && !raw.isAnnotation() && !raw.isArray()
                && (raw.isInterface() || Modifier.isAbstract(raw.getModifiers()));
    }

    @Override
    protected TypeIdResolver idResolver(MapperConfig<?> config, JavaType baseType,
                                        PolymorphicTypeValidator subtypeValidator, Collection<NamedType> subtypes,
                                        boolean forSer, boolean forDeser) {
        return new ApiTypeIds(baseType, config);
    }

    /** One per declared base type, so it needs no state beyond it. */
    private static final class ApiTypeIds extends TypeIdResolverBase {
        private static final Pattern ID = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

        ApiTypeIds(JavaType baseType, MapperConfig<?> config) {
            super(baseType, config.getTypeFactory());
        }

        @Override
        public String idFromValue(Object value) {
            return idFromValueAndType(value, value.getClass());
        }

        @Override
        public String idFromValueAndType(Object value, Class<?> type) {
            if (!type.getName().startsWith(PACKAGE)) {
                // A plugin's own implementation of an api interface: the other side could not build it.
                throw new IllegalArgumentException(type.getName() + " is not a plugin-api type");
            }
            return type.getName().substring(PACKAGE.length());
        }

        @Override
        public JavaType typeFromId(DatabindContext context, String id) {
            if (id == null || id.length() > 200 || !ID.matcher(id).matches()) return null;
            Class<?> type;
            try {
                // Not initialised: a refused name runs no static code.
                type = Class.forName(PACKAGE + id, false, BotEvent.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return null;
            }
            if (!_baseType.getRawClass().isAssignableFrom(type) || isApiAbstraction(type)) return null;
            return context.getTypeFactory().constructSpecializedType(_baseType, type);
        }

        @Override
        public JsonTypeInfo.Id getMechanism() {
            return JsonTypeInfo.Id.CUSTOM;
        }
    }
}
