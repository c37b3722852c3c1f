package io.xai4j.vision.data;

import java.nio.file.Path;

/**
 * A data file or folder that cannot be read as the format it should have: the message names the file
 * and says what was expected. Unchecked, unlike {@link java.util.zip.DataFormatException}.
 */
public class DataFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** An error about {@code file}; the message is prefixed with the file's path. */
    public DataFormatException(Path file, String message) {
        this(file, message, null);
    }

    /** An error about {@code file} caused by {@code cause}. */
    public DataFormatException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    /** The file or folder at fault. */
    public Path file() {
        return file;
    }
}
