package io.costq.bench.route;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.costq.core.route.AdmitSession;
import io.costq.core.route.DecisionServer;
import io.costq.core.route.RouteSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The three calls a client makes to the decision server, either straight to Redis or over the API's HTTP. */
interface RouteOps {
    /** Asks for a server; returns the session id (fails when none has room). */
    String route(String pool, String client) throws Exception;

    void renew(String session) throws Exception;

    void release(String session) throws Exception;

    /** The scripts called in-process, as an API instance calls them. */
    record Direct(DecisionServer decisions, RouteSettings settings) implements RouteOps {
        @Override
        public String route(String pool, String client) {
            if (decisions.route(pool, client, System.currentTimeMillis(), settings) instanceof AdmitSession.Admitted a) return a.session();
            throw new IllegalStateException("no room in pool " + pool);
        }

        @Override
        public void renew(String session) {
            decisions.renew(session, null, null, System.currentTimeMillis(), settings);
        }

        @Override
        public void release(String session) {
            decisions.release(session, System.currentTimeMillis(), settings);
        }
    }

    /** Over the API's HTTP, one shared HTTP/1.1 client (a connection per thread, kept alive). */
    final class Http implements RouteOps {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final URI base;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();

        Http(URI base) {
            this.base = base;
        }

        @Override
        public String route(String pool, String client) throws Exception {
            HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/v1/route?pool=" + pool + "&client=" + client)).GET());
            if (r.statusCode() != 200) throw new IOException("route answered " + r.statusCode() + " " + r.body());
            return JSON.readTree(r.body()).path("session").asText();
        }

        @Override
        public void renew(String session) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/v1/sessions/" + session + "/renew"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody());
            if (send(b).statusCode() != 200) throw new IOException("renew failed");
        }

        @Override
        public void release(String session) throws Exception {
            if (send(HttpRequest.newBuilder(base.resolve("/v1/sessions/" + session)).DELETE()).statusCode() != 204) {
                throw new IOException("release failed");
            }
        }

        private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
            return http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
