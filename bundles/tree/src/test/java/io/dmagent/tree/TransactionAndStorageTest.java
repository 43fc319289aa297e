package io.dmagent.tree;

import static io.dmagent.tree.Trees.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.description.TndsNode;
import io.dmagent.api.description.TndsTree;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeChange;
import io.dmagent.api.tree.TreeTransaction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionAndStorageTest {
  @TempDir Path dir;

  @Test
  void a_committed_transaction_applies_every_change_at_once() throws Exception {
    Trees trees = Trees.inMemory();
    try (TreeTransaction tx = trees.tree.begin(Principal.device())) {
      tx.addLeaf(uri("./A/x"), NodeValue.text("1"));
      tx.addLeaf(uri("./A/y"), NodeValue.text("2"));
      assertThat(tx.get(uri("./A")).children()).containsExactlyInAnyOrder("x", "y");
      tx.commit();
    }
    assertThat(trees.value("./A/y")).isEqualTo("2");
  }

  @Test
  void a_rolled_back_transaction_leaves_no_trace() throws Exception {
    Trees trees = Trees.inMemory().leaf("./Keep", "k");
    try (TreeTransaction tx = trees.tree.begin(Principal.device())) {
      tx.addLeaf(uri("./Gone"), NodeValue.text("1"));
      tx.delete(uri("./Keep"));
    } // closed without commit

    assertThat(trees.device().get(uri(".")).children()).containsExactly("Keep");
  }

  @Test
  void a_failed_command_inside_a_transaction_undoes_only_itself() throws Exception {
    Trees trees = Trees.inMemory().leaf("./Exists", "e");
    try (TreeTransaction tx = trees.tree.begin(Principal.device())) {
      tx.addLeaf(uri("./New/a"), NodeValue.text("1"));
      assertThatThrownBy(
              () ->
                  tx.addLeaf(
                      uri("./Other/b"), NodeValue.of("x", io.dmagent.api.tree.NodeFormat.INT)))
          .isInstanceOf(DmException.class);
      assertThat(tx.get(uri(".")).children()).doesNotContain("Other").contains("New");
      tx.rollback();
    }
    assertThat(trees.device().get(uri(".")).children()).containsExactly("Exists");
  }

  @Test
  void a_failed_command_restores_what_earlier_commands_of_the_transaction_left_pending()
      throws Exception {
    Trees trees = Trees.inMemory();
    TndsNode bad =
        new TndsNode(
            "c",
            Optional.empty(),
            Optional.of(NodeFormat.INT),
            Map.of(),
            Optional.of("x".getBytes(StandardCharsets.UTF_8)),
            List.of());
    TndsNode top =
        new TndsNode(
            "",
            Optional.empty(),
            Optional.of(NodeFormat.NODE),
            Map.of(),
            Optional.empty(),
            List.of(bad));
    try (TreeTransaction tx = trees.tree.begin(Principal.device())) {
      tx.addLeaf(uri("./R/a"), NodeValue.text("1"));
      tx.addLeaf(uri("./R/b"), NodeValue.text("2"));
      // Replaces ./R's children (a and b, pending) by c, whose value is not an int: fails whole.
      assertThatThrownBy(
              () ->
                  tx.replaceTnds(
                      uri("./R"),
                      new TndsTree("1.2", Optional.empty(), Optional.empty(), List.of(top))))
          .isInstanceOf(DmException.class);
      assertThat(tx.get(uri("./R")).children()).containsExactly("a", "b");
      tx.commit();
    }
    assertThat(trees.value("./R/a")).isEqualTo("1");
    assertThat(trees.value("./R/b")).isEqualTo("2");
  }

  @Test
  void undo_entries_grow_with_what_commands_touch_not_with_the_transaction_size() throws Exception {
    Trees trees = Trees.inMemory();
    int n = 5_000;
    try (TreeTransaction tx = trees.tree.begin(Principal.device())) {
      for (int i = 0; i < n; i++) {
        tx.addLeaf(uri("./Big/n" + i), NodeValue.text("v"));
      }
      // One entry per node a command touched (the first Add also creates ./Big), where copying
      // the pending changes for each command's savepoint would copy n * (n + 1) / 2 of them.
      assertThat(((Operations) tx).undoEntries()).isEqualTo(n + 1);
      tx.commit();
    }
    assertThat(trees.device().get(uri("./Big")).children()).hasSize(n);
  }

  @Test
  void an_acknowledged_write_is_in_the_file_after_reopening() throws Exception {
    Path file = dir.resolve("tree.mv.db");
    Trees first = Trees.on(TreeStore.open(file, m -> {}));
    first.leaf("./Durable/v", "42");
    first.tree.close();

    Trees second = Trees.on(TreeStore.open(file, m -> {}));
    assertThat(second.value("./Durable/v")).isEqualTo("42");
    second.tree.close();
  }

  @Test
  void a_corrupt_store_file_is_kept_aside_and_reported() throws Exception {
    Path file = dir.resolve("tree.mv.db");
    Files.write(
        file,
        "this is not an MVStore file, it is garbage that a failing card left behind"
            .repeat(100)
            .getBytes());
    List<String> warnings = new CopyOnWriteArrayList<>();

    TreeStore store = TreeStore.open(file, warnings::add);
    store.close();

    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("cannot be opened")
        .contains("kept aside");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("tree.mv.db.corrupt-"));
    }
  }

  @Test
  void listeners_hear_of_each_commit_after_it_is_made() throws Exception {
    Trees trees = Trees.inMemory();
    List<TreeChange> heard = new CopyOnWriteArrayList<>();
    trees.tree.addListener(
        heard::addAll, Map.of(io.dmagent.api.tree.TreeChangeListener.SUBTREE, "./Watched"));

    trees.leaf("./Watched/a", "1").leaf("./Other", "2");
    trees.device().replace(uri("./Watched/a"), NodeValue.text("3"));

    long deadline = System.currentTimeMillis() + 5_000;
    while (heard.size() < 3 && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    assertThat(heard)
        .extracting(TreeChange::kind, c -> c.uri().toString())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(TreeChange.Kind.ADDED, "./Watched"),
            org.assertj.core.groups.Tuple.tuple(TreeChange.Kind.ADDED, "./Watched/a"),
            org.assertj.core.groups.Tuple.tuple(TreeChange.Kind.REPLACED, "./Watched/a"));
  }

  @Test
  void a_listener_that_throws_an_error_is_logged_and_the_others_still_hear_of_the_commit()
      throws Exception {
    Trees trees = Trees.inMemory();
    List<TreeChange> heard = new CopyOnWriteArrayList<>();
    io.dmagent.api.tree.TreeChangeListener broken =
        changes -> {
          throw new NoClassDefFoundError("com/acme/Gone");
        };
    trees.tree.addListener(broken, Map.of());
    trees.tree.addListener(heard::addAll, Map.of());

    trees.leaf("./A", "1");
    trees.leaf("./B", "2");

    long deadline = System.currentTimeMillis() + 5_000;
    while (heard.size() < 2 && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    assertThat(heard).extracting(c -> c.uri().toString()).containsExactly("./A", "./B");
    assertThat(trees.log)
        .filteredOn(l -> l.contains("tree change listener failed: java.lang.NoClassDefFoundError"))
        .hasSize(2);
  }

  @Test
  void a_store_failure_answers_510() {
    TreeStore store = TreeStore.inMemory();
    Trees trees = Trees.on(store);
    store.close();
    assertThatThrownBy(() -> trees.device().addLeaf(uri("./X"), NodeValue.text("1")))
        .isInstanceOfSatisfying(
            DmException.class,
            e -> assertThat(e.status()).isEqualTo(StatusCode.DATA_STORE_FAILURE));
  }

  @Test
  void a_write_committed_while_the_tree_is_deactivating_is_acknowledged_and_kept()
      throws Exception {
    Path file = dir.resolve("tree.mv.db");
    Trees trees = Trees.on(TreeStore.open(file, m -> {}));
    trees.leaf("./Closing", "before");
    TreeTransaction tx = trees.tree.begin(Principal.device());
    tx.replace(uri("./Closing"), NodeValue.text("during"));
    // Deactivation starts while the session's transaction is open: it waits for the tree's lock.
    Thread closer =
        new Thread(
            () -> {
              try {
                trees.tree.close();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    closer.start();
    while (closer.getState() != Thread.State.WAITING) {
      assertThat(closer.isAlive()).isTrue();
      Thread.sleep(1);
    }

    tx.commit(); // acknowledged: no exception

    closer.join(10_000);
    assertThat(closer.isAlive()).isFalse();
    Trees reopened = Trees.on(TreeStore.open(file, m -> {}));
    assertThat(reopened.value("./Closing")).isEqualTo("during");
    reopened.tree.close();
  }
}
