package io.heapstream.model.settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a setting's text is read as: a name (for tests that treat every setting of one type alike), the
 * placeholder {@code --help} shows, and the parser, which throws {@link IllegalArgumentException} quoting the text.
 *
 * @param name   {@code duration}, {@code bytes}, ...; equal names mean equal parsers
 * @param label  placeholder in {@code --help}, e.g. {@code DURATION}
 * @param parser text (stripped, never blank) to value
 */
public record SettingType<T>(String name, String label, Function<String, T> parser) {
    public static final SettingType<String> STRING = new SettingType<>("string", "TEXT", text -> text);
    public static final SettingType<Duration> DURATION = new SettingType<>("duration", "DURATION", Durations::parse);
    public static final SettingType<Long> BYTES = new SettingType<>("bytes", "BYTES", ByteSizes::parse);
    public static final SettingType<Integer> INTEGER = new SettingType<>("integer", "N", SettingType::integer);
    public static final SettingType<Boolean> BOOLEAN = new SettingType<>("boolean", "BOOL", SettingType::bool);
    /** Comma-separated durations; {@code none} for an empty list. */
    public static final SettingType<List<Duration>> DURATIONS =
            new SettingType<>("durations", "DURATION[,...]", SettingType::durations);

    public SettingType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(parser, "parser");
    }

    /** A type of the role's own, e.g. a choice of words or a map. */
    public static <T> SettingType<T> of(String name, String label, Function<String, T> parser) {
        return new SettingType<>(name, label, parser);
    }

    /** One of a fixed set of words, read case-insensitively and returned in lower case. */
    public static SettingType<String> oneOf(String... words) {
        var allowed = List.of(words);
        String label = String.join("|", allowed);
        return new SettingType<>("choice", label, text -> {
            String word = text.toLowerCase(Locale.ROOT);
            if (!allowed.contains(word)) {
                throw new IllegalArgumentException("'" + text + "' is not one of " + label);
            }
            return word;
        });
    }

    public T parse(String text) {
        return parser.apply(text.strip());
    }

    private static int integer(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
    }

    private static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
        };
    }

    private static List<Duration> durations(String text) {
        var out = new ArrayList<Duration>();
        if (text.equalsIgnoreCase("none")) {
            return out;
        }
        for (var part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(Durations.parse(part));
            }
        }
        return out;
    }
}
