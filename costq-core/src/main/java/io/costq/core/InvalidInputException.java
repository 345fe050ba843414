package io.costq.core;

/** Input that costq refuses, naming the offending field; the API answers it with a 4xx. */
public final class InvalidInputException extends RuntimeException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
