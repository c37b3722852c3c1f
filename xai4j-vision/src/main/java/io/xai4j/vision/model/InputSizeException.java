package io.xai4j.vision.model;

import java.util.List;

/**
 * An imported model does not run on the input size it was loaded with; the message is one line and names the square
 * sizes it does run on ({@link #acceptedSides()}; empty when none of the sizes tried fit).
 */
public final class InputSizeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<Integer> acceptedSides;

    InputSizeException(String message, List<Integer> acceptedSides, Throwable cause) {
        super(message, cause);
        this.acceptedSides = List.copyOf(acceptedSides);
    }

    /** The square input sides, among those tried, that the model runs on (ascending). */
    public List<Integer> acceptedSides() {
        return acceptedSides;
    }

    /** The same exception with {@code prefix} before its message. */
    InputSizeException prefixed(String prefix) {
        return new InputSizeException(prefix + getMessage(), acceptedSides, getCause());
    }
}
