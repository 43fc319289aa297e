package io.dmagent.server.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptLibraryTest {
  @TempDir Path folder;

  @Test
  void a_device_runs_its_own_script_else_the_default_else_the_built_in() throws Exception {
    ScriptLibrary library =
        new ScriptLibrary(Optional.of(folder), "default", ScriptLibrary.builtIn());
    assertThat(library.forDevice("IMEI:4904").name()).isEqualTo("default");
    assertThat(library.forDevice("IMEI:4904").commandCount()).isEqualTo(6);

    Files.writeString(folder.resolve("default.dms"), "get ./DevInfo/Man\n");
    Files.writeString(folder.resolve("IMEI_4904.dms"), "get ./DevInfo/Mod\nget ./DevInfo/DmV\n");

    assertThat(library.forDevice("IMEI:4904").commandCount()).isEqualTo(2);
    assertThat(library.forDevice("IMEI:1111").commandCount()).isEqualTo(1);
  }

  @Test
  void an_edited_script_is_read_again() throws Exception {
    ScriptLibrary library =
        new ScriptLibrary(Optional.of(folder), "default", ScriptLibrary.builtIn());
    Path file = folder.resolve("check.dms");
    Files.writeString(file, "get ./A\n");
    assertThat(library.named("check").commandCount()).isEqualTo(1);

    Files.writeString(file, "get ./A\nget ./B\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

    assertThat(library.named("check.dms").commandCount()).isEqualTo(2);
  }

  @Test
  void names_that_leave_the_folder_or_do_not_exist_are_refused() throws Exception {
    ScriptLibrary library =
        new ScriptLibrary(Optional.of(folder), "default", ScriptLibrary.builtIn());

    assertThatThrownBy(() -> library.named("../etc/passwd"))
        .isInstanceOf(ScriptException.class)
        .hasMessageContaining("letters, digits");
    assertThatThrownBy(() -> library.named("missing"))
        .isInstanceOf(ScriptException.class)
        .hasMessageContaining("no such script in " + folder);
  }

  @Test
  void a_broken_script_file_is_reported_with_its_line() throws Exception {
    ScriptLibrary library =
        new ScriptLibrary(Optional.of(folder), "default", ScriptLibrary.builtIn());
    Files.writeString(folder.resolve("default.dms"), "get ./A\nfrobnicate ./B\n");

    assertThatThrownBy(() -> library.forDevice("dev"))
        .isInstanceOf(ScriptException.class)
        .hasMessageContaining("default line 2: unknown command 'frobnicate'");
  }

  @Test
  void dev_ids_become_safe_file_names() {
    assertThat(ScriptLibrary.fileName("urn:uuid:3d12/../x")).isEqualTo("urn_uuid_3d12_.._x");
  }
}
