package org.permithub.core.action;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A typed, strict view of one JSON object as Jackson hands it over ({@code Map<String,Object>}):
 * numbers as Integer/Long/Double/BigDecimal, timestamps as ISO-8601 strings, lists as List. Every
 * problem is an {@link ActionDataException} naming the field's path.
 */
public final class JsonFields {

    private final Map<String, Object> values;
    private final String path;

    private JsonFields(Map<String, Object> values, String path) {
        this.values = values == null ? Map.of() : values;
        this.path = path;
    }

    public static JsonFields of(Map<String, Object> values) {
        return new JsonFields(values, "");
    }

    public boolean has(String field) {
        return values.get(field) != null;
    }

    public String requiredString(String field) {
        return optionalString(field).orElseThrow(() -> missing(field));
    }

    public Optional<String> optionalString(String field) {
        Object value = values.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw wrongType(field, "a string", value);
        }
        if (text.isBlank()) {
            throw new ActionDataException(pathOf(field), "must not be blank");
        }
        return Optional.of(text.strip());
    }

    public BigDecimal requiredDecimal(String field) {
        return optionalDecimal(field).orElseThrow(() -> missing(field));
    }

    public Optional<BigDecimal> optionalDecimal(String field) {
        Object value = values.get(field);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(decimal(pathOf(field), value));
    }

    public double requiredDouble(String field) {
        return requiredDecimal(field).doubleValue();
    }

    public Optional<Double> optionalDouble(String field) {
        return optionalDecimal(field).map(BigDecimal::doubleValue);
    }

    public Optional<Boolean> optionalBoolean(String field) {
        Object value = values.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Boolean flag)) {
            throw wrongType(field, "true or false", value);
        }
        return Optional.of(flag);
    }

    public Instant requiredInstant(String field) {
        return optionalInstant(field).orElseThrow(() -> missing(field));
    }

    /** An ISO-8601 instant ({@code 2025-03-01T08:00:00Z} or with an offset {@code +08:00}). */
    public Optional<Instant> optionalInstant(String field) {
        Object value = values.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Instant instant) {
            return Optional.of(instant);
        }
        if (!(value instanceof String text)) {
            throw wrongType(field, "an ISO-8601 timestamp string", value);
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.strip()).toInstant());
        } catch (DateTimeParseException e) {
            throw new ActionDataException(pathOf(field),
                    "expected an ISO-8601 timestamp with offset, e.g. 2025-03-01T08:00:00+08:00, got '" + text + "'");
        }
    }

    public <E extends Enum<E>> E requiredEnum(String field, Class<E> type) {
        return optionalEnum(field, type).orElseThrow(() -> missing(field));
    }

    /** Matches the constant's name ignoring case, with '-' or ' ' read as '_'. */
    public <E extends Enum<E>> Optional<E> optionalEnum(String field, Class<E> type) {
        return optionalString(field).map(text -> enumValue(pathOf(field), text, type));
    }

    public <E extends Enum<E>> Set<E> enumSet(String field, Class<E> type) {
        List<String> texts = stringList(field);
        Set<E> result = EnumSet.noneOf(type);
        for (int i = 0; i < texts.size(); i++) {
            result.add(enumValue(pathOf(field) + "[" + i + "]", texts.get(i), type));
        }
        return result;
    }

    /** A list of strings; absent means empty. */
    public List<String> stringList(String field) {
        List<?> list = optionalList(field);
        List<String> result = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (!(item instanceof String text) || text.isBlank()) {
                throw new ActionDataException(pathOf(field) + "[" + i + "]", "expected a non-blank string");
            }
            result.add(text.strip());
        }
        return result;
    }

    /** A required, non-empty list of objects. */
    public List<JsonFields> requiredObjectList(String field) {
        if (!has(field)) {
            throw missing(field);
        }
        List<?> list = optionalList(field);
        if (list.isEmpty()) {
            throw new ActionDataException(pathOf(field), "must not be empty");
        }
        List<JsonFields> result = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            result.add(object(pathOf(field) + "[" + i + "]", list.get(i)));
        }
        return result;
    }

    public Optional<JsonFields> optionalObject(String field) {
        Object value = values.get(field);
        return value == null ? Optional.empty() : Optional.of(object(pathOf(field), value));
    }

    private List<?> optionalList(String field) {
        Object value = values.get(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw wrongType(field, "a list", value);
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    private static JsonFields object(String path, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new ActionDataException(path, "expected an object, got " + typeName(value));
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new ActionDataException(path, "object keys must be strings");
            }
        }
        return new JsonFields((Map<String, Object>) map, path);
    }

    private static BigDecimal decimal(String path, Object value) {
        BigDecimal result;
        if (value instanceof BigDecimal d) {
            result = d;
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            result = new BigDecimal(value.toString());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new ActionDataException(path, "must be a finite number");
            }
            result = new BigDecimal(Double.toString(d));
        } else {
            throw new ActionDataException(path, "expected a number, got " + typeName(value));
        }
        return result;
    }

    private static <E extends Enum<E>> E enumValue(String path, String text, Class<E> type) {
        String normalised = text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(normalised)) {
                return constant;
            }
        }
        throw new ActionDataException(path, "unknown value '" + text + "'; expected one of "
                + EnumSet.allOf(type));
    }

    private String pathOf(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private ActionDataException missing(String field) {
        return new ActionDataException(pathOf(field), "is required");
    }

    private ActionDataException wrongType(String field, String expected, Object value) {
        return new ActionDataException(pathOf(field), "expected " + expected + ", got " + typeName(value));
    }

    private static String typeName(Object value) {
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        return value.getClass().getSimpleName();
    }
}
