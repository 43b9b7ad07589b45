package io.heapstream.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.model.settings.SettingsTable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/api.md's settings table is the declarations' own rendering, so the page says what the role reads. */
class ApiSettingsDocTest {

    @Test
    void theDocsTableIsRenderedFromTheDeclarations() throws Exception {
        var page = Files.readString(Path.of("..", "docs", "api.md"));

        assertThat(page).contains(SettingsTable.markdown(ApiSettings.ALL));
    }
}
