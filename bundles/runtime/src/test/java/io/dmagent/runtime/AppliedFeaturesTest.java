package io.dmagent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppliedFeaturesTest {
  @TempDir Path dir;

  @Test
  void the_applied_set_is_read_back_after_a_restart() throws Exception {
    Path file = dir.resolve("runtime/features");
    new AppliedFeatures(file).write(List.of("dm-core", "dm-http"));

    assertThat(new AppliedFeatures(file).read()).containsExactly("dm-core", "dm-http");
  }

  @Test
  void nothing_applied_yet_reads_as_no_set() {
    assertThat(new AppliedFeatures(dir.resolve("none")).read()).isEmpty();
  }
}
