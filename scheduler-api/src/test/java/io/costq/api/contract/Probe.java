package io.costq.api.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Locale;

/**
 * Calls one operation of the document with harmless inputs: every path parameter an unknown id, every required
 * query parameter a made-up value, an empty JSON object as the body. Nothing it sends can change a job.
 */
final class Probe {
    static final String UNKNOWN_ID = "01ARZ3NDEKTSV4RRFFQ69G5FAV";

    private Probe() {
    }

    static Response call(OpenApiDoc.Op op, RequestSpecification spec) {
        for (JsonNode p : op.node().path("parameters")) {
            String name = p.path("name").asText();
            if (p.path("in").asText().equals("path")) spec = spec.pathParam(name, UNKNOWN_ID);
            else if (p.path("in").asText().equals("query") && p.path("required").asBoolean(false)) spec = spec.queryParam(name, "probe");
        }
        if (op.node().has("requestBody")) spec = spec.contentType("application/json").body("{}");
        return spec.request(op.method().toUpperCase(Locale.ROOT), op.path());
    }
}
