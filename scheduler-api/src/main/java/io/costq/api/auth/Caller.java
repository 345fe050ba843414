package io.costq.api.auth;

import io.costq.core.job.Tenants;
import jakarta.enterprise.context.RequestScoped;

/** Who is calling in this request, as the API key filter established it: name, role, tenant and scope. */
@RequestScoped
public class Caller {
    private String name;
    private Role role;
    private String tenant;
    private String scope;
    private boolean keyed;

    /**
     * @param tenant the tenant this caller's submits go to (and a submitter's estimates are read in)
     * @param scope  the tenants whose jobs it may see and act on: {@link Tenants#ALL} or a comma-separated list
     */
    void set(String name, Role role, String tenant, String scope) {
        this.name = name;
        this.role = role;
        this.tenant = tenant;
        this.scope = scope;
        this.keyed = true;
    }

    public String name() {
        return name;
    }

    /**
     * The key a route session is tied to and whose client ids it names; null without keys (loopback dev mode), where
     * sessions and client ids are as the Java SDK's.
     */
    public String sessionOwner() {
        return keyed ? name : null;
    }

    /** Every caller while API keys are off: an operator of the default tenant, named {@code local}. */
    void setLocal() {
        set("local", Role.OPERATOR, Tenants.DEFAULT, Tenants.ALL);
        keyed = false;
    }

    public Role role() {
        return role;
    }

    public boolean isOperator() {
        return role == Role.OPERATOR;
    }

    /** The tenant the caller submits to. */
    public String tenant() {
        return tenant;
    }

    /** The tenants whose jobs the caller may see and act on, as the by-id scripts take it. */
    public String scope() {
        return scope;
    }

    /** Fails with 403 unless the caller has one of the roles. */
    public void require(Role... roles) {
        for (Role r : roles) {
            if (r == role) return;
        }
        throw new ForbiddenException("this key's role " + role + " may not do this");
    }

    /** True when the caller may see a job of {@code tenant}: operators every tenant, others those of their scope. */
    public boolean sees(String tenant) {
        return Tenants.covers(scope, tenant);
    }

    /** 403 for a known key with the wrong role. */
    public static final class ForbiddenException extends RuntimeException {
        public ForbiddenException(String message) {
            super(message);
        }
    }
}
