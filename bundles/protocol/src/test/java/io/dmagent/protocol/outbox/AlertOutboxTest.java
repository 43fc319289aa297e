package io.dmagent.protocol.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.outbox.OverflowPolicy;
import io.dmagent.api.session.AlertMark;
import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.outbox.StoreOutbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generic Alerts and Client Events on the real outbox (the outbox bundle's store in a temporary
 * folder): what they keep of an alert, which server gets them, 420 when full. The outbox's own
 * promise (durability, order, ids, bound) is tested in the outbox bundle.
 */
class AlertOutboxTest {
  @TempDir Path dir;
  private final List<String> warnings = new ArrayList<>();
  private final List<StoreOutbox> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(StoreOutbox::close);
  }

  private StoreOutbox store(int capacity) throws Exception {
    StoreOutbox s = StoreOutbox.open(dir, capacity, OverflowPolicy.REJECT_NEW, warnings::add);
    opened.add(s);
    return s;
  }

  private AlertOutbox outbox() throws Exception {
    return new AlertOutbox(store(100), warnings::add);
  }

  /** The outbox closed and opened again: the agent restarted. */
  private AlertOutbox restart() throws Exception {
    close();
    opened.clear();
    return outbox();
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

  private static List<String> data(List<QueuedAlert> alerts) {
    return alerts.stream().map(q -> new String(q.alert().data(), StandardCharsets.UTF_8)).toList();
  }

  @Test
  void a_queued_alert_survives_a_restart_intact() throws Exception {
    String id = outbox().queue(alert("200"), Optional.of("srv1"));

    List<QueuedAlert> pending = restart().pendingFor("srv1");

    assertThat(pending)
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.id()).isEqualTo(id);
              assertThat(q.alert()).isEqualTo(alert("200"));
              assertThat(q.serverId()).contains("srv1");
              assertThat(q.alertCode()).isEqualTo(QueuedAlert.GENERIC_ALERT);
            });
  }

  @Test
  void a_client_event_keeps_its_alert_code() throws Exception {
    AlertOutbox outbox = outbox();
    outbox.queue(alert("1"), Optional.empty(), QueuedAlert.CLIENT_EVENT);

    assertThat(restart().pendingFor("srv1"))
        .singleElement()
        .satisfies(
            q -> {
              assertThat(q.alertCode()).isEqualTo(QueuedAlert.CLIENT_EVENT);
              assertThat(q.serverId()).isEmpty();
            });
  }

  @Test
  void alerts_are_delivered_in_the_order_they_were_queued_across_restarts() throws Exception {
    AlertOutbox outbox = outbox();
    outbox.queue(alert("1"), Optional.empty());
    outbox.queue(alert("2"), Optional.of("srv1"));
    AlertOutbox reopened = restart();
    reopened.queue(alert("3"), Optional.empty());

    assertThat(data(reopened.pendingFor("srv1"))).containsExactly("1", "2", "3");
  }

  @Test
  void an_alert_for_one_server_is_not_delivered_to_another() throws Exception {
    AlertOutbox outbox = outbox();
    outbox.queue(alert("mine"), Optional.of("srv1"));
    outbox.queue(alert("everyone"), Optional.empty());

    assertThat(data(outbox.pendingFor("srv2"))).containsExactly("everyone");
    assertThat(outbox.size()).isEqualTo(2);
  }

  @Test
  void an_acknowledged_alert_is_gone_for_good() throws Exception {
    AlertOutbox outbox = outbox();
    String first = outbox.queue(alert("1"), Optional.empty());
    outbox.queue(alert("2"), Optional.empty());

    outbox.acknowledge(List.of(first));

    assertThat(data(restart().pendingFor("srv"))).containsExactly("2");
  }

  @Test
  void an_entry_that_is_no_alert_is_reported_and_removed_while_the_others_are_delivered()
      throws Exception {
    StoreOutbox store = store(100);
    AlertOutbox outbox = new AlertOutbox(store, warnings::add);
    String bad = store.store(AlertOutbox.TOPIC, "srv", "v=MQ==\ncrc=0\n".getBytes()).id();
    outbox.queue(alert("2"), Optional.empty());

    assertThat(data(outbox.pendingFor("srv"))).containsExactly("2");
    assertThat(outbox.size()).isEqualTo(1);
    assertThat(warnings).singleElement().asString().contains(bad).contains("corrupt");
  }

  @Test
  void entries_of_other_outbox_users_are_never_taken_for_alerts() throws Exception {
    StoreOutbox store = store(100);
    store.store("io.dmagent.sessionless.report", "srv", new byte[] {1, 2, 3});
    AlertOutbox outbox = new AlertOutbox(store, warnings::add);

    assertThat(outbox.pendingFor("srv")).isEmpty();
    assertThat(outbox.size()).isZero();
    assertThat(warnings).isEmpty();
  }

  @Test
  void a_full_outbox_answers_device_full() throws Exception {
    AlertOutbox small = new AlertOutbox(store(2), warnings::add);
    small.queue(alert("1"), Optional.empty());
    small.queue(alert("2"), Optional.empty());

    assertThatThrownBy(() -> small.queue(alert("3"), Optional.empty()))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.DEVICE_FULL));
  }
}
