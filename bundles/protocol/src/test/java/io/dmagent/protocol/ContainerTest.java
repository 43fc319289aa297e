package io.dmagent.protocol;

import static io.dmagent.protocol.Fixture.add;
import static io.dmagent.protocol.Fixture.delete;
import static io.dmagent.protocol.Fixture.get;
import static io.dmagent.protocol.Fixture.replace;
import static io.dmagent.protocol.Fixture.results;
import static io.dmagent.protocol.Fixture.sent;
import static io.dmagent.protocol.Fixture.shape;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.message.Atomic;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.Exec;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.Sequence;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic and Sequence (digest 1.3): all or nothing, in order, and what may sit inside. */
class ContainerTest {
  @TempDir Path dir;
  Fixture f;
  ClientSession session;
  Fixture.Server server;
  SyncMessage pkg1;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture(dir);
    f.device().addLeaf(NodeUri.of("./Vendor/Keep"), NodeValue.text("old"));
    session = f.session();
    pkg1 = session.begin();
    server = new Fixture.Server(session.sessionId());
  }

  private SyncMessage answer(Command... commands) {
    return sent(session.onMessage(server.reply(pkg1, true, commands)));
  }

  private static Atomic atomic(String id, Command... commands) {
    return new Atomic(id, false, Optional.empty(), List.of(commands));
  }

  private static Sequence sequence(String id, Command... commands) {
    return new Sequence(id, false, Optional.empty(), List.of(commands));
  }

  @Test
  void an_atomic_that_succeeds_applies_everything_and_answers_200_before_its_commands()
      throws Exception {
    SyncMessage reply =
        answer(atomic("4", add("5", "./Vendor/A", "1"), replace("6", "./Vendor/Keep", "new")));

    assertThat(shape(reply))
        .containsExactly("SyncHdr 0 200", "Atomic 4 200", "Add 5 200", "Replace 6 200");
    assertThat(f.value("./Vendor/A")).isEqualTo("1");
    assertThat(f.value("./Vendor/Keep")).isEqualTo("new");
  }

  @Test
  void an_atomic_with_a_failing_command_changes_nothing_507_and_216_for_the_rest()
      throws Exception {
    SyncMessage reply =
        answer(
            atomic(
                "4",
                add("5", "./Vendor/A", "1"),
                replace("6", "./Vendor/Keep", "new"),
                delete("7", "./Vendor/Missing"),
                add("8", "./Vendor/B", "2")));

    assertThat(shape(reply))
        .containsExactly(
            "SyncHdr 0 200",
            "Atomic 4 507",
            "Add 5 216",
            "Replace 6 216",
            "Delete 7 404",
            "Add 8 216");
    assertThat(f.exists("./Vendor/A")).isFalse();
    assertThat(f.exists("./Vendor/B")).isFalse();
    assertThat(f.value("./Vendor/Keep")).isEqualTo("old");
  }

  @Test
  void a_get_inside_an_atomic_is_illegal_500_and_fails_it() throws Exception {
    SyncMessage reply = answer(atomic("4", add("5", "./Vendor/A", "1"), get("6", "./Vendor/Keep")));

    assertThat(shape(reply))
        .containsExactly("SyncHdr 0 200", "Atomic 4 507", "Add 5 216", "Get 6 500");
    assertThat(results(reply)).isEmpty();
    assertThat(f.exists("./Vendor/A")).isFalse();
  }

  @Test
  void a_nested_atomic_and_an_exec_inside_an_atomic_are_illegal() {
    Exec exec = new Exec("7", false, Optional.empty(), Optional.empty(), Item.target("./Vendor"));
    SyncMessage nested =
        answer(atomic("4", atomic("5", add("6", "./Vendor/A", "1"))), atomic("8", exec));

    assertThat(shape(nested))
        .containsExactly(
            "SyncHdr 0 200",
            "Atomic 4 507",
            "Atomic 5 500",
            "Add 6 215",
            "Atomic 8 507",
            "Exec 7 500");
    assertThat(f.exists("./Vendor/A")).isFalse();
  }

  @Test
  void a_sequence_runs_in_order_answers_200_first_and_goes_on_after_a_failure() throws Exception {
    SyncMessage reply =
        answer(
            sequence(
                "4",
                add("5", "./Vendor/A", "1"),
                get("6", "./Vendor/A"),
                delete("7", "./Vendor/Missing"),
                replace("8", "./Vendor/A", "2")));

    assertThat(shape(reply))
        .containsExactly(
            "SyncHdr 0 200",
            "Sequence 4 200",
            "Add 5 200",
            "Get 6 200",
            "Delete 7 404",
            "Replace 8 200");
    assertThat(results(reply).get(0).items().get(0).data().orElseThrow().text()).isEqualTo("1");
    assertThat(f.value("./Vendor/A")).isEqualTo("2");
  }

  @Test
  void an_atomic_inside_a_sequence_runs_all_or_nothing() throws Exception {
    SyncMessage reply =
        answer(
            sequence(
                "4",
                atomic("5", add("6", "./Vendor/A", "1"), delete("7", "./Vendor/Missing")),
                add("8", "./Vendor/B", "2")));

    assertThat(shape(reply))
        .containsExactly(
            "SyncHdr 0 200",
            "Sequence 4 200",
            "Atomic 5 507",
            "Add 6 216",
            "Delete 7 404",
            "Add 8 200");
    assertThat(f.exists("./Vendor/A")).isFalse();
    assertThat(f.value("./Vendor/B")).isEqualTo("2");
  }

  @Test
  void an_exec_inside_a_sequence_runs_in_its_turn() {
    Exec exec =
        new Exec("6", false, Optional.empty(), Optional.empty(), Item.target("./Vendor/Keep"));
    SyncMessage reply = answer(sequence("4", add("5", "./Vendor/A", "1"), exec));

    // Exec may sit in a Sequence (digest 1.3); no MO executes ./Vendor/Keep, hence 405.
    assertThat(shape(reply))
        .containsExactly("SyncHdr 0 200", "Sequence 4 200", "Add 5 200", "Exec 6 405");
  }

  @Test
  void a_sequence_inside_a_sequence_is_refused_with_500() {
    SyncMessage reply = answer(sequence("4", sequence("5", add("6", "./Vendor/A", "1"))));

    assertThat(shape(reply))
        .containsExactly("SyncHdr 0 200", "Sequence 4 200", "Sequence 5 500", "Add 6 215");
    assertThat(f.exists("./Vendor/A")).isFalse();
  }

  @Test
  void every_command_inside_containers_counts_for_the_report() {
    answer(
        sequence("4", add("5", "./Vendor/A", "1"), get("6", "./Vendor/A")),
        atomic("7", add("8", "./Vendor/B", "1")));

    assertThat(session.commands()).isEqualTo(3);
  }
}
