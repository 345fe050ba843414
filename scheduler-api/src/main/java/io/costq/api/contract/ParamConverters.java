package io.costq.api.contract;

import io.costq.api.ErrorJson;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/**
 * Converts every integer and enum query, path and header parameter of every resource, so a value that is not a
 * number, overflows, or lies outside the parameter's {@code @Min}/{@code @Max} answers 400 {@code {"error","field"}}
 * naming the parameter. (JAX-RS would answer 404 with an empty body for a query or path parameter.)
 * <p>
 * {@code @Min}/{@code @Max} on a parameter are both its documented bounds (smallrye-openapi writes them as
 * {@code minimum}/{@code maximum}) and the bounds enforced here: there is no Bean Validation in this app, and
 * these two are the only constraints a parameter may carry. A blank value counts as absent (the
 * {@code @DefaultValue}, or null for a boxed type).
 */
@Provider
public class ParamConverters implements ParamConverterProvider {
    private static final Map<Class<?>, Function<String, Number>> INTEGERS = Map.of(
            int.class, Integer::valueOf, Integer.class, Integer::valueOf,
            long.class, Long::valueOf, Long.class, Long::valueOf,
            short.class, Short::valueOf, Short.class, Short::valueOf);

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = name(annotations);
        if (name == null) return null;
        if (INTEGERS.containsKey(rawType)) {
            return (ParamConverter<T>) new IntegerParam(name, rawType, INTEGERS.get(rawType), annotations);
        }
        if (rawType.isEnum()) return (ParamConverter<T>) new EnumParam(name, (Class<? extends Enum>) rawType);
        return null;
    }

    /** The parameter's name as the caller writes it; null for parameters that are not query, path or header. */
    private static String name(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) return q.value();
            if (a instanceof PathParam p) return p.value();
            if (a instanceof HeaderParam h) return h.value();
        }
        return null;
    }

    private static <A extends Annotation> A find(Annotation[] annotations, Class<A> type) {
        for (Annotation a : annotations) {
            if (type.isInstance(a)) return type.cast(a);
        }
        return null;
    }

    static WebApplicationException invalid(String name, String message) {
        return new WebApplicationException(message, Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorJson(message, name)).build());
    }

    private static final class IntegerParam implements ParamConverter<Number> {
        private final String name;
        private final Function<String, Number> parse;
        private final boolean primitive;
        private final String fallback;
        private final Long min;
        private final Long max;

        IntegerParam(String name, Class<?> type, Function<String, Number> parse, Annotation[] annotations) {
            this.name = name;
            this.parse = parse; // rejects what overflows the Java type
            this.primitive = type.isPrimitive();
            DefaultValue d = find(annotations, DefaultValue.class);
            this.fallback = d == null ? null : d.value();
            Min lo = find(annotations, Min.class);
            Max hi = find(annotations, Max.class);
            this.min = lo == null ? null : lo.value();
            this.max = hi == null ? null : hi.value();
        }

        @Override
        public Number fromString(String value) {
            String v = value == null || value.isBlank() ? fallback : value.trim();
            if (v == null) {
                if (primitive) throw invalid(name, name + " must be an integer" + range());
                return null;
            }
            Number n;
            try {
                n = parse.apply(v);
            } catch (NumberFormatException e) {
                throw invalid(name, name + " must be an integer" + range() + " (was \"" + shorten(v) + "\")");
            }
            if (min != null && n.longValue() < min || max != null && n.longValue() > max) {
                throw invalid(name, name + " must be an integer" + range() + " (was " + n + ")");
            }
            return n;
        }

        private String range() {
            if (min != null && max != null) return " in " + min + ".." + max;
            if (min != null) return " >= " + min;
            return max != null ? " <= " + max : "";
        }

        @Override
        public String toString(Number value) {
            return String.valueOf(value);
        }
    }

    private record EnumParam<E extends Enum<E>>(String name, Class<E> type) implements ParamConverter<E> {
        @Override
        public E fromString(String value) {
            if (value == null || value.isBlank()) return null;
            try {
                return Enum.valueOf(type, value.trim());
            } catch (IllegalArgumentException e) {
                throw invalid(name, name + " must be one of " + Arrays.toString(type.getEnumConstants())
                        + " (was \"" + shorten(value) + "\")");
            }
        }

        @Override
        public String toString(E value) {
            return value.name();
        }
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
