package io.heapstream.model.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads declared {@link Setting}s from one map keyed by environment variable name ({@code System.getenv()}
 * with the command line's flags laid over it in production, {@code Map.of(...)} in tests), collecting every
 * problem instead of stopping at the first. A blank value counts as not set. A role's factory reads all its
 * settings, adds the problems that span several ({@link #problem}), then calls {@link #throwIfInvalid()}.
 */
public final class SettingsReader {
    private final String role;
    private final Map<String, String> values;
    private final List<String> problems = new ArrayList<>();

    public SettingsReader(String role, Map<String, String> values) {
        this.role = role;
        this.values = values;
    }

    /**
     * Checks every given value on its own (type and checks) and throws once, naming each bad one; what is
     * missing, or wrong only together with another setting, is the role's factory's to find.
     *
     * @throws SettingsException listing every problem
     */
    public static void check(String role, List<? extends Setting<?>> settings, Map<String, String> values) {
        var reader = new SettingsReader(role, values);
        settings.stream().filter(reader::isSet).forEach(reader::get);
        reader.throwIfInvalid();
    }

    /** The value given, else the declared default; {@code null} when neither (a required one is then a problem). */
    public <T> T get(Setting<T> setting) {
        return get(setting, null);
    }

    /**
     * The value given, else {@code fallback} when the default depends on other settings, else the declared
     * default. After a bad value this returns the fallback or default, so the factory can go on and find the
     * next problem.
     */
    public <T> T get(Setting<T> setting, T fallback) {
        T byDefault = fallback != null || setting.defaultText() == null ? fallback
                : setting.parse(setting.defaultText());
        String text = env(setting.env());
        if (text == null) {
            if (byDefault == null && setting.isRequired()) {
                problem(setting, "required");
            }
            return byDefault;
        }
        try {
            return setting.parse(text);
        } catch (IllegalArgumentException e) {
            problem(setting, e.getMessage());
            return byDefault;
        }
    }

    /** Whether the flag or the variable was given (not blank). */
    public boolean isSet(Setting<?> setting) {
        return env(setting.env()) != null;
    }

    /** A variable no setting declares (the downward API's {@code NODE_NAME}), stripped; {@code null} if blank. */
    public String env(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The entries whose key starts with {@code prefix}, without it ({@code kafka.} → Kafka client settings). */
    public Map<String, String> withPrefix(String prefix) {
        var result = new LinkedHashMap<String, String>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix) && value != null) {
                result.put(key.substring(prefix.length()), value);
            }
        });
        return result;
    }

    /** A problem the role finds itself, e.g. between two settings. */
    public void problem(Setting<?> setting, String problem) {
        problems.add(setting.names() + ": " + problem.replace('\n', ' '));
    }

    /** @throws SettingsException listing every problem found so far */
    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new SettingsException(role, problems);
        }
    }
}
