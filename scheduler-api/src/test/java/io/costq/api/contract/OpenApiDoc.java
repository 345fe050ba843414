package io.costq.api.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The OpenAPI document as a test reads it: operations by method and path, references resolved, and a check of a
 * JSON value against a schema for the subset of JSON Schema the document uses (type lists with "null", enum,
 * required, properties, items, additionalProperties, anyOf/allOf/oneOf, formats date-time and int32). A property
 * an object schema does not list is reported too: an answer must not carry fields the document does not know.
 */
public final class OpenApiDoc {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final JsonNode root;

    public OpenApiDoc(JsonNode root) {
        this.root = root;
    }

    /** The document a running API serves. */
    public static OpenApiDoc fetch(String baseUri) {
        try {
            // HTTP/1.1: the client's default h2c upgrade has failed here on this large answer ("Frame type(99) ...
            // exceeds MAX_FRAME_SIZE"), intermittently; the document is the same either way
            HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(baseUri + "/q/openapi?format=json"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException("GET /q/openapi answered " + r.statusCode());
            return new OpenApiDoc(JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + baseUri + "/q/openapi", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode root() {
        return root;
    }

    /** One operation of the document. */
    public record Op(String method, String path, JsonNode node) {
        public String name() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    public List<Op> operations() {
        List<Op> ops = new ArrayList<>();
        root.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            if (METHODS.contains(m.getKey())) ops.add(new Op(m.getKey(), p.getKey(), m.getValue()));
        }));
        return ops;
    }

    /** The operation a request reaches: a literal path wins over a template. */
    public Optional<Op> operation(String method, String path) {
        Op best = null;
        for (Op op : operations()) {
            if (!op.method().equalsIgnoreCase(method)) continue;
            if (op.path().equals(path)) return Optional.of(op);
            if (best == null && template(op.path()).matcher(path).matches()) best = op;
        }
        return Optional.ofNullable(best);
    }

    private static Pattern template(String path) {
        return Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
    }

    /** Follows {@code $ref}s within the document. */
    public JsonNode resolve(JsonNode node) {
        while (node != null && node.has("$ref")) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#/")) throw new IllegalArgumentException("external $ref " + ref);
            node = root.at(ref.substring(1));
            if (node.isMissingNode()) throw new IllegalArgumentException("dangling $ref " + ref);
        }
        return node;
    }

    /** The problems of {@code value} against {@code schema}, each prefixed with where in the value it is. */
    public List<String> check(JsonNode value, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        check(value, schema, "$", problems);
        return problems;
    }

    private void check(JsonNode value, JsonNode schema, String at, List<String> problems) {
        JsonNode s = resolve(schema);
        if (s == null || s.isMissingNode() || s.isEmpty()) return; // {} is any value
        if (schema.has("$ref") && schema.size() > 1) check(value, withoutRef(schema), at, problems); // siblings of $ref
        if (s.has("type") && !typeMatches(value, s.get("type"))) {
            problems.add(at + ": " + kind(value) + " where the document says " + s.get("type"));
            return;
        }
        if (s.has("enum") && !value.isNull() && !contains(s.get("enum"), value)) {
            problems.add(at + ": " + value + " is not one of " + s.get("enum"));
        }
        String format = s.path("format").asText("");
        if (format.equals("date-time") && value.isTextual()) {
            try {
                Instant.parse(value.asText());
            } catch (DateTimeParseException e) {
                problems.add(at + ": \"" + value.asText() + "\" is not a date-time");
            }
        }
        if (format.equals("int32") && value.isIntegralNumber() && !value.canConvertToInt()) problems.add(at + ": " + value + " overflows int32");
        if (s.has("anyOf") || s.has("oneOf")) {
            JsonNode options = s.has("anyOf") ? s.get("anyOf") : s.get("oneOf");
            boolean any = false;
            for (JsonNode o : options) any |= check(value, o).isEmpty();
            if (!any) problems.add(at + ": matches none of " + options);
        }
        if (s.has("allOf")) for (JsonNode o : s.get("allOf")) check(value, o, at, problems);
        if (value.isObject()) object(value, s, at, problems);
        if (value.isArray() && s.has("items")) {
            for (int i = 0; i < value.size(); i++) check(value.get(i), s.get("items"), at + "[" + i + "]", problems);
        }
    }

    private void object(JsonNode value, JsonNode s, String at, List<String> problems) {
        for (JsonNode r : s.path("required")) {
            if (!value.has(r.asText())) problems.add(at + ": required property " + r.asText() + " is missing");
        }
        JsonNode props = s.path("properties");
        JsonNode additional = s.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String where = at + "." + f.getKey();
            if (props.has(f.getKey())) check(f.getValue(), props.get(f.getKey()), where, problems);
            else if (additional != null && additional.isObject()) check(f.getValue(), additional, where, problems);
            else if (props.size() > 0 && (additional == null || additional.isBoolean() && !additional.asBoolean())) {
                problems.add(where + ": a property the document does not list");
            }
        }
    }

    private static JsonNode withoutRef(JsonNode schema) {
        var copy = schema.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("$ref");
        return copy;
    }

    private static boolean typeMatches(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode t : type) if (typeMatches(value, t)) return true;
            return false;
        }
        return switch (type.asText()) {
            case "null" -> value.isNull();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> false;
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode v : values) if (v.equals(value)) return true;
        return false;
    }

    private static String kind(JsonNode v) {
        return v.isNull() ? "null" : v.getNodeType().name().toLowerCase(Locale.ROOT) + " " + abbreviate(v.toString());
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }
}
