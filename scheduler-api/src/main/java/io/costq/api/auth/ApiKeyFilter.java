package io.costq.api.auth;

import io.costq.api.ErrorJson;
import io.costq.core.job.Tenants;
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
 * known ({@link Caller#require}); tenants where a job is known ({@link Caller#scope}, docs/tenants.md). Keys are
 * compared by their SHA-256, never stored or logged in plain text. Without keys (loopback dev mode) every caller is
 * an operator of the default tenant.
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

    /** What a key is: its name, role, the tenant it submits to and the tenants it sees. */
    record Known(String name, Role role, String tenant, String scope) {
    }

    private final Map<String, Known> byHash = new HashMap<>();

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
            byHash.put(key.sha256().toLowerCase(Locale.ROOT), known(name, role, key));
        });
        if (byHash.isEmpty()) LOG.warn("costq.auth.enabled=true but no costq.auth.keys are configured: every /v1 call answers 401");
        else LOG.infof("API keys: %d configured (%s)", byHash.size(), String.join(", ", config.keys().keySet()));
    }

    /** The key's tenant and scope by its role (start-up fails on a tenant name or a combination that makes no sense). */
    static Known known(String name, Role role, CostqConfig.Auth.Key key) {
        String field = "costq.auth.keys." + name;
        if (role != Role.WORKER && key.tenants().isPresent()) {
            throw new IllegalArgumentException(field + ".tenants is for WORKER keys (webhooks); a " + role + " key names one .tenant");
        }
        if (role == Role.WORKER && key.tenant().isPresent()) {
            throw new IllegalArgumentException(field + ".tenant is not for WORKER keys: list the tenants it acks for in .tenants");
        }
        return switch (role) {
            case SUBMITTER -> {
                String tenant = Tenants.requireName(field + ".tenant", key.tenant().orElse(name).trim());
                yield new Known(name, role, tenant, tenant);
            }
            case OPERATOR -> new Known(name, role, Tenants.requireName(field + ".tenant", key.tenant().orElse(Tenants.DEFAULT).trim()), Tenants.ALL);
            case WORKER -> new Known(name, role, Tenants.DEFAULT, key.tenants().map(ts -> String.join(",",
                    ts.stream().map(t -> Tenants.requireName(field + ".tenants", t.trim())).toList())).orElse(Tenants.ALL));
        };
    }

    @ServerRequestFilter
    public Response authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/v1")) return null; // health, metrics, openapi stay open
        if (!costq.auth().enabled()) {
            caller.setLocal();
            return null;
        }
        String key = presentedKey(request);
        Known known = key == null ? null : byHash.get(sha256(key));
        if (known == null) {
            return Response.status(401).header("WWW-Authenticate", "Bearer")
                    .entity(new ErrorJson(key == null ? "an API key is required" : "unknown API key", "Authorization")).build();
        }
        caller.set(known.name(), known.role(), known.tenant(), known.scope());
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
