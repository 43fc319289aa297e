package io.dmagent.pushwap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Refusals per sender: the first few logged, the rest summarised once the window has passed. */
class RefusalLogTest {
  private final List<String> lines = new ArrayList<>();
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public Instant instant() {
          return now;
        }

        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }
      };
  private final RefusalLog log = new RefusalLog(lines::add, clock, 2, Duration.ofSeconds(10), 3);

  @Test
  void a_passed_window_is_summarised_in_one_line_when_idle() {
    for (int i = 0; i < 100; i++) {
      int n = i;
      log.refuse("10.0.0.1", () -> "dropped " + n);
    }
    log.flush(false);
    assertThat(lines).containsExactly("dropped 0", "dropped 1");

    now = now.plusSeconds(10);
    log.flush(false);

    assertThat(lines)
        .containsExactly(
            "dropped 0",
            "dropped 1",
            "98 more WAP pushes from 10.0.0.1 dropped in 10 s (not logged one by one)");
    assertThat(log.sourcesTracked()).isZero();
  }

  @Test
  void senders_beyond_the_bound_are_counted_together() {
    for (int i = 0; i < 50; i++) {
      for (int j = 0; j < 3; j++) {
        log.refuse("10.0.0." + i, () -> "x");
      }
    }
    assertThat(log.sourcesTracked()).as("three senders and the others together").isEqualTo(4);
    log.flush(true);
    assertThat(lines)
        .contains(
            "139 more WAP pushes from other addresses dropped in 10 s (not logged one by one)");
  }
}
