package io.costq.api.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds every answer of every {@code @QuarkusTest} in this module to the OpenAPI document: a RestAssured filter,
 * installed before each test (registered in META-INF/services), that fails the request when a /v1 operation answers
 * with a status the document does not list for it, without a header the document promises for that status, or with
 * a body that does not match the documented schema. So every API test written, by anyone, is also a contract test.
 */
public class DocumentedAnswers implements Filter, QuarkusTestBeforeEachCallback {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, OpenApiDoc> DOCS = new ConcurrentHashMap<>();

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        synchronized (DocumentedAnswers.class) {
            if (RestAssured.filters().stream().noneMatch(f -> f instanceof DocumentedAnswers)) RestAssured.filters(new DocumentedAnswers());
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec, FilterContext ctx) {
        Response response = ctx.next(request, responseSpec);
        String path = path(request.getURI());
        if (!path.startsWith("/v1/") && !path.equals("/v1")) return response;
        String base = request.getURI().substring(0, request.getURI().indexOf('/', request.getURI().indexOf("//") + 2));
        OpenApiDoc doc = DOCS.computeIfAbsent(base, OpenApiDoc::fetch);
        List<String> problems = problems(doc, request.getMethod(), path, response.statusCode(), response::header, response.asString());
        if (!problems.isEmpty()) {
            throw new AssertionError(request.getMethod() + " " + request.getURI() + " answered " + response.statusCode()
                    + " " + abbreviate(response.asString()) + ", not as the OpenAPI document says:\n  " + String.join("\n  ", problems));
        }
        return response;
    }

    /** What is undocumented about one answer; empty when the path is no operation of the document (a 404 of its own). */
    static List<String> problems(OpenApiDoc doc, String method, String path, int status, java.util.function.Function<String, String> header,
                                 String body) {
        Optional<OpenApiDoc.Op> op = doc.operation(method, path);
        List<String> problems = new ArrayList<>();
        if (op.isEmpty()) return problems;
        JsonNode answers = op.get().node().path("responses");
        JsonNode answer = answers.has(String.valueOf(status)) ? answers.get(String.valueOf(status)) : answers.get("default");
        if (answer == null) {
            problems.add(op.get().name() + " does not list status " + status);
            return problems;
        }
        answer = doc.resolve(answer);
        answer.path("headers").fieldNames().forEachRemaining(h -> {
            if (header.apply(h) == null) problems.add("header " + h + " is missing");
        });
        JsonNode schema = answer.path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            if (!body.isEmpty()) problems.add("a body where the document lists none");
            return problems;
        }
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (Exception e) {
            problems.add("the body is not JSON");
            return problems;
        }
        if (value == null || value.isMissingNode()) {
            problems.add("no body where the document lists one");
            return problems;
        }
        problems.addAll(doc.check(value, schema));
        return problems;
    }

    private static String path(String uri) {
        int start = uri.indexOf('/', uri.indexOf("//") + 2);
        int end = uri.indexOf('?', start);
        return start < 0 ? "/" : end < 0 ? uri.substring(start) : uri.substring(start, end);
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}
