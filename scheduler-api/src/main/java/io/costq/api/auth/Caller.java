package io.costq.api.auth;

import jakarta.enterprise.context.RequestScoped;

/** Who is calling in this request, as the API key filter established it. */
@RequestScoped
public class Caller {
    private String name;
    private Role role;

    void set(String name, Role role) {
        this.name = name;
        this.role = role;
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }

    public boolean isOperator() {
        return role == Role.OPERATOR;
    }

    /** Fails with 403 unless the caller has one of the roles. */
    public void require(Role... roles) {
        for (Role r : roles) {
            if (r == role) return;
        }
        throw new ForbiddenException("this key's role " + role + " may not do this");
    }

    /** True when the caller may see a job owned by {@code owner}: operators see all, submitters their own. */
    public boolean mayRead(String owner) {
        return isOperator() || name != null && name.equals(owner);
    }

    /** 403 for a known key with the wrong role. */
    public static final class ForbiddenException extends RuntimeException {
        public ForbiddenException(String message) {
            super(message);
        }
    }
}
