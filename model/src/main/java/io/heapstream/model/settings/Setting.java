package io.heapstream.model.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One setting, declared once: its flag, its environment variable, its type, its default and what it does. The
 * command line ({@code app}), the reading and checking ({@link SettingsReader}) and the docs tables
 * ({@link SettingsTable}) all take it from here. Immutable; each {@code with}-style method returns a copy.
 *
 * <pre>{@code
 * static final Setting<Duration> WINDOW = Setting.flag("--window", SettingType.DURATION)
 *         .defaultValue("1m").description("base resolution (`10s` in tests)");
 * }</pre>
 *
 * The variable follows from the flag ({@code --kubelet-timeout} is {@code HEAPSTREAM_KUBELET_TIMEOUT}); a
 * setting without a flag ({@link #envOnly}) is read from the environment only, e.g. a password that {@code ps}
 * must not show.
 */
public final class Setting<T> {
    private static final String ENV_PREFIX = "HEAPSTREAM_";

    private final String flag;
    private final String env;
    private final SettingType<T> type;
    private final String label;
    private final String defaultText;
    private final String defaultNote;
    private final String description;
    private final boolean required;
    private final List<Check<T>> checks;

    private record Check<T>(Predicate<? super T> ok, String problem) { }

    private Setting(String flag, String env, SettingType<T> type, String label, String defaultText,
                    String defaultNote, String description, boolean required, List<Check<T>> checks) {
        this.flag = flag;
        this.env = Objects.requireNonNull(env, "env");
        this.type = Objects.requireNonNull(type, "type");
        this.label = label;
        this.defaultText = defaultText;
        this.defaultNote = defaultNote;
        this.description = description;
        this.required = required;
        this.checks = List.copyOf(checks);
    }

    /** A setting with a flag ({@code --node-name}) and the variable named after it ({@code HEAPSTREAM_NODE_NAME}). */
    public static <T> Setting<T> flag(String flag, SettingType<T> type) {
        if (!flag.matches("--[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("a flag is --lower-case-words, not " + flag);
        }
        String env = ENV_PREFIX + flag.substring(2).toUpperCase(Locale.ROOT).replace('-', '_');
        return new Setting<>(flag, env, type, type.label(), null, null, "", false, List.of());
    }

    /** A setting read from the environment only (no flag). */
    public static <T> Setting<T> envOnly(String env, SettingType<T> type) {
        return new Setting<>(null, env, type, type.label(), null, null, "", false, List.of());
    }

    /** The text read when neither flag nor variable is set; it is parsed like a given value. */
    public Setting<T> defaultValue(String text) {
        type.parse(text);
        return new Setting<>(flag, env, type, label, text, defaultNote, description, required, checks);
    }

    /**
     * What the docs and {@code --help} say about a default the role works out from other settings (e.g.
     * "window + grace"); the role passes that value to {@link SettingsReader#get(Setting, Object)}.
     */
    public Setting<T> defaultNote(String note) {
        return new Setting<>(flag, env, type, label, defaultText, note, description, required, checks);
    }

    /** What the setting does, one sentence; {@code `code`} marks literals (the docs show them as code). */
    public Setting<T> description(String text) {
        return new Setting<>(flag, env, type, label, defaultText, defaultNote, text, required, checks);
    }

    /** The placeholder {@code --help} shows, instead of the type's. */
    public Setting<T> label(String placeholder) {
        return new Setting<>(flag, env, type, placeholder, defaultText, defaultNote, description, required, checks);
    }

    /** The role cannot start without it: missing, it is reported like a bad value. */
    public Setting<T> required() {
        return new Setting<>(flag, env, type, label, defaultText, defaultNote, description, true, checks);
    }

    /** A rule every value must keep, e.g. {@code check(n -> n >= 1, "must be at least 1")}. */
    public Setting<T> check(Predicate<? super T> ok, String problem) {
        var more = new ArrayList<>(checks);
        more.add(new Check<>(ok, problem));
        return new Setting<>(flag, env, type, label, defaultText, defaultNote, description, required, more);
    }

    /**
     * Reads a value as given on the command line or in the environment: the type's parser, then every check.
     *
     * @throws IllegalArgumentException saying what is wrong with the text (not naming the setting)
     */
    public T parse(String text) {
        T value = type.parse(text);
        for (var check : checks) {
            if (!check.ok().test(value)) {
                throw new IllegalArgumentException(check.problem() + ", was '" + text.strip() + "'");
            }
        }
        return value;
    }

    /** The flag, e.g. {@code --scrape-interval}, or {@code null} for a setting read from the environment only. */
    public String flag() {
        return flag;
    }

    public String env() {
        return env;
    }

    public SettingType<T> type() {
        return type;
    }

    public String label() {
        return label;
    }

    /** The default as text, or {@code null} when there is none or the role works it out. */
    public String defaultText() {
        return defaultText;
    }

    /** What to say about the default: the note, else the default text in backticks, else "none" or "required". */
    public String defaultDescription() {
        if (defaultNote != null) {
            return defaultNote;
        }
        if (defaultText != null) {
            return "`" + defaultText + "`";
        }
        return required ? "required" : "none";
    }

    public String description() {
        return description;
    }

    public boolean isRequired() {
        return required;
    }

    /** How messages name it: {@code --window (HEAPSTREAM_WINDOW)}, or the variable alone. */
    public String names() {
        return flag == null ? env : flag + " (" + env + ")";
    }

    @Override
    public String toString() {
        return names();
    }
}
