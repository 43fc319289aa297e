package io.dmagent.server.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.server.CommandRecord;
import io.dmagent.server.DeviceRecord;
import io.dmagent.server.ReceivedAlert;
import io.dmagent.server.ResultItem;
import io.dmagent.server.SessionRecord;
import io.dmagent.server.SessionState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleTextTest {
  private static final Instant ENDED = Instant.parse("2026-03-01T10:15:30Z");

  private static SessionRecord session() {
    return new SessionRecord(
        "4F2A",
        "urn:dev:ops:gw-1",
        "default",
        ENDED.minusMillis(80),
        Optional.of(ENDED),
        SessionState.COMPLETED,
        2,
        2,
        List.of(
            new CommandRecord(
                "1",
                "3",
                "Get",
                List.of("./DevInfo/Man"),
                Optional.empty(),
                List.of(200),
                List.of(
                    new ResultItem("./DevInfo/Man", Optional.of("chr"), Optional.empty(), "ACME"))),
            new CommandRecord(
                "1", "4", "Sequence", List.of(), Optional.empty(), List.of(200), List.of()),
            new CommandRecord(
                "1",
                "5",
                "Exec",
                List.of("./Vendor/DMAgent/Diagnostics/SelfTest"),
                Optional.of("4"),
                List.of(500),
                List.of()),
            new CommandRecord(
                "1", "6", "Replace", List.of("./A"), Optional.empty(), List.of(), List.of())),
        List.of(
            new ReceivedAlert(
                1226,
                Optional.of("c1"),
                List.of(
                    new ReceivedAlert.AlertItem(
                        Optional.of("./FUMO"),
                        Optional.of("org.example.fw"),
                        Optional.of("int"),
                        Optional.of("critical"),
                        "x".repeat(200))))));
  }

  @Test
  void devices_lists_each_device_with_its_last_session() {
    DeviceRecord device =
        new DeviceRecord(
            "urn:dev:ops:gw-1",
            Map.of("./DevInfo/Man", "ACME", "./DevInfo/Mod", "GW-100"),
            Map.of(),
            List.of(session()));

    assertThat(ConsoleText.devices(List.of(device)))
        .isEqualTo(
            "urn:dev:ops:gw-1 (ACME GW-100): 1 session(s), last session 4F2A (script default)"
                + " completed at 2026-03-01T10:15:30Z, 3 commands");
    assertThat(ConsoleText.devices(List.of())).isEqualTo("no device has opened a session yet");
  }

  @Test
  void results_show_every_command_with_its_status_results_and_the_alerts() {
    DeviceRecord device =
        new DeviceRecord("urn:dev:ops:gw-1", Map.of(), Map.of(), List.of(session()));

    assertThat(ConsoleText.results(device).split("\n"))
        .containsExactly(
            "urn:dev:ops:gw-1: session 4F2A (script default) completed at 2026-03-01T10:15:30Z,"
                + " 3 commands",
            "  3 Get ./DevInfo/Man -> 200",
            "      ./DevInfo/Man = ACME",
            "  4 Sequence -> 200",
            "    5 Exec ./Vendor/DMAgent/Diagnostics/SelfTest -> 500",
            "  6 Replace ./A -> no status",
            "  alert 1226 correlator c1",
            "      org.example.fw (critical) ./FUMO = " + "x".repeat(120) + "... (200 chars)");
  }

  @Test
  void alerts_list_those_of_every_session_kept_not_only_the_last() {
    SessionRecord withAlert = session();
    SessionRecord later =
        new SessionRecord(
            "4F2B",
            "urn:dev:ops:gw-1",
            "default",
            ENDED.plusSeconds(1),
            Optional.of(ENDED.plusSeconds(2)),
            SessionState.COMPLETED,
            0,
            0,
            List.of(),
            List.of());
    DeviceRecord device =
        new DeviceRecord("urn:dev:ops:gw-1", Map.of(), Map.of(), List.of(withAlert, later));

    assertThat(ConsoleText.results(device)).doesNotContain("alert");
    assertThat(ConsoleText.alerts(device).split("\n"))
        .containsExactly(
            "urn:dev:ops:gw-1: session 4F2A (script default) completed at 2026-03-01T10:15:30Z,"
                + " 3 commands",
            "  alert 1226 correlator c1",
            "      org.example.fw (critical) ./FUMO = " + "x".repeat(120) + "... (200 chars)");
    assertThat(
            ConsoleText.alerts(
                new DeviceRecord("urn:dev:ops:gw-1", Map.of(), Map.of(), List.of(later))))
        .isEqualTo("urn:dev:ops:gw-1 sent no alert in the sessions kept");
  }

  @Test
  void reports_are_listed_one_a_line_with_id_device_alert_data_and_time() {
    String text =
        ConsoleText.reports(
            List.of(
                new io.dmagent.server.sessionless.ReceivedReport(
                    "r-1",
                    "dev1",
                    "1226 urn:x-test:t",
                    "./S/T 21",
                    Instant.parse("2026-12-07T16:00:00Z"))));

    assertThat(text).isEqualTo("r-1 dev1 1226 urn:x-test:t ./S/T 21 2026-12-07T16:00:00Z");
    assertThat(ConsoleText.reports(List.of())).isEqualTo("no sessionless report has arrived");
  }
}
