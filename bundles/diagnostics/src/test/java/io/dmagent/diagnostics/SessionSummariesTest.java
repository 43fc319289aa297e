package io.dmagent.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.session.SessionOutcome;
import io.dmagent.api.session.SessionReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionSummariesTest {
  @Test
  void every_ended_session_prints_one_line_that_starts_with_session() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SessionSummaries summaries =
        new SessionSummaries(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    summaries.sessionEnded(
        new SessionReport(
            "dmagent-demo",
            "4F2A",
            8,
            3,
            SessionOutcome.COMPLETED,
            Optional.empty(),
            Duration.ofMillis(85)));
    summaries.sessionEnded(
        new SessionReport(
            "acme-dm",
            "4F2B",
            0,
            0,
            SessionOutcome.FAILED,
            Optional.of("cannot connect to http://dm.example.net:80"),
            Duration.ofMillis(12)));

    assertThat(bytes.toString(StandardCharsets.UTF_8).split("\n"))
        .containsExactly(
            "session 4F2A with dmagent-demo ended: completed, 8 commands, 3 server packages, 85 ms",
            "session 4F2B with acme-dm ended: failed, 0 commands, 0 server packages, 12 ms"
                + " (cannot connect to http://dm.example.net:80)");
  }
}
