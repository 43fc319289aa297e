package io.dmagent.scomo;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.session.AlertMark;
import io.dmagent.api.tree.NodeFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports survive the absence of the alert service (the protocol bundle being updated) and a
 * restart, and go out in order once it is back.
 */
class ReporterTest {
  @TempDir Path dir;
  private final List<String> log = new CopyOnWriteArrayList<>();

  private Reporter reporter(Services services) {
    return new Reporter(
        new ReportQueue(dir.resolve("reports"), log::add), services, log::add, log::add);
  }

  private static Report report(String correlator, ResultCode code, String reason) {
    return new Report(
        "acme-dm",
        Optional.of(correlator),
        "./SCOMO/Inventory/Delivered/meter/Operations/Install",
        code,
        "com.example.meter",
        reason);
  }

  @Test
  void reports_made_without_an_alert_service_wait_on_disk_and_go_out_in_order_when_it_comes()
      throws Exception {
    Services without = new Services();
    reporter(without).report(report("c-1", ResultCode.SUCCESSFUL, ""));
    reporter(without).report(report("c-2", ResultCode.INSTALL_FAILED, "x < y & z"));

    Services with = new Services();
    RecordingAlerts alerts = new RecordingAlerts();
    with.alerts(alerts);
    Reporter afterRestart = reporter(with);
    afterRestart.flush();
    afterRestart.flush();

    assertThat(alerts.queued)
        .extracting(q -> q.alert().correlator().orElseThrow())
        .containsExactly("c-1", "c-2");
    assertThat(alerts.queued).allMatch(q -> q.serverId().equals(Optional.of("acme-dm")));
    assertThat(alerts.queued.get(1).alert().format()).isEqualTo(NodeFormat.XML);
    assertThat(alerts.queued.get(1).alert().mark()).isEqualTo(AlertMark.WARNING);
    assertThat(alerts.data(1))
        .isEqualTo(
            "<ResultCode>1405</ResultCode><Identifier>com.example.meter</Identifier>"
                + "<Reason>x &lt; y &amp; z</Reason>");
  }

  @Test
  void an_operation_asked_from_the_console_is_logged_not_alerted() {
    Services services = new Services();
    RecordingAlerts alerts = new RecordingAlerts();
    services.alerts(alerts);

    reporter(services)
        .report(
            new Report(
                "",
                Optional.empty(),
                "./SCOMO/Inventory/Deployed/com.example.meter/Operations/Activate",
                ResultCode.SUCCESSFUL,
                "com.example.meter",
                ""));

    assertThat(alerts.queued).isEmpty();
    assertThat(log)
        .containsExactly(
            "SCOMO ./SCOMO/Inventory/Deployed/com.example.meter/Operations/Activate of"
                + " 'com.example.meter' for the device: 1200");
  }
}
