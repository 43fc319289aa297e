package io.dmagent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstalledFilesTest {
  private static final String LOCATION = "mvn:io.dmagent/io.dmagent.tree/1.0.0";

  @TempDir Path dir;

  private Path jar(String content) throws Exception {
    Path jar = dir.resolve("system/tree.jar");
    Files.createDirectories(jar.getParent());
    return Files.writeString(jar, content);
  }

  private Path record() {
    return dir.resolve("framework/bundle0/data/" + InstalledFiles.NAME);
  }

  @Test
  void a_bundle_installed_from_an_unchanged_file_is_current_after_a_restart() throws Exception {
    Path jar = jar("build 1");
    InstalledFiles before = InstalledFiles.at(record());
    before.installedFrom(LOCATION, jar);
    before.save();

    assertThat(InstalledFiles.at(record()).isCurrent(LOCATION, jar)).isTrue();
  }

  @Test
  void a_file_replaced_by_a_new_build_is_not_current() throws Exception {
    Path jar = jar("build 1");
    InstalledFiles before = InstalledFiles.at(record());
    before.installedFrom(LOCATION, jar);
    before.save();

    Path replaced = dir.resolve("new.jar");
    Files.writeString(replaced, "build 2, longer");
    Files.move(replaced, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThat(InstalledFiles.at(record()).isCurrent(LOCATION, jar)).isFalse();
  }

  @Test
  void a_file_of_the_same_size_rewritten_in_place_is_not_current() throws Exception {
    Path jar = jar("build 1");
    FileTime installed = Files.getLastModifiedTime(jar);
    InstalledFiles files = InstalledFiles.at(record());
    files.installedFrom(LOCATION, jar);

    Files.writeString(jar, "build 2");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(installed.toMillis() + 1));

    assertThat(files.isCurrent(LOCATION, jar)).isFalse();
  }

  @Test
  void a_bundle_installed_before_the_record_existed_is_not_current() throws Exception {
    assertThat(InstalledFiles.at(record()).isCurrent(LOCATION, jar("build 1"))).isFalse();
  }

  @Test
  void a_damaged_record_reads_as_empty_so_every_bundle_is_updated_once() throws Exception {
    Path jar = jar("build 1");
    Files.createDirectories(record().getParent());
    Files.writeString(record(), "\\u00zz broken escape");

    assertThat(InstalledFiles.at(record()).isCurrent(LOCATION, jar)).isFalse();
  }

  @Test
  void a_forgotten_location_is_not_current_any_more() throws Exception {
    Path jar = jar("build 1");
    InstalledFiles files = InstalledFiles.at(record());
    files.installedFrom(LOCATION, jar);
    files.forget(LOCATION);
    files.save();

    assertThat(InstalledFiles.at(record()).isCurrent(LOCATION, jar)).isFalse();
  }

  @Test
  void a_missing_file_is_reported_not_taken_for_current() {
    InstalledFiles files = InstalledFiles.at(record());
    assertThatThrownBy(() -> files.isCurrent(LOCATION, dir.resolve("system/gone.jar")))
        .isInstanceOf(NoSuchFileException.class);
  }
}
