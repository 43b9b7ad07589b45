package io.heapstream.alerter.rules;

import java.nio.file.Path;

/** A rules file that cannot be used: the message is one line, {@code file:line: reason}. */
public final class RuleFileException extends Exception {
    private final transient Path file;
    private final int line;

    public RuleFileException(Path file, int line, String reason) {
        super(file + ":" + line + ": " + reason);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }
}
