package io.costq.api.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.costq.api.AuthApiTest;
import io.costq.api.auth.Role;
import io.costq.quarkus.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The roles the document gives each operation are the roles the API lets through: every operation, called with
 * no key, and with a key of each role (the keys of {@link AuthApiTest.WithKeys}), answers 401, 403 or neither
 * exactly as its security requirement says.
 */
@QuarkusTest
@TestProfile(AuthApiTest.WithKeys.class)
@WithTestResource(RedisTestResource.class)
class RolesMatchTheDocumentTest {
    private static final Map<Role, String> KEYS = Map.of(Role.SUBMITTER, "portal-secret", Role.OPERATOR, "ops-secret", Role.WORKER, "node-secret");

    @TestFactory
    Stream<DynamicTest> everyOperationLetsThroughExactlyTheRolesItDocuments() {
        OpenApiDoc doc = OpenApiDoc.fetch(RestAssured.baseURI + ":" + RestAssured.port);
        List<DynamicTest> tests = new ArrayList<>();
        for (OpenApiDoc.Op op : doc.operations()) {
            if (!op.path().startsWith("/v1")) continue;
            Set<String> allowed = new TreeSet<>();
            for (JsonNode requirement : op.node().path("security")) requirement.fields().forEachRemaining(f -> f.getValue().forEach(r -> allowed.add(r.asText())));
            tests.add(DynamicTest.dynamicTest(op.name() + " without a key", () -> {
                Response r = Probe.call(op, given());
                assertThat(r.statusCode()).as(r.asString()).isEqualTo(401);
            }));
            for (Role role : Role.values()) {
                boolean mayCall = allowed.contains(role.name());
                tests.add(DynamicTest.dynamicTest(op.name() + " as " + role + (mayCall ? " passes" : " is 403"), () -> {
                    Response r = Probe.call(op, given().header("Authorization", "Bearer " + KEYS.get(role)));
                    if (mayCall) assertThat(r.statusCode()).as(r.asString()).isNotIn(401, 403);
                    else assertThat(r.statusCode()).as(r.asString()).isEqualTo(403);
                }));
            }
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(16 * 4);
        return tests.stream();
    }
}
