package io.heapstream.app;

import io.heapstream.model.settings.Setting;
import io.heapstream.model.settings.SettingType;
import java.util.Locale;
import java.util.function.Consumer;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Builds a command's options from its declared {@link Setting}s ({@code @Command(modelTransformer =
 * SettingOptions.class)} on a {@link DeclaresSettings}), so that the flag, the help text and the default shown
 * come from the one declaration. A flag given is only recorded; the role reads it over the environment
 * (flag, then variable, then the declared default), with the same reader its tests use.
 */
public final class SettingOptions implements IModelTransformer {

    @Override
    public CommandSpec transform(CommandSpec spec) {
        // picocli hands a mixin's transformer the command it is mixed into: add the mixins' settings as well
        if (spec.userObject() instanceof DeclaresSettings command) {
            add(spec, command);
        }
        for (var mixin : spec.mixins().values()) {
            if (mixin.userObject() instanceof DeclaresSettings shared) {
                add(spec, shared);
            }
        }
        return spec;
    }

    private static void add(CommandSpec spec, DeclaresSettings command) {
        for (var setting : command.settings()) {
            if (setting.flag() != null && spec.findOption(setting.flag()) == null) {
                spec.addOption(option(setting, value -> command.flags().put(setting.env(), value)));
            }
        }
    }

    private static OptionSpec option(Setting<?> setting, Consumer<String> given) {
        boolean bool = setting.type().equals(SettingType.BOOLEAN);
        var option = OptionSpec.builder(setting.flag())
                .type(String.class)
                .paramLabel(setting.label())
                .arity(bool ? "0..1" : "1")
                .description(help(setting))
                .setter(new ISetter() {
                    @Override
                    public <T> T set(T value) {
                        // picocli also "sets" the initial null before parsing: only real values are flags given
                        if (value != null) {
                            given.accept(value.toString());
                        }
                        return null;
                    }
                });
        if (bool) {
            option.fallbackValue("true");
        }
        return option.build();
    }

    /** The {@code --help} line: the description, then the variable and the default, without Markdown. */
    static String help(Setting<?> setting) {
        String text = plain(setting.description());
        if (!text.isEmpty()) {
            text = text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1) + " ";
        }
        return text + "(env " + setting.env() + "; default " + plain(setting.defaultDescription()) + ").";
    }

    private static String plain(String markdown) {
        return markdown.replace("`", "").replace("**", "").replace("%", "%%");
    }
}
