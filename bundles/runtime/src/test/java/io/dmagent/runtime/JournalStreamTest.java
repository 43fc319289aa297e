package io.dmagent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalStreamTest {
  @TempDir Path dir;

  @Test
  void standard_output_is_the_journal_when_it_is_the_stream_systemd_named() throws Exception {
    Path stream = Files.writeString(dir.resolve("stream"), "");
    Map<String, Object> id = Files.readAttributes(stream, "unix:dev,ino");
    String named = id.get("dev") + ":" + id.get("ino");

    assertThat(JournalStream.isStandardOutput(Map.of("JOURNAL_STREAM", named), stream)).isTrue();
  }

  @Test
  void output_redirected_elsewhere_by_a_child_of_the_service_is_not_the_journal() throws Exception {
    Path other = Files.writeString(dir.resolve("other"), "");

    assertThat(JournalStream.isStandardOutput(Map.of("JOURNAL_STREAM", "8:12345"), other))
        .isFalse();
    assertThat(JournalStream.isStandardOutput(Map.of(), other)).isFalse();
  }
}
