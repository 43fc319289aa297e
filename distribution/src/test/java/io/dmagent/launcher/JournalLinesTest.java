package io.dmagent.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JournalLinesTest {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  @Test
  void under_systemd_the_launcher_s_errors_carry_the_err_priority() {
    JournalLines out = new JournalLines(printed, true);

    out.println("ERROR dmagent: not ready after 60 s");
    out.println("WARN dmagent: slow start");
    out.println("DM Agent ready in 812 ms: 31 of 31 bundles active");

    assertThat(printed.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "<3>ERROR dmagent: not ready after 60 s\n"
                + "<4>WARN dmagent: slow start\n"
                + "<6>DM Agent ready in 812 ms: 31 of 31 bundles active\n");
  }

  @Test
  void on_a_terminal_the_lines_are_printed_as_they_are() {
    new JournalLines(printed, false).println("ERROR dmagent: not ready after 60 s");

    assertThat(printed.toString(StandardCharsets.UTF_8))
        .isEqualTo("ERROR dmagent: not ready after 60 s\n");
  }
}
