package io.heapstream.model.settings;

import java.util.List;

/**
 * Settings a role cannot start with: every problem found, each naming its flag and variable, in one message
 * of one line. The command line turns it into that line and exit code 2, never a stack trace.
 */
public final class SettingsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public SettingsException(String role, List<String> problems) {
        super("invalid " + role + " settings: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, as {@code --flag (VARIABLE): what is wrong}. */
    public List<String> problems() {
        return problems;
    }
}
