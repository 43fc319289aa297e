package io.dmagent.sessionless;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.sessionless.ReplayStore.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayStoreTest {
  private static final Duration WINDOW = Duration.ofSeconds(300);
  private static final long NOW = 1_700_000_000_000L;
  @TempDir Path folder;

  @Test
  void a_timestamp_must_be_strictly_newer_than_the_last_accepted_of_its_server() throws Exception {
    ReplayStore store = ReplayStore.open(folder, WINDOW);

    assertThat(store.admit("srv1", NOW, NOW)).isEqualTo(Verdict.ADMITTED);
    assertThat(store.admit("srv1", NOW, NOW)).isEqualTo(Verdict.REPLAYED);
    assertThat(store.admit("srv1", NOW - 1, NOW)).isEqualTo(Verdict.REPLAYED);
    assertThat(store.admit("srv2", NOW - 1, NOW))
        .as("another server's")
        .isEqualTo(Verdict.ADMITTED);
    assertThat(store.admit("srv1", NOW + 1, NOW)).isEqualTo(Verdict.ADMITTED);
  }

  @Test
  void a_timestamp_outside_the_window_is_refused_and_not_remembered() throws Exception {
    ReplayStore store = ReplayStore.open(folder, WINDOW);

    assertThat(store.admit("srv1", NOW - 300_001, NOW)).isEqualTo(Verdict.OUT_OF_WINDOW);
    assertThat(store.admit("srv1", NOW + 300_001, NOW)).isEqualTo(Verdict.OUT_OF_WINDOW);
    assertThat(store.admit("srv1", NOW - 300_000, NOW)).isEqualTo(Verdict.ADMITTED);
  }

  @Test
  void what_was_accepted_survives_a_reopen() throws Exception {
    ReplayStore.open(folder, WINDOW).admit("srv \"odd\"\nname", NOW, NOW);
    ReplayStore.open(folder, WINDOW).admit("srv2", NOW + 5, NOW);

    ReplayStore reopened = ReplayStore.open(folder, WINDOW);

    assertThat(reopened.admit("srv \"odd\"\nname", NOW, NOW)).isEqualTo(Verdict.REPLAYED);
    assertThat(reopened.admit("srv2", NOW + 5, NOW)).isEqualTo(Verdict.REPLAYED);
    assertThat(reopened.admit("srv2", NOW + 6, NOW)).isEqualTo(Verdict.ADMITTED);
  }

  @Test
  void a_guard_file_someone_else_wrote_is_refused_not_half_read() throws Exception {
    java.nio.file.Files.writeString(folder.resolve("replay"), "c3J2MQ 17\ngarbage\n");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReplayStore.open(folder, WINDOW))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("unreadable");
  }
}
