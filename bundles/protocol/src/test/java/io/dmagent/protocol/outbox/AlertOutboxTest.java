package io.dmagent.protocol.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.session.AlertMark;
import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.StatusCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertOutboxTest {
  @TempDir Path dir;
  private final List<String> warnings = new ArrayList<>();

  private AlertOutbox outbox() throws Exception {
    return new AlertOutbox(dir, 100, warnings::add);
  }

  private static GenericAlert alert(String data) {
    return new GenericAlert(
        "org.openmobilealliance.dm.firmwareupdate.download",
        NodeFormat.INT,
        AlertMark.CRITICAL,
        Optional.of(NodeUri.of("./FUMO/fw1")),
        data.getBytes(StandardCharsets.UTF_8),
        Optional.of("corr-7\nwith a line break"));
  }

  @Test
  void the_outbox_folder_and_its_alerts_are_readable_by_the_agents_user_only() throws Exception {
    Path folder = dir.resolve("outbox");
    new AlertOutbox(folder, 100, warnings::add).queue(alert("200"), Optional.of("srv1"));

    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(folder)))
        .isEqualTo("rwx------");
    try (var files = Files.list(folder)) {
      assertThat(files.toList())
          .isNotEmpty()
          .allSatisfy(
              f ->
                  assertThat(
                          java.nio.file.attribute.PosixFilePermissions.toString(
                              Files.getPosixFilePermissions(f)))
                      .isEqualTo("rw-------"));
    }
  }

  @Test
  void a_queued_alert_survives_a_restart_intact() throws Exception {
    String id = outbox().queue(alert("200"), Optional.of("srv1"));

    List<QueuedAlert> pending = outbox().pendingFor("srv1");

    assertThat(pending)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.id()).isEqualTo(id);
              assertThat(q.alert()).isEqualTo(alert("200"));
              assertThat(q.serverId()).contains("srv1");
            });
  }

  @Test
  void alerts_are_delivered_in_the_order_they_were_queued_across_restarts() throws Exception {
    outbox().queue(alert("1"), Optional.empty());
    outbox().queue(alert("2"), Optional.empty());
    AlertOutbox reopened = outbox();
    reopened.queue(alert("3"), Optional.empty());

    assertThat(reopened.pendingFor("any"))
        .extracting(q -> new String(q.alert().data(), StandardCharsets.UTF_8))
        .containsExactly("1", "2", "3");
  }

  @Test
  void an_alert_for_one_server_is_not_delivered_to_another() throws Exception {
    AlertOutbox outbox = outbox();
    outbox.queue(alert("mine"), Optional.of("srv1"));
    outbox.queue(alert("everyone"), Optional.empty());

    assertThat(outbox.pendingFor("srv2"))
        .extracting(q -> new String(q.alert().data(), StandardCharsets.UTF_8))
        .containsExactly("everyone");
  }

  @Test
  void an_acknowledged_alert_is_gone_for_good() throws Exception {
    AlertOutbox outbox = outbox();
    String first = outbox.queue(alert("1"), Optional.empty());
    outbox.queue(alert("2"), Optional.empty());

    outbox.acknowledge(List.of(first));

    assertThat(outbox().pendingFor("srv")).hasSize(1);
  }

  @Test
  void a_corrupt_file_is_set_aside_and_reported_while_the_others_are_delivered() throws Exception {
    AlertOutbox outbox = outbox();
    String bad = outbox.queue(alert("1"), Optional.empty());
    outbox.queue(alert("2"), Optional.empty());
    Path file = dir.resolve(bad + ".alert");
    byte[] bytes = Files.readAllBytes(file);
    bytes[10] ^= 0x01;
    Files.write(file, bytes);

    List<QueuedAlert> pending = outbox().pendingFor("srv");

    assertThat(pending).hasSize(1);
    assertThat(dir.resolve(bad + ".alert.corrupt")).exists();
    assertThat(warnings).singleElement().asString().contains(bad).contains("corrupt");
  }

  @Test
  void a_write_torn_by_a_crash_leaves_no_alert_and_no_debris() throws Exception {
    outbox().queue(alert("1"), Optional.empty());
    Files.write(
        dir.resolve("0000000000000002.tmp"), "v=MQ==\nid=".getBytes(StandardCharsets.US_ASCII));

    AlertOutbox reopened = outbox();

    assertThat(reopened.pendingFor("srv")).hasSize(1);
    assertThat(dir.resolve("0000000000000002.tmp")).doesNotExist();
    assertThat(reopened.queue(alert("2"), Optional.empty())).isEqualTo("0000000000000003");
  }

  @Test
  void a_full_outbox_answers_device_full() throws Exception {
    AlertOutbox small = new AlertOutbox(dir, 2, warnings::add);
    small.queue(alert("1"), Optional.empty());
    small.queue(alert("2"), Optional.empty());

    assertThatThrownBy(() -> small.queue(alert("3"), Optional.empty()))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.DEVICE_FULL));
  }
}
