package io.costq.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.costq.core.InvalidInputException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisTimeoutException;

/** Maps failures to clear JSON answers: 4xx naming the field for bad input, 503 + Retry-After while Redis is away. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response invalid(InvalidInputException e) {
        return Response.status(400).entity(new ErrorJson(e.getMessage(), e.field())).build();
    }

    /** Listed one by one: Quarkus ships mappers for the more specific Jackson types, which would win otherwise. */
    @ServerExceptionMapper({JsonProcessingException.class, com.fasterxml.jackson.core.JsonParseException.class,
            com.fasterxml.jackson.databind.exc.MismatchedInputException.class,
            com.fasterxml.jackson.databind.exc.InvalidFormatException.class,
            com.fasterxml.jackson.databind.exc.ValueInstantiationException.class})
    public Response malformed(JsonProcessingException e) {
        String field = "body";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            field = m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
        }
        String what = e instanceof JsonMappingException && !field.equals("body") ? field + " has the wrong type" : "malformed JSON";
        return Response.status(400).entity(new ErrorJson(what, field)).build();
    }

    /**
     * The framework's own 4xx (no such path 404, method 405, Accept 406, Content-Type 415) get the same body as
     * ours; an answer that already has a body (e.g. a parameter's 400 from {@code ParamConverters}) passes as is.
     * Listed one by one for the same reason as above. Quarkus's JSON body reader wraps Jackson's other read
     * failures (a number out of range of its field, a broken stream) in a 400 without a body: answered like the
     * rest, naming the field.
     */
    @ServerExceptionMapper({WebApplicationException.class, NotFoundException.class, NotAllowedException.class,
            NotAcceptableException.class, NotSupportedException.class, BadRequestException.class})
    public Response framework(WebApplicationException e) {
        Response r = e.getResponse();
        if (e.getCause() instanceof JsonProcessingException j && r.getStatus() == 400) return malformed(j);
        if (r.hasEntity() || r.getStatus() < 400) return r;
        String what = switch (r.getStatus()) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed here";
            case 406 -> "this resource answers only application/json";
            case 415 -> "send the body as application/json";
            default -> r.getStatusInfo().getReasonPhrase();
        };
        String field = switch (r.getStatus()) {
            case 406 -> "Accept";
            case 415 -> "Content-Type";
            default -> null;
        };
        // fromResponse keeps the framework's headers (Allow on a 405)
        return Response.fromResponse(r).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorJson(what, field)).build();
    }

    @ServerExceptionMapper
    public Response forbidden(io.costq.api.auth.Caller.ForbiddenException e) {
        return Response.status(403).entity(new ErrorJson(e.getMessage(), "Authorization")).build();
    }

    /** Redis is unreachable, loading its AOF after a restart, or failing over: the caller should retry soon. */
    @ServerExceptionMapper({RedisConnectionException.class, RedisTimeoutException.class,
            org.redisson.client.RedisRetryException.class, org.redisson.client.RedisLoadingException.class,
            org.redisson.client.RedisTryAgainException.class, org.redisson.client.RedisClusterDownException.class,
            org.redisson.client.RedisMasterDownException.class, org.redisson.client.RedisReconnectedException.class})
    public Response redisDown(RuntimeException e) {
        return Response.status(503).header("Retry-After", "1")
                .entity(new ErrorJson("storage unavailable, retry shortly", null)).build();
    }
}
