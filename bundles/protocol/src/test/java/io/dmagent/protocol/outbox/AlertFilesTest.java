package io.dmagent.protocol.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.outbox.OverflowPolicy;
import io.dmagent.api.session.AlertMark;
import io.dmagent.api.session.GenericAlert;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.outbox.StoreOutbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts an earlier version queued as files survive the move onto the outbox bundle. */
class AlertFilesTest {
  @TempDir Path dir;
  private final List<String> log = new ArrayList<>();
  private StoreOutbox store;

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  /** A file as the file-per-alert outbox wrote it: id and server in the record, CRC-32 last. */
  private void alertFile(String id, Optional<String> server, String data) throws Exception {
    GenericAlert a =
        new GenericAlert(
            "x.acme.alarm",
            NodeFormat.CHR,
            AlertMark.WARNING,
            Optional.empty(),
            data.getBytes(StandardCharsets.UTF_8),
            Optional.empty());
    String record = new String(AlertRecord.encode(a, 1226), StandardCharsets.US_ASCII);
    String body = record.substring(0, record.lastIndexOf("crc="));
    StringBuilder b = new StringBuilder(body.substring(0, body.indexOf('\n') + 1));
    b.append("id=").append(b64(id)).append('\n');
    server.ifPresent(s -> b.append("server=").append(b64(s)).append('\n'));
    b.append(body.substring(body.indexOf('\n') + 1));
    CRC32 crc = new CRC32();
    crc.update(b.toString().getBytes(StandardCharsets.US_ASCII));
    Files.writeString(
        dir.resolve(id + ".alert"),
        b + "crc=" + Long.toHexString(crc.getValue()) + "\n",
        StandardCharsets.US_ASCII);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> data(List<QueuedAlert> alerts) {
    return alerts.stream().map(q -> new String(q.alert().data(), StandardCharsets.UTF_8)).toList();
  }

  @Test
  void alert_files_of_an_earlier_version_move_onto_the_outbox_in_order_with_their_server()
      throws Exception {
    alertFile("0000000000000001", Optional.of("srv1"), "1");
    alertFile("0000000000000002", Optional.empty(), "2");
    alertFile("0000000000000003", Optional.of("srv2"), "3");
    store = StoreOutbox.open(dir, 100, OverflowPolicy.REJECT_NEW, log::add);
    AlertOutbox outbox = new AlertOutbox(store, log::add);

    assertThat(AlertFiles.moveOnto(outbox, dir, log::add)).isEqualTo(3);

    assertThat(data(outbox.pendingFor("srv1"))).containsExactly("1", "2");
    assertThat(data(outbox.pendingFor("srv2"))).containsExactly("2", "3");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".alert"));
    }
    assertThat(log).singleElement().asString().startsWith("3 queued alert(s)");
    assertThat(AlertFiles.moveOnto(outbox, dir, log::add)).as("done once").isZero();
  }

  @Test
  void a_corrupt_alert_file_is_kept_aside_and_the_others_are_moved() throws Exception {
    alertFile("0000000000000001", Optional.of("srv1"), "1");
    alertFile("0000000000000002", Optional.of("srv1"), "2");
    Path bad = dir.resolve("0000000000000001.alert");
    byte[] bytes = Files.readAllBytes(bad);
    bytes[10] ^= 0x01;
    Files.write(bad, bytes);
    store = StoreOutbox.open(dir, 100, OverflowPolicy.REJECT_NEW, log::add);
    AlertOutbox outbox = new AlertOutbox(store, log::add);

    AlertFiles.moveOnto(outbox, dir, log::add);

    assertThat(data(outbox.pendingFor("srv1"))).containsExactly("2");
    assertThat(dir.resolve("0000000000000001.alert.corrupt")).exists();
    assertThat(log).anyMatch(l -> l.contains("0000000000000001.alert is corrupt"));
  }
}
