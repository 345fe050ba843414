package io.costq;

/**
 * Checks a job's payload when it is submitted (before anything is stored). Throw {@link IllegalArgumentException}
 * with a message saying what is wrong: the submit is refused with that message, naming the field {@code payload}.
 */
@FunctionalInterface
public interface PayloadValidator<I> {
    void validate(I payload);
}
