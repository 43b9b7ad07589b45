package io.heapstream.model.settings;

import java.util.List;

/**
 * The docs' flag tables, rendered from the declarations so that README.md and docs/*.md say what the code does
 * (app's {@code SettingsDocsTest} compares them and can rewrite them).
 */
public final class SettingsTable {
    private SettingsTable() { }

    /** A Markdown table: flag, environment variable, default, what it does; one row per setting, in order. */
    public static String markdown(List<? extends Setting<?>> settings) {
        var out = new StringBuilder("| flag | environment | default | what |\n|---|---|---|---|\n");
        for (var s : settings) {
            out.append("| ").append(s.flag() == null ? "—" : "`" + s.flag() + "`")
                    .append(" | `").append(s.env()).append("` | ")
                    .append(s.defaultDescription().replace("|", "\\|"))
                    .append(" | ").append(s.description().replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }
}
