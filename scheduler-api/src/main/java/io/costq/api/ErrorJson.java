package io.costq.api;

/**
 * Every error body: what is wrong, and the field at fault (null when no single field is). Described as the schema
 * {@code Error} in {@code META-INF/openapi.yaml}, which every error answer of the document refers to.
 */
public record ErrorJson(String error, String field) {
}
