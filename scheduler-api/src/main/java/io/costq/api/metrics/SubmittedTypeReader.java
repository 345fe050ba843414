package io.costq.api.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;

/**
 * Notes the {@code type} of a submitted body as a request property, so {@link ApiMeters} can tag the submit counter
 * by type without touching the resource. Only the top level is scanned, and only up to the field; a body the
 * resource later rejects is never counted (the counter looks at 2xx answers only), so the tag stays one of the
 * registered job types.
 */
@Provider
public class SubmittedTypeReader implements ReaderInterceptor {
    static final String PROPERTY = "costq.submitted-type";
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        Object body = context.proceed();
        if (body instanceof String raw && !raw.isBlank()) {
            String type = topLevelType(raw);
            if (type != null) context.setProperty(PROPERTY, type);
        }
        return body;
    }

    static String topLevelType(String raw) {
        try (JsonParser p = JSON.createParser(raw)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("type".equals(name)) return value == JsonToken.VALUE_STRING ? p.getText() : null;
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null; // malformed: the resource answers 400 and nothing is counted
        }
    }
}
