package io.dmagent.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.outbox.OutboxEntry;
import io.dmagent.api.outbox.OutboxException;
import io.dmagent.api.outbox.OverflowPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox's promise on a real file: durable, in order, at least once with an id, bounded. */
class StoreOutboxTest {
  private static final String ALERTS = "alerts";

  @TempDir Path dir;
  private final List<String> warnings = new ArrayList<>();
  private StoreOutbox outbox;

  @AfterEach
  void close() {
    if (outbox != null) {
      outbox.close();
    }
  }

  private StoreOutbox open(int capacity, OverflowPolicy policy) throws IOException {
    close();
    outbox = StoreOutbox.open(dir, capacity, policy, warnings::add);
    return outbox;
  }

  private StoreOutbox open() throws IOException {
    return open(100, OverflowPolicy.REJECT_NEW);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> payloads(List<OutboxEntry> entries) {
    return entries.stream().map(e -> new String(e.payload(), StandardCharsets.UTF_8)).toList();
  }

  @Test
  void concurrent_stores_and_acknowledgements_share_forced_writes() throws Exception {
    StoreOutbox shared = open(10_000, OverflowPolicy.REJECT_NEW);
    int threads = 8;
    int perThread = 50;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String destination = "srv" + t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int n = 0; n < perThread; n++) {
                    OutboxEntry e = shared.store(ALERTS, destination, bytes("entry " + n));
                    if (n % 2 == 1) {
                      shared.acknowledge(ALERTS, List.of(e.id()));
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    // 400 stores and 200 acknowledgements: one forced write each without group commit.
    assertThat(shared.groupsForced()).isPositive().isLessThan(threads * perThread * 3 / 2);
    assertThat(payloads(open(10_000, OverflowPolicy.REJECT_NEW).pending(ALERTS, List.of("srv3"))))
        .containsExactlyElementsOf(
            IntStream.range(0, perThread / 2).mapToObj(n -> "entry " + (2 * n)).toList());
  }

  @Test
  void a_stored_entry_survives_a_reopen_intact() throws Exception {
    OutboxEntry stored = open().store(ALERTS, "srv1", bytes("hello"));

    List<OutboxEntry> pending = open().pending(ALERTS, List.of("srv1"));

    assertThat(pending).containsExactly(stored);
  }

  @Test
  void entries_are_listed_in_the_order_they_were_stored_per_destination_across_reopens()
      throws Exception {
    open().store(ALERTS, "srv1", bytes("1"));
    outbox.store(ALERTS, "srv2", bytes("a"));
    outbox.store(ALERTS, "srv1", bytes("2"));
    open().store(ALERTS, "srv1", bytes("3"));
    outbox.store(ALERTS, "srv2", bytes("b"));

    assertThat(payloads(open().pending(ALERTS, List.of("srv1")))).containsExactly("1", "2", "3");
    assertThat(payloads(outbox.pending(ALERTS, List.of("srv2")))).containsExactly("a", "b");
    assertThat(payloads(outbox.pending(ALERTS, List.of("srv2", "srv1"))))
        .containsExactly("1", "a", "2", "3", "b");
    assertThat(payloads(outbox.pending(ALERTS))).containsExactly("1", "a", "2", "3", "b");
  }

  @Test
  void an_entry_keeps_its_id_at_every_delivery_until_acknowledged() throws Exception {
    OutboxEntry stored = open().store(ALERTS, "srv1", bytes("x"));

    String first = outbox.pending(ALERTS, List.of("srv1")).get(0).id();
    String afterReopen = open().pending(ALERTS, List.of("srv1")).get(0).id();

    assertThat(first).isEqualTo(stored.id()).isEqualTo(afterReopen);
  }

  @Test
  void ids_grow_and_are_never_given_again_even_once_the_outbox_was_emptied() throws Exception {
    OutboxEntry a = open().store(ALERTS, "srv1", bytes("a"));
    outbox.acknowledge(ALERTS, List.of(a.id()));
    OutboxEntry b = open().store(ALERTS, "srv1", bytes("b"));
    OutboxEntry c = outbox.store(ALERTS, "srv1", bytes("c"));

    assertThat(List.of(a.id(), b.id(), c.id())).doesNotHaveDuplicates().isSorted();
    assertThat(Long.parseLong(b.id())).isGreaterThan(Long.parseLong(a.id()));
  }

  @Test
  void an_acknowledged_entry_is_gone_for_good() throws Exception {
    OutboxEntry one = open().store(ALERTS, "srv1", bytes("1"));
    outbox.store(ALERTS, "srv1", bytes("2"));

    outbox.acknowledge(ALERTS, List.of(one.id(), "not-an-id", "0000000000000042"));

    assertThat(payloads(open().pending(ALERTS, List.of("srv1")))).containsExactly("2");
    assertThat(outbox.size()).isEqualTo(1);
  }

  @Test
  void topics_keep_their_users_apart() throws Exception {
    OutboxEntry alert = open().store(ALERTS, "srv1", bytes("alert"));
    outbox.store("reports", "srv1", bytes("report"));

    outbox.acknowledge("reports", List.of(alert.id()));

    assertThat(payloads(outbox.pending(ALERTS, List.of("srv1")))).containsExactly("alert");
    assertThat(payloads(outbox.pending("reports", List.of("srv1")))).containsExactly("report");
  }

  @Test
  void a_full_outbox_refuses_new_entries_under_reject_new_and_keeps_what_it_holds()
      throws Exception {
    open(2, OverflowPolicy.REJECT_NEW).store(ALERTS, "srv1", bytes("1"));
    outbox.store(ALERTS, "srv1", bytes("2"));

    assertThatThrownBy(() -> outbox.store(ALERTS, "srv1", bytes("3")))
        .isInstanceOfSatisfying(OutboxException.class, e -> assertThat(e.full()).isTrue())
        .hasMessageContaining("maximum of 2");
    assertThat(payloads(open(2, OverflowPolicy.REJECT_NEW).pending(ALERTS)))
        .containsExactly("1", "2");
    assertThat(warnings).isEmpty();
  }

  @Test
  void a_full_outbox_drops_its_oldest_entry_under_drop_oldest_with_one_warning() throws Exception {
    OutboxEntry oldest = open(2, OverflowPolicy.DROP_OLDEST).store(ALERTS, "srv1", bytes("1"));
    outbox.store("reports", "srv2", bytes("2"));

    outbox.store(ALERTS, "srv1", bytes("3"));

    assertThat(payloads(open(2, OverflowPolicy.DROP_OLDEST).pending(ALERTS))).containsExactly("3");
    assertThat(payloads(outbox.pending("reports"))).containsExactly("2");
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("dropped the oldest", oldest.id(), ALERTS, "'srv1'");
  }

  @Test
  void a_destination_from_the_wire_reaches_the_log_only_escaped() throws Exception {
    open(1, OverflowPolicy.DROP_OLDEST).store(ALERTS, "evil\nINFO forged", bytes("1"));

    outbox.store(ALERTS, "srv1", bytes("2"));

    assertThat(warnings).singleElement().asString().doesNotContain("\n");
  }

  @Test
  void a_write_torn_by_a_crash_loses_nothing_acknowledged() throws Exception {
    open();
    List<OutboxEntry> acknowledged = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      acknowledged.add(outbox.store(ALERTS, "srv" + i % 2, bytes("entry " + i)));
    }
    // The file as the disk holds it at the crash, with half a chunk written after it.
    byte[] onDisk = Files.readAllBytes(dir.resolve(StoreOutbox.FILE_NAME));
    byte[] torn = new byte[4096 + 1234];
    new Random(7).nextBytes(torn);
    Path crashed = Files.createDirectory(dir.resolve("crashed"));
    Path file = crashed.resolve(StoreOutbox.FILE_NAME);
    Files.write(file, onDisk);
    Files.write(file, torn, java.nio.file.StandardOpenOption.APPEND);

    try (StoreOutbox reopened =
        StoreOutbox.open(crashed, 100, OverflowPolicy.REJECT_NEW, warnings::add)) {
      assertThat(reopened.pending(ALERTS)).containsExactlyElementsOf(acknowledged);
      assertThat(reopened.store(ALERTS, "srv1", bytes("after")).id())
          .isGreaterThan(acknowledged.get(19).id());
    }
  }

  @Test
  void a_file_that_cannot_be_read_is_kept_aside_and_the_outbox_starts_empty() throws Exception {
    OutboxEntry before = open().store(ALERTS, "srv1", bytes("1"));
    close();
    outbox = null;
    byte[] garbage = new byte[8192];
    new Random(3).nextBytes(garbage);
    Files.write(dir.resolve(StoreOutbox.FILE_NAME), garbage);

    StoreOutbox fresh = open();

    assertThat(fresh.size()).isZero();
    assertThat(fresh.store(ALERTS, "srv1", bytes("2")).id()).isNotEqualTo(before.id());
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("cannot be read", "kept aside", "starting empty");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith(StoreOutbox.FILE_NAME + ".corrupt-"));
    }
  }

  @Test
  void the_outbox_is_the_agent_users_alone() throws Exception {
    Path folder = dir.resolve("outbox");
    try (StoreOutbox o = StoreOutbox.open(folder, 10, OverflowPolicy.REJECT_NEW, warnings::add)) {
      o.store(ALERTS, "srv1", bytes("1"));
    }

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(folder.resolve(StoreOutbox.FILE_NAME))))
        .isEqualTo("rw-------");
  }

  @Test
  void a_second_opening_of_the_same_outbox_is_refused_as_in_use() throws Exception {
    open();

    assertThatThrownBy(() -> StoreOutbox.open(dir, 10, OverflowPolicy.REJECT_NEW, warnings::add))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("in use");
    assertThat(warnings).isEmpty();
  }

  @Test
  void an_unknown_overflow_policy_is_named_and_nothing_is_dropped() {
    List<String> errors = new ArrayList<>();

    assertThat(OutboxService.policy(" drop_oldest ", errors::add))
        .isEqualTo(OverflowPolicy.DROP_OLDEST);
    assertThat(OutboxService.policy("DROP_NEWEST", errors::add))
        .isEqualTo(OverflowPolicy.REJECT_NEW);
    assertThat(errors).singleElement().asString().contains("DROP_NEWEST", "REJECT_NEW");
  }

  @Test
  void a_batch_is_stored_in_order_with_one_forced_write_and_survives_a_reopen() throws Exception {
    StoreOutbox batch = open();
    long before = batch.groupsForced();
    List<OutboxEntry> stored =
        batch.storeAll(ALERTS, "srv1", List.of(bytes("a"), bytes("b"), bytes("c")));

    assertThat(batch.groupsForced() - before).isEqualTo(1);
    assertThat(payloads(stored)).containsExactly("a", "b", "c");
    assertThat(open().pending(ALERTS))
        .extracting(OutboxEntry::id)
        .containsExactlyElementsOf(stored.stream().map(OutboxEntry::id).toList());
    assertThat(payloads(outbox.pending(ALERTS))).containsExactly("a", "b", "c");
  }

  @Test
  void a_batch_that_does_not_fit_is_refused_whole_under_reject_new() throws Exception {
    StoreOutbox small = open(4, OverflowPolicy.REJECT_NEW);
    small.store(ALERTS, "srv1", bytes("kept"));
    small.store(ALERTS, "srv1", bytes("kept too"));

    assertThatThrownBy(
            () -> small.storeAll(ALERTS, "srv1", List.of(bytes("1"), bytes("2"), bytes("3"))))
        .isInstanceOfSatisfying(OutboxException.class, e -> assertThat(e.full()).isTrue());
    assertThat(payloads(open(4, OverflowPolicy.REJECT_NEW).pending(ALERTS)))
        .containsExactly("kept", "kept too");
  }

  @Test
  void a_batch_makes_room_by_dropping_the_oldest_under_drop_oldest() throws Exception {
    StoreOutbox small = open(3, OverflowPolicy.DROP_OLDEST);
    small.store(ALERTS, "srv1", bytes("old 1"));
    small.store(ALERTS, "srv1", bytes("old 2"));

    small.storeAll(ALERTS, "srv1", List.of(bytes("new 1"), bytes("new 2")));

    assertThat(payloads(small.pending(ALERTS))).containsExactly("old 2", "new 1", "new 2");
    assertThat(warnings).singleElement().asString().contains("dropped the oldest");
  }

  @Test
  void a_batch_larger_than_the_outbox_is_refused_and_drops_nothing() throws Exception {
    StoreOutbox small = open(2, OverflowPolicy.DROP_OLDEST);
    small.store(ALERTS, "srv1", bytes("kept"));

    assertThatThrownBy(
            () -> small.storeAll(ALERTS, "srv1", List.of(bytes("1"), bytes("2"), bytes("3"))))
        .isInstanceOfSatisfying(OutboxException.class, e -> assertThat(e.full()).isTrue());
    assertThat(payloads(small.pending(ALERTS))).containsExactly("kept");
  }

  @Test
  void an_acknowledgement_waits_for_no_forced_write_and_is_kept_by_the_next_store_or_closing()
      throws Exception {
    OutboxEntry one = open().store(ALERTS, "srv1", bytes("1"));
    OutboxEntry two = outbox.store(ALERTS, "srv1", bytes("2"));
    long forced = outbox.groupsForced();

    outbox.acknowledge(ALERTS, List.of(one.id()));
    assertThat(outbox.groupsForced()).isEqualTo(forced);
    assertThat(payloads(outbox.pending(ALERTS))).containsExactly("2");
    outbox.store(ALERTS, "srv1", bytes("3"));
    outbox.acknowledge(ALERTS, List.of(two.id()));

    assertThat(payloads(open().pending(ALERTS))).containsExactly("3");
  }
}
