package io.heapstream.app;

import io.heapstream.model.settings.Setting;
import java.util.List;
import java.util.Map;

/**
 * A command, or a mixin, whose options are declared {@link Setting}s: {@link SettingOptions} (its
 * {@code modelTransformer}) adds one option per setting, and each flag given lands in {@link #flags()}.
 */
public interface DeclaresSettings {

    /** The settings to offer as options, in the order of the docs table. */
    List<Setting<?>> settings();

    /** The flags given on the command line, keyed by the setting's environment variable; filled by picocli. */
    Map<String, String> flags();
}
