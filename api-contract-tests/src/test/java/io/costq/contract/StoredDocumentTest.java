package io.costq.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The document stored at build time, which the linter and the generators read, is the one the API serves. */
@ExtendWith(RunningCostq.class)
class StoredDocumentTest {

    @Test
    void theStoredDocumentIsTheServedOne(CostqProcesses costq) throws Exception {
        ObjectMapper json = new ObjectMapper();
        // HTTP/1.1: see OpenApiDoc.fetch (the default h2c upgrade has failed intermittently on this answer)
        HttpResponse<String> served = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(costq.baseUri() + "/q/openapi?format=json")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(served.statusCode()).as("/q/openapi is open, keys or not").isEqualTo(200);
        assertThat(json.readTree(served.body())).isEqualTo(json.readTree(Path.of(System.getProperty("costq.openapi")).toFile()));
    }
}
