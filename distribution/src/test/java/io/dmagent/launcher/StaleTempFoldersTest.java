package io.dmagent.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleTempFoldersTest {
  @TempDir Path tmp;

  @Test
  void folders_fileinstall_left_by_crashed_runs_are_removed_with_their_content() throws Exception {
    Files.createDirectories(tmp.resolve("fileinstall-123"));
    Files.createDirectories(tmp.resolve("fileinstall-456/sub"));
    Files.writeString(tmp.resolve("fileinstall-456/sub/bundle.jar"), "jar");

    assertThat(StaleTempFolders.clean(tmp)).isEqualTo(2);

    assertThat(tmp).isEmptyDirectory();
  }

  @Test
  void anything_else_in_tmp_stays() throws Exception {
    Files.createDirectories(tmp.resolve("other"));
    Files.writeString(tmp.resolve("fileinstall-notes.txt"), "a file, not a folder");
    Path elsewhere = Files.createDirectories(tmp.resolve("other/fileinstall-1"));
    Files.createSymbolicLink(tmp.resolve("fileinstall-link"), elsewhere);

    assertThat(StaleTempFolders.clean(tmp)).isZero();

    assertThat(elsewhere).isDirectory();
    assertThat(tmp.resolve("fileinstall-notes.txt")).isRegularFile();
    assertThat(tmp.resolve("fileinstall-link")).isSymbolicLink();
  }

  @Test
  void a_missing_tmp_folder_is_nothing_to_clean() throws Exception {
    assertThat(StaleTempFolders.clean(tmp.resolve("absent"))).isZero();
  }
}
