package io.costq.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/** The served document follows the contract's rules, and an operation added without them is named. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class OpenApiRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static OpenApiDoc served() {
        return OpenApiDoc.fetch(RestAssured.baseURI + ":" + RestAssured.port);
    }

    @Test
    void everyOperationOfTheServedDocumentFollowsTheRules() {
        OpenApiDoc doc = served();
        assertThat(doc.operations()).hasSizeGreaterThanOrEqualTo(16);
        assertThat(OpenApiRules.violations(doc)).isEmpty();
    }

    @Test
    void anOperationAddedWithoutIdRolesOrTypedAnswersIsNamed() throws Exception {
        ObjectNode root = served().root().deepCopy();
        ((ObjectNode) root.get("paths")).set("/v1/things/{id}", JSON.readTree("""
                {"get": {"summary": "A thing", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                                                               {"name": "limit", "in": "query", "schema": {"type": "integer"}}],
                         "responses": {"200": {"description": "OK"}, "404": {"description": "No such thing"}}},
                 "put": {"operationId": "getConfig", "tags": ["jobs"], "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
                         "security": [{"bearer": ["ADMIN"]}],
                         "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object",
                                       "properties": {"payload": {"type": "object", "properties": {"valueNode": {"type": "boolean"}}}}}}}}}}}
                """));
        assertThat(OpenApiRules.violations(new OpenApiDoc(root))).containsExactlyInAnyOrder(
                "GET /v1/things/{id}: no operationId (camelCase, e.g. listJobs)",
                "GET /v1/things/{id}: no tag",
                "GET /v1/things/{id}: no security requirement (declare its roles: @Operation(extensions = @Extension(name = Docs.ROLES, ...)))",
                "GET /v1/things/{id}: 200 has no application/json schema (give @APIResponse a content schema)",
                "GET /v1/things/{id}: 404 does not answer the Error schema",
                "GET /v1/things/{id}: parameter limit has no format",
                "GET /v1/things/{id}: no 401 answer", "GET /v1/things/{id}: no 403 answer", "GET /v1/things/{id}: no 406 answer",
                "GET /v1/things/{id}: no 503 answer", "GET /v1/things/{id}: no 400 answer",
                "PUT /v1/things/{id}: operationId getConfig is used twice",
                "PUT /v1/things/{id}: roles [ADMIN] are not a non-empty subset of [OPERATOR, SUBMITTER, WORKER]",
                "PUT /v1/things/{id}: security schemes [bearer], not [bearer, apiKey]",
                "PUT /v1/things/{id} 200: property payload of an inline schema is not required",
                "PUT /v1/things/{id} 200: property valueNode of an inline schema is not required",
                "PUT /v1/things/{id}: no 401 answer", "PUT /v1/things/{id}: no 403 answer", "PUT /v1/things/{id}: no 406 answer",
                "PUT /v1/things/{id}: no 503 answer", "PUT /v1/things/{id}: no 400 answer", "PUT /v1/things/{id}: no 415 answer");
    }

    @Test
    void jacksonsJsonNodeDescribedAsABeanIsNamed() throws Exception {
        ObjectNode root = served().root().deepCopy();
        ((ObjectNode) root.at("/components/schemas")).set("JsonNode", JSON.readTree("{\"type\": \"object\", \"properties\": "
                + "{\"empty\": {\"type\": \"boolean\"}, \"valueNode\": {\"type\": \"boolean\"}, \"containerNode\": {\"type\": \"boolean\"}}}"));
        assertThat(OpenApiRules.violations(new OpenApiDoc(root))).containsExactlyInAnyOrder(
                "schema JsonNode: Jackson's JsonNode leaks into the document",
                "schema JsonNode: property valueNode (Jackson's JsonNode described as a bean)",
                "schema JsonNode: property containerNode (Jackson's JsonNode described as a bean)");
    }
}
