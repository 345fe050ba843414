package io.costq.api;

/** Every error body: what is wrong, and the field at fault (null when no single field is). */
public record ErrorJson(String error, String field) {
}
