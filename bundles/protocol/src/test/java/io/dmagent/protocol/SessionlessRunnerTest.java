package io.dmagent.protocol;

import static io.dmagent.protocol.Fixture.alert;
import static io.dmagent.protocol.Fixture.get;
import static io.dmagent.protocol.Fixture.replace;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Atomic;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.Results;
import io.dmagent.api.message.Sequence;
import io.dmagent.api.message.Status;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.tree.DmException;
import io.dmagent.codec.description.DdfTndsCodec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessionless commands run through the session's own command processing, on a real tree. */
class SessionlessRunnerTest {
  @TempDir Path folder;
  private Fixture fx;
  private SessionlessRunner runner;

  @BeforeEach
  void setUp() throws Exception {
    fx = new Fixture(folder);
    fx.device()
        .addLeaf(
            io.dmagent.api.tree.NodeUri.of("./Vendor/Temp"),
            io.dmagent.api.tree.NodeValue.text("20"));
    runner = new SessionlessRunner(fx.tree, new DdfTndsCodec(), Encoding.XML, fx.log::add);
  }

  private static SyncMessage message(Command... commands) {
    SyncHeader h =
        new SyncHeader(
            SyncHeader.VER_DTD,
            SyncHeader.DM_1_3,
            "18C3A2B4F00",
            "1",
            Locator.of(Fixture.DEV_ID),
            Locator.of(Fixture.SERVER),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    return new SyncMessage(h, List.of(commands), true);
  }

  private static List<String> shape(List<Command> answers) {
    return answers.stream()
        .filter(Status.class::isInstance)
        .map(Status.class::cast)
        .map(s -> s.cmd() + " " + s.cmdRef() + " " + s.code())
        .toList();
  }

  @Test
  void runs_replace_and_get_as_the_server_and_answers_them_numbered() throws DmException {
    List<Command> answers =
        runner.run(
            Fixture.SERVER,
            message(replace("1", "./Vendor/Temp", "21"), get("2", "./Vendor/Temp")));

    assertThat(shape(answers)).containsExactly("Replace 1 200", "Get 2 200");
    assertThat(answers).extracting(Command::cmdId).containsExactly("1", "2", "3");
    Results results = (Results) answers.get(2);
    assertThat(results.items().get(0).data()).contains(ItemData.text("21"));
    assertThat(fx.value("./Vendor/Temp")).isEqualTo("21");
  }

  @Test
  void a_server_without_rights_gets_425_and_the_tree_is_unchanged() throws DmException {
    List<Command> answers = runner.run("intruder", message(replace("1", "./Vendor/Temp", "99")));

    assertThat(shape(answers)).containsExactly("Replace 1 425");
    assertThat(fx.value("./Vendor/Temp")).isEqualTo("20");
  }

  @Test
  void atomic_is_all_or_nothing() throws DmException {
    Atomic atomic =
        new Atomic(
            "1",
            false,
            Optional.empty(),
            List.of(replace("2", "./Vendor/Temp", "30"), replace("3", "./Vendor/Missing/X", "1")));

    List<Command> answers = runner.run(Fixture.SERVER, message(atomic));

    assertThat(shape(answers)).first().isEqualTo("Atomic 1 507");
    assertThat(shape(answers)).contains("Replace 2 216");
    assertThat(fx.value("./Vendor/Temp")).isEqualTo("20");
  }

  @Test
  void sequence_runs_in_order() throws DmException {
    Sequence sequence =
        new Sequence(
            "1",
            false,
            Optional.empty(),
            List.of(replace("2", "./Vendor/Temp", "30"), get("3", "./Vendor/Temp")));

    List<Command> answers = runner.run(Fixture.SERVER, message(sequence));

    assertThat(shape(answers)).containsExactly("Sequence 1 200", "Replace 2 200", "Get 3 200");
    Results results = (Results) answers.get(3);
    assertThat(results.items().get(0).data()).contains(ItemData.text("30"));
  }

  @Test
  void commands_that_need_a_session_get_406_and_run_nothing() throws DmException {
    ItemCommand chunk =
        ItemCommand.of(
            CommandName.REPLACE,
            "2",
            new Item(
                Optional.of(Locator.of("./Vendor/Temp")),
                Optional.empty(),
                Optional.of(Meta.of("chr", "text/plain")),
                Optional.of(ItemData.text("4")),
                true));
    Sequence withPrompt =
        new Sequence(
            "3",
            false,
            Optional.empty(),
            List.of(alert("4", 1101, "", "Go?"), replace("5", "./Vendor/Temp", "5")));

    List<Command> answers =
        runner.run(Fixture.SERVER, message(alert("1", 1222), chunk, withPrompt));

    assertThat(shape(answers))
        .containsExactly(
            "Alert 1 406", "Replace 2 406", "Sequence 3 200", "Alert 4 406", "Replace 5 200");
    assertThat(fx.value("./Vendor/Temp")).isEqualTo("5");
  }
}
