package io.dmagent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.LogLevel;

class LogLineTest {
  private static final IOException FAILURE = new IOException("disk full");

  @Test
  void on_a_terminal_a_line_has_time_level_source_and_message() {
    assertThat(LogLine.of(new Entry(LogLevel.WARN, "tree opened read-only", null), false, false))
        .containsExactly("2023-11-14T22:13:20Z WARN  -: tree opened read-only");
  }

  @Test
  void under_systemd_each_line_carries_its_journald_priority_and_no_time() {
    assertThat(LogLine.of(new Entry(LogLevel.ERROR, "store failed", null), true, false))
        .containsExactly("<3>ERROR -: store failed");
    assertThat(LogLine.of(new Entry(LogLevel.WARN, "w", null), true, false).get(0))
        .startsWith("<4>");
    assertThat(LogLine.of(new Entry(LogLevel.INFO, "i", null), true, false).get(0))
        .startsWith("<6>");
    assertThat(LogLine.of(new Entry(LogLevel.DEBUG, "d", null), true, false).get(0))
        .startsWith("<7>");
  }

  @Test
  void an_exception_is_its_message_on_the_line_and_its_stack_trace_only_at_debug() {
    Entry entry = new Entry(LogLevel.ERROR, "cannot save", FAILURE);

    assertThat(LogLine.of(entry, false, false))
        .containsExactly(
            "2023-11-14T22:13:20Z ERROR -: cannot save [java.io.IOException: disk full]");

    var traced = LogLine.of(entry, true, true);
    assertThat(traced).hasSizeGreaterThan(1);
    assertThat(traced.get(0)).isEqualTo("<3>ERROR -: cannot save [java.io.IOException: disk full]");
    assertThat(traced.subList(1, traced.size()))
        .allMatch(l -> l.startsWith("<3>"))
        .anyMatch(l -> l.contains("at io.dmagent.runtime.LogLineTest"));
  }

  @Test
  void service_events_below_warn_are_left_out() {
    assertThat(LogLine.of(new Entry(LogLevel.DEBUG, "ServiceEvent REGISTERED", null), false, false))
        .isEmpty();
  }
}
