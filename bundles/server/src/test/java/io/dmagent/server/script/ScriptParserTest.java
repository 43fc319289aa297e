package io.dmagent.server.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.message.Alert;
import io.dmagent.api.message.Atomic;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Exec;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Sequence;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptParserTest {

  private static List<Command> compile(Script script, int pkg) {
    AtomicInteger ids = new AtomicInteger();
    return script.packages().get(pkg).stream()
        .map(s -> StepCompiler.compile(s, () -> Integer.toString(ids.incrementAndGet())))
        .toList();
  }

  @Test
  void each_line_becomes_one_command_numbered_in_order() throws Exception {
    Script script =
        Script.parse(
            "demo",
            """
            # read, then change
            get ./DevInfo/Man
            replace ./Vendor/ACME/Interval int 60   # a comment after a value
            add ./Vendor/ACME/Note chr/text/plain hello  world
            add ./Vendor/ACME/Sensor node/urn:x-acme:mo:sensor:1.0
            add ./Vendor/ACME/Empty
            delete ./Vendor/ACME/Old
            copy ./Vendor/ACME/B ./Vendor/ACME/A
            exec ./Vendor/DMAgent/Diagnostics/SelfTest quick
            """);

    List<Command> commands = compile(script, 0);

    assertThat(script.commandCount()).isEqualTo(8);
    assertThat(commands)
        .extracting(Command::element)
        .containsExactly("Get", "Replace", "Add", "Add", "Add", "Delete", "Copy", "Exec");
    assertThat(commands)
        .extracting(Command::cmdId)
        .containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
    ItemCommand replace = (ItemCommand) commands.get(1);
    assertThat(replace.items().get(0).targetUri()).contains("./Vendor/ACME/Interval");
    assertThat(replace.items().get(0).meta().flatMap(m -> m.format())).contains("int");
    assertThat(replace.items().get(0).meta().flatMap(m -> m.type())).contains("text/plain");
    assertThat(replace.items().get(0).data()).contains(ItemData.text("60"));
    ItemCommand note = (ItemCommand) commands.get(2);
    assertThat(note.items().get(0).data()).contains(ItemData.text("hello  world"));
    ItemCommand sensor = (ItemCommand) commands.get(3);
    assertThat(sensor.items().get(0).meta().flatMap(m -> m.format())).contains("node");
    assertThat(sensor.items().get(0).meta().flatMap(m -> m.type()))
        .contains("urn:x-acme:mo:sensor:1.0");
    assertThat(sensor.items().get(0).data()).isEmpty();
    ItemCommand empty = (ItemCommand) commands.get(4);
    assertThat(empty.items().get(0).meta().flatMap(m -> m.format())).contains("node");
    ItemCommand copy = (ItemCommand) commands.get(6);
    assertThat(copy.items().get(0).targetUri()).contains("./Vendor/ACME/B");
    assertThat(copy.items().get(0).sourceUri()).contains("./Vendor/ACME/A");
    Exec exec = (Exec) commands.get(7);
    assertThat(exec.item().targetUri()).contains("./Vendor/DMAgent/Diagnostics/SelfTest");
    assertThat(exec.item().data()).contains(ItemData.text("quick"));
  }

  @Test
  void atomic_and_sequence_blocks_nest_and_number_the_block_first() throws Exception {
    Script script =
        Script.parse(
            "blocks",
            """
            atomic {
              add ./A chr 1
              sequence {
                get ./A
              }
            }
            sequence {
              replace ./A chr 2
            }
            """);

    List<Command> commands = compile(script, 0);

    assertThat(script.commandCount()).isEqualTo(3);
    Atomic atomic = (Atomic) commands.get(0);
    assertThat(atomic.cmdId()).isEqualTo("1");
    assertThat(atomic.commands()).extracting(Command::cmdId).containsExactly("2", "3");
    assertThat(((Sequence) atomic.commands().get(1)).commands().get(0).cmdId()).isEqualTo("4");
    assertThat(commands.get(1)).isInstanceOf(Sequence.class);
  }

  @Test
  void package_splits_the_script_into_server_packages() throws Exception {
    Script script = Script.parse("two", "get ./A\npackage\nreplace ./A chr x\nget ./A\n");

    assertThat(script.packages()).hasSize(2);
    assertThat(script.packages().get(1)).hasSize(2);
  }

  @Test
  void a_script_of_comments_sends_nothing() throws Exception {
    assertThat(Script.parse("quiet", "# nothing\n\n   \n").packages()).isEmpty();
  }

  @Test
  void alerts_carry_options_text_and_choices_in_order() throws Exception {
    Script script =
        Script.parse(
            "ui",
            """
            alert 1100 Maintenance at noon
            alert 1103 MAXDT=30&DR=1 | Pick a channel | one | two
            """);

    List<Command> commands = compile(script, 0);

    Alert display = (Alert) commands.get(0);
    assertThat(display.code()).isEqualTo(1100);
    assertThat(display.items())
        .extracting(i -> i.data().map(ItemData::text).orElse(null))
        .containsExactly("", "Maintenance at noon");
    Alert choice = (Alert) commands.get(1);
    assertThat(choice.items())
        .extracting(i -> i.data().map(ItemData::text).orElse(null))
        .containsExactly("MAXDT=30&DR=1", "Pick a channel", "one", "two");
  }

  @Test
  void abort_becomes_alert_1223_with_its_reason() throws Exception {
    List<Command> commands = compile(Script.parse("stop", "abort maintenance window closed"), 0);

    Alert abort = (Alert) commands.get(0);
    assertThat(abort.code()).isEqualTo(Alert.SESSION_ABORT);
    assertThat(abort.items().get(0).data()).contains(ItemData.text("maintenance window closed"));
  }

  @Test
  void escapes_give_line_breaks_tabs_and_edge_spaces() throws Exception {
    Script script = Script.parse("esc", "replace ./A chr \\sline one\\nline\\ttwo\\\\\\s");
    Step.NodeCommand step = (Step.NodeCommand) script.packages().get(0).get(0);

    assertThat(step.value()).contains(" line one\nline\ttwo\\ ");
    assertThat(step.name()).isEqualTo(CommandName.REPLACE);
  }

  @Test
  void replace_without_a_value_writes_an_empty_one() throws Exception {
    Step.NodeCommand step =
        (Step.NodeCommand) Script.parse("e", "replace ./A chr").packages().get(0).get(0);

    assertThat(step.value()).isEqualTo(Optional.of(""));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "gte ./A                         | 1 | unknown command 'gte'",
        "get                             | 1 | usage: get <uri>",
        "replace ./A                     | 1 | usage: replace",
        "replace ./A text hello          | 1 | unknown format 'text'",
        "replace ./A node                | 1 | only add creates interior nodes",
        "add ./A node/urn:x value        | 1 | an interior node has no value",
        "alert x                         | 1 | alert code 'x' is not a number",
        "alert 1223 bye                  | 1 | use 'abort'",
        "alert 99 x                      | 1 | outside 1000-1999",
        "atomic                          | 1 | atomic takes a block",
        "}                               | 1 | '}' without an open",
        "get ./A\\natomic {\\nget ./B     | 2 | atomic block is never closed",
        "atomic {\\npackage\\n}           | 2 | 'package' inside Atomic",
        "sequence {\\nabort\\n}           | 2 | 'abort' inside Sequence",
      })
  void a_bad_line_is_refused_with_its_number_and_reason(String text, int line, String reason) {
    assertThatThrownBy(() -> Script.parse("bad", text.replace("\\n", "\n")))
        .isInstanceOfSatisfying(ScriptException.class, e -> assertThat(e.line()).isEqualTo(line))
        .hasMessageContaining("bad line " + line + ": ")
        .hasMessageContaining(reason);
  }

  @Test
  void notify_line_makes_the_script_wake_the_device_and_sends_no_command() throws Exception {
    Script s =
        Script.parse(
            "wake",
            "notify --binding sip --ui informative --format 1.3 --reason new\\sfirmware\n"
                + "get ./DevInfo/DevId");

    assertThat(s.wake())
        .contains(
            List.of(
                "--binding",
                "sip",
                "--ui",
                "informative",
                "--format",
                "1.3",
                "--reason",
                "new firmware"));
    assertThat(s.commandCount()).isEqualTo(1);
    assertThat(Script.parse("plain", "get ./DevInfo/DevId").wake()).isEmpty();
  }

  @Test
  void notify_line_with_a_bad_option_or_twice_is_refused_with_its_line() {
    assertThatThrownBy(() -> Script.parse("bad", "get ./A\nnotify --binding smoke"))
        .isInstanceOf(ScriptException.class)
        .hasMessageContaining("2")
        .hasMessageContaining("bad value for --binding: smoke");
    assertThatThrownBy(() -> Script.parse("twice", "notify\nnotify"))
        .isInstanceOf(ScriptException.class)
        .hasMessageContaining("at most once");
  }

  @Test
  void an_exec_with_a_correlator_carries_it_and_one_without_carries_none() throws Exception {
    Script script =
        Script.parse(
            "scomo",
            """
            exec --correlator c-42 ./SCOMO/Download/meter/Operations/DownloadInstall
            exec ./Vendor/DMAgent/Diagnostics/SelfTest quick
            """);

    List<Command> commands = compile(script, 0);

    io.dmagent.api.message.Exec correlated = (io.dmagent.api.message.Exec) commands.get(0);
    assertThat(correlated.correlator()).contains("c-42");
    assertThat(correlated.item().targetUri())
        .contains("./SCOMO/Download/meter/Operations/DownloadInstall");
    assertThat(correlated.item().data()).isEmpty();
    assertThat(((io.dmagent.api.message.Exec) commands.get(1)).correlator()).isEmpty();
  }
}
