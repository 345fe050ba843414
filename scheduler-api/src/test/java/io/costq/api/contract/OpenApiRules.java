package io.costq.api.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.costq.api.auth.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules every operation of the document must follow so generated clients work and every answer is typed
 * (README "HTTP API contract"); {@link #violations} lists what breaks them. Most of what a /v1 operation shares
 * is added by ContractFilter; these rules hold whoever adds an operation to what ContractFilter cannot know.
 */
final class OpenApiRules {
    /** Property names only Jackson's JsonNode getters produce: a JsonNode described as a bean. */
    private static final Set<String> JSON_NODE_GETTERS = Set.of("valueNode", "containerNode", "missingNode", "nodeType", "pojo");
    private static final Set<String> ROLES = new TreeSet<>(Arrays.stream(Role.values()).map(Enum::name).toList());

    private OpenApiRules() {
    }

    static List<String> violations(OpenApiDoc doc) {
        List<String> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (OpenApiDoc.Op op : doc.operations()) {
            JsonNode o = op.node();
            String name = op.name();
            String id = o.path("operationId").asText("");
            if (!id.matches("[a-z][A-Za-z0-9]*")) out.add(name + ": no operationId (camelCase, e.g. listJobs)");
            else if (!ids.add(id)) out.add(name + ": operationId " + id + " is used twice");
            if (!o.path("tags").isArray() || o.path("tags").isEmpty()) out.add(name + ": no tag");
            if (o.has("x-costq-roles")) out.add(name + ": x-costq-roles left in the document (is ContractFilter running?)");
            security(op, out);
            answers(doc, op, out);
        }
        doc.root().path("components").path("schemas").fields().forEachRemaining(s -> {
            if (s.getKey().contains("JsonNode")) out.add("schema " + s.getKey() + ": Jackson's JsonNode leaks into the document");
            leaks("schema " + s.getKey(), s.getValue(), out);
        });
        return out;
    }

    private static void security(OpenApiDoc.Op op, List<String> out) {
        JsonNode security = op.node().get("security");
        if (!op.path().startsWith("/v1")) {
            if (security == null || !security.isEmpty()) out.add(op.name() + ": open (no key needed) but not marked security: []");
            return;
        }
        if (security == null || security.isEmpty()) {
            out.add(op.name() + ": no security requirement (declare its roles: @Operation(extensions = @Extension(name = Docs.ROLES, ...)))");
            return;
        }
        Set<String> schemes = new TreeSet<>();
        Set<Set<String>> roleSets = new HashSet<>();
        for (JsonNode requirement : security) {
            requirement.fields().forEachRemaining(f -> {
                schemes.add(f.getKey());
                Set<String> roles = new TreeSet<>();
                f.getValue().forEach(r -> roles.add(r.asText()));
                roleSets.add(roles);
                if (roles.isEmpty() || !ROLES.containsAll(roles)) out.add(op.name() + ": roles " + roles + " are not a non-empty subset of " + ROLES);
            });
        }
        if (!schemes.equals(new TreeSet<>(ContractFilter.SCHEMES))) out.add(op.name() + ": security schemes " + schemes + ", not " + ContractFilter.SCHEMES);
        if (roleSets.size() > 1) out.add(op.name() + ": the schemes list different roles " + roleSets);
    }

    private static void answers(OpenApiDoc doc, OpenApiDoc.Op op, List<String> out) {
        JsonNode responses = op.node().path("responses");
        Set<String> codes = new LinkedHashSet<>();
        responses.fieldNames().forEachRemaining(codes::add);
        if (codes.stream().noneMatch(c -> c.startsWith("2"))) out.add(op.name() + ": no 2xx answer");
        responses.fields().forEachRemaining(r -> {
            JsonNode answer = doc.resolve(r.getValue());
            JsonNode schema = answer.path("content").path("application/json").path("schema");
            if (r.getKey().startsWith("2") && !r.getKey().equals("204") && schema.isMissingNode()) {
                out.add(op.name() + ": " + r.getKey() + " has no application/json schema (give @APIResponse a content schema)");
            }
            if (r.getKey().compareTo("400") >= 0 && !"#/components/schemas/Error".equals(schema.path("$ref").asText())) {
                out.add(op.name() + ": " + r.getKey() + " does not answer the Error schema");
            }
            if (r.getKey().startsWith("2") && !schema.isMissingNode()) required(doc, op.name() + " " + r.getKey(), schema, out, new HashSet<>());
        });
        if (!op.path().startsWith("/v1")) return;
        List<String> needed = new ArrayList<>(List.of("401", "403", "406", "503"));
        if (op.node().has("requestBody")) needed.addAll(List.of("400", "415"));
        for (JsonNode p : op.node().path("parameters")) {
            String type = p.path("schema").path("type").asText("");
            boolean checked = type.equals("integer") || p.path("required").asBoolean(false) && !p.path("in").asText().equals("path");
            if (checked) needed.add("400"); // a path that names nothing is a 404
            if (type.equals("integer") && !p.path("schema").has("format")) out.add(op.name() + ": parameter " + p.path("name").asText() + " has no format");
        }
        for (String code : new LinkedHashSet<>(needed)) if (!codes.contains(code)) out.add(op.name() + ": no " + code + " answer");
        if (codes.contains("503") && !doc.resolve(responses.get("503")).path("headers").has("Retry-After")) {
            out.add(op.name() + ": its 503 does not promise Retry-After");
        }
    }

    /** Every property of an answer's object schemas is required: the API writes them all, null or not. */
    private static void required(OpenApiDoc doc, String where, JsonNode schema, List<String> out, Set<String> seen) {
        if (schema.has("$ref") && !seen.add(schema.get("$ref").asText())) return;
        JsonNode s = doc.resolve(schema);
        if (s.has("items")) required(doc, where, s.get("items"), out, seen);
        if (s.path("additionalProperties").isObject()) required(doc, where, s.get("additionalProperties"), out, seen);
        JsonNode props = s.path("properties");
        Set<String> req = new HashSet<>();
        s.path("required").forEach(r -> req.add(r.asText()));
        props.fields().forEachRemaining(p -> {
            if (!req.contains(p.getKey())) out.add(where + ": property " + p.getKey() + " of " + schema.path("$ref").asText("an inline schema") + " is not required");
            required(doc, where, p.getValue(), out, seen);
        });
    }

    private static void leaks(String where, JsonNode schema, List<String> out) {
        JsonNode props = schema.path("properties");
        props.fieldNames().forEachRemaining(p -> {
            if (JSON_NODE_GETTERS.contains(p)) out.add(where + ": property " + p + " (Jackson's JsonNode described as a bean)");
        });
        props.forEach(p -> leaks(where, p, out));
    }
}
