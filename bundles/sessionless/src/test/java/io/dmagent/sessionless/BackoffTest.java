package io.dmagent.sessionless;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doubles_after_each_failure_up_to_its_cap() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));

    assertThat(b.failed()).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.failed()).isEqualTo(Duration.ofSeconds(2));
    assertThat(b.failed()).isEqualTo(Duration.ofSeconds(4));
    assertThat(b.failed()).isEqualTo(Duration.ofSeconds(8));
    assertThat(b.failed()).isEqualTo(Duration.ofSeconds(10));
    for (int i = 0; i < 100; i++) {
      b.failed();
    }
    assertThat(b.failed()).as("no overflow after many failures").isEqualTo(Duration.ofSeconds(10));
  }
}
