package io.dmagent.api.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Refusals per source: the first few logged, the rest summarised once the window has passed. */
class RefusalLogTest {
  private final List<String> lines = new ArrayList<>();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RefusalLog log = new RefusalLog(lines::add, clock, 2, Duration.ofSeconds(10), 3);

  @Test
  void five_hundred_refusals_from_one_source_write_the_first_lines_and_one_summary() {
    for (int i = 0; i < 500; i++) {
      int n = i;
      log.refuse("10.0.0.1", () -> "refused " + n);
    }
    clock.advance(Duration.ofSeconds(10));
    log.flush();

    assertThat(lines)
        .containsExactly(
            "refused 0",
            "refused 1",
            "498 more refusals from 10.0.0.1 in 10 s (not logged one by one)");
  }

  @Test
  void a_new_window_logs_again_and_reports_the_last_one_first() {
    for (int i = 0; i < 3; i++) {
      log.refuse("10.0.0.1", () -> "early");
    }
    clock.advance(Duration.ofSeconds(11));
    log.refuse("10.0.0.1", () -> "late");

    assertThat(lines)
        .containsExactly(
            "early",
            "early",
            "1 more refusal from 10.0.0.1 in 10 s (not logged one by one)",
            "late");
  }

  @Test
  void sources_are_counted_apart_up_to_a_bound_then_together() {
    for (int i = 0; i < 100; i++) {
      for (int j = 0; j < 3; j++) {
        log.refuse("10.0.0." + i, () -> "x");
      }
    }
    log.flushAll();

    assertThat(log.sourcesTracked()).isZero();
    assertThat(lines).hasSize(3 * 2 + 2 + 3 + 1);
    assertThat(lines)
        .contains("289 more refusals from other addresses in 10 s (not logged one by one)");
  }

  @Test
  void a_line_not_logged_is_never_built() {
    List<Integer> built = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int n = i;
      log.refuse("10.0.0.1", () -> "line " + built.add(n));
    }
    assertThat(built).containsExactly(0, 1);
  }
}
