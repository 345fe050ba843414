package io.costq.api.auth;

import io.costq.api.ErrorJson;
import io.costq.quarkus.CostqConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every /v1 request by API key: 401 without a known key. Roles are checked where the action is
 * known ({@link Caller#require}). Keys are compared by their SHA-256, never stored or logged in plain text.
 */
@ApplicationScoped
public class ApiKeyFilter {
    private static final Logger LOG = Logger.getLogger(ApiKeyFilter.class);

    @Inject
    CostqConfig costq;
    @Inject
    Caller caller;
    @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0")
    String httpHost;

    private final Map<String, Map.Entry<String, Role>> byHash = new HashMap<>();

    void check(@Observes StartupEvent ev) {
        CostqConfig.Auth config = costq.auth();
        if (!config.enabled()) {
            if (!isLoopback(httpHost)) {
                throw new IllegalStateException("costq.auth.enabled=false is allowed only with quarkus.http.host bound to a "
                        + "loopback address (was " + httpHost + "); configure API keys under costq.auth.keys instead");
            }
            LOG.warnf("API keys are OFF (costq.auth.enabled=false); HTTP is bound to %s only", httpHost);
            return;
        }
        config.keys().forEach((name, key) -> {
            Role role;
            try {
                role = Role.valueOf(key.role().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("costq.auth.keys." + name + ".role must be SUBMITTER, OPERATOR or WORKER");
            }
            if (!key.sha256().matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("costq.auth.keys." + name + ".sha256 must be 64 hex digits (a SHA-256)");
            }
            byHash.put(key.sha256().toLowerCase(Locale.ROOT), Map.entry(name, role));
        });
        if (byHash.isEmpty()) LOG.warn("costq.auth.enabled=true but no costq.auth.keys are configured: every /v1 call answers 401");
        else LOG.infof("API keys: %d configured (%s)", byHash.size(), String.join(", ", config.keys().keySet()));
    }

    @ServerRequestFilter
    public Response authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/v1")) return null; // health, metrics, openapi stay open
        if (!costq.auth().enabled()) {
            caller.set("local", Role.OPERATOR);
            return null;
        }
        String key = presentedKey(request);
        Map.Entry<String, Role> known = key == null ? null : byHash.get(sha256(key));
        if (known == null) {
            return Response.status(401).header("WWW-Authenticate", "Bearer")
                    .entity(new ErrorJson(key == null ? "an API key is required" : "unknown API key", "Authorization")).build();
        }
        caller.set(known.getKey(), known.getValue());
        return null;
    }

    private static String presentedKey(ContainerRequestContext request) {
        String auth = request.getHeaderString("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) return auth.substring(7).trim();
        String header = request.getHeaderString("X-Api-Key");
        return header == null || header.isBlank() ? null : header.trim();
    }

    static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isLoopback(String host) {
        if (host.equals("localhost")) return true;
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (Exception e) {
            return false;
        }
    }
}
