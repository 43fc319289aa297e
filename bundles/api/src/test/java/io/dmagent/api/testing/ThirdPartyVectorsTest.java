package io.dmagent.api.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class ThirdPartyVectorsTest {
  @TempDir Path folder;

  @Test
  void a_vector_that_is_there_is_handed_out() throws Exception {
    Files.createDirectories(folder.resolve("libwbxml"));
    Path ddf = Files.writeString(folder.resolve("libwbxml/a.ddf"), "<MgmtTree/>");

    assertThat(new ThirdPartyVectors(folder, false).require("libwbxml/a.ddf")).isEqualTo(ddf);
    assertThat(new ThirdPartyVectors(folder, true).require("libwbxml/a.ddf")).isEqualTo(ddf);
  }

  @Test
  void outside_ci_a_missing_vector_skips_the_test_naming_the_file_and_where_to_get_it() {
    assertThatThrownBy(() -> new ThirdPartyVectors(folder, false).require("aosp-omadm/x.ddf"))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining(folder.resolve("aosp-omadm/x.ddf").toString())
        .hasMessageContaining("-Ddmagent.vectors=")
        .hasMessageContaining("shared/vectors");
  }

  @Test
  void on_ci_a_missing_vector_fails_the_test() {
    assertThatThrownBy(() -> new ThirdPartyVectors(folder, true).require("aosp-omadm/x.ddf"))
        .isInstanceOf(AssertionError.class)
        .isNotInstanceOf(TestAbortedException.class)
        .hasMessageContaining("on CI")
        .hasMessageContaining(folder.resolve("aosp-omadm/x.ddf").toString());
  }
}
