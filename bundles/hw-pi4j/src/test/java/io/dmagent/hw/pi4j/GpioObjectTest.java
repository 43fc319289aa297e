package io.dmagent.hw.pi4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeChange;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.tree.PlainTree;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GPIO MO on the real tree (stored on disk) and Pi4J's mock platform. */
class GpioObjectTest {
  private static final Principal SERVER = Principal.server("acme-dm");
  private static final String DOOR = "./Vendor/DMAgent/GPIO/Inputs/door/State";
  private static final String RELAY = "./Vendor/DMAgent/GPIO/Outputs/relay/State";

  @TempDir Path dir;
  private final List<String> log = new CopyOnWriteArrayList<>();
  private PlainTree tree;
  private GpioObject gpio;

  @BeforeEach
  void openTree() throws Exception {
    tree =
        PlainTree.onFile(dir.resolve("tree.mv.db")).codec(new DdfTndsCodec()).log(log::add).open();
  }

  @AfterEach
  void closeAll() throws Exception {
    if (gpio != null) {
      gpio.close();
    }
    tree.close();
  }

  private GpioObject mock(String inputs, String outputs, String pwm, String i2c) {
    gpio =
        new GpioObject(
            tree,
            "mock",
            PinMap.parse(inputs, outputs, pwm, i2c, log::add),
            0,
            0,
            "Get=*&Replace=*",
            log::add,
            log::add);
    tree.graft(gpio);
    return gpio;
  }

  private String value(String uri) throws DmException {
    return tree.operations(SERVER).get(NodeUri.of(uri)).value().orElseThrow().text();
  }

  @Test
  void configured_pins_appear_as_nodes_with_their_pin_numbers() throws Exception {
    mock("door:17, window:0x16", "relay:27", "fan:18@1000", "sensor:1:0x48:0x00-0x01");

    TreeOperations server = tree.operations(SERVER);
    assertThat(server.get(NodeUri.of("./Vendor/DMAgent/GPIO/Inputs")).children())
        .containsExactly("door", "window");
    assertThat(value("./Vendor/DMAgent/GPIO/Inputs/window/Pin")).isEqualTo("22");
    assertThat(value("./Vendor/DMAgent/GPIO/Outputs/relay/Pin")).isEqualTo("27");
    assertThat(value("./Vendor/DMAgent/GPIO/PWM/fan/Frequency")).isEqualTo("1000");
    assertThat(value("./Vendor/DMAgent/GPIO/I2C/sensor/Address")).isEqualTo("72");
    assertThat(server.get(NodeUri.of("./Vendor/DMAgent/GPIO/I2C/sensor/Registers")).children())
        .containsExactly("0x00", "0x01");
    assertThat(value("./Vendor/DMAgent/GPIO/Platform")).isEqualTo("mock");
  }

  @Test
  void an_input_change_is_written_into_the_tree_and_heard_by_a_tree_change_listener()
      throws Exception {
    mock("door:17", "", "", "");
    List<TreeChange> heard = new CopyOnWriteArrayList<>();
    tree.listen(heard::addAll, NodeUri.of("./Vendor/DMAgent/GPIO/Inputs"));
    assertThat(value(DOOR)).isEqualTo("false");

    assertThat(gpio.mockInput("door", true)).isTrue();

    // Other changes below Inputs (the subtree's own writes) may be heard first: wait for the
    // door's.
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (heard.stream().noneMatch(c -> c.uri().equals(NodeUri.of(DOOR)))
        && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(heard)
        .anySatisfy(
            c -> {
              assertThat(c.kind()).isEqualTo(TreeChange.Kind.REPLACED);
              assertThat(c.uri()).isEqualTo(NodeUri.of(DOOR));
              assertThat(c.principal()).isEqualTo(Principal.device());
            });
    assertThat(value(DOOR)).isEqualTo("true");
  }

  @Test
  void a_server_cannot_replace_an_input() throws Exception {
    mock("door:17", "", "", "");

    assertThatThrownBy(
            () ->
                tree.operations(SERVER)
                    .replace(NodeUri.of(DOOR), NodeValue.of("true", NodeFormat.BOOL)))
        .isInstanceOfSatisfying(
            DmException.class,
            e -> assertThat(e.status()).isEqualTo(StatusCode.COMMAND_NOT_ALLOWED));
    assertThat(value(DOOR)).isEqualTo("false");
  }

  @Test
  void a_replace_of_an_output_drives_the_pin() throws Exception {
    mock("", "relay:27", "", "");

    tree.operations(SERVER).replace(NodeUri.of(RELAY), NodeValue.of("true", NodeFormat.BOOL));

    assertThat(gpio.readLive(NodeUri.of(RELAY))).contains(NodeValue.of("true", NodeFormat.BOOL));
    assertThat(value(RELAY)).isEqualTo("true");
  }

  @Test
  void an_ill_typed_output_value_is_refused_with_400_and_the_pin_stays() throws Exception {
    mock("", "relay:27", "", "");

    assertThatThrownBy(
            () -> tree.operations(SERVER).replace(NodeUri.of(RELAY), NodeValue.text("on")))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status().code()).isBetween(400, 499));
    assertThat(value(RELAY)).isEqualTo("false");
  }

  @Test
  void pwm_duty_cycle_and_frequency_are_driven_by_replace() throws Exception {
    mock("", "", "fan:18@1000", "");
    TreeOperations server = tree.operations(SERVER);

    server.replace(
        NodeUri.of("./Vendor/DMAgent/GPIO/PWM/fan/DutyCycle"),
        NodeValue.of("40", NodeFormat.FLOAT));
    server.replace(
        NodeUri.of("./Vendor/DMAgent/GPIO/PWM/fan/Frequency"),
        NodeValue.of("2000", NodeFormat.INT));

    assertThat(value("./Vendor/DMAgent/GPIO/PWM/fan/DutyCycle")).isEqualTo("40.0");
    assertThat(value("./Vendor/DMAgent/GPIO/PWM/fan/Frequency")).isEqualTo("2000");
    assertThatThrownBy(
            () ->
                server.replace(
                    NodeUri.of("./Vendor/DMAgent/GPIO/PWM/fan/DutyCycle"),
                    NodeValue.of("140", NodeFormat.FLOAT)))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.BAD_REQUEST));
  }

  @Test
  void an_i2c_register_is_written_to_the_device_and_read_back_from_it() throws Exception {
    mock("", "", "", "sensor:1:0x48:0x00-0x03");
    NodeUri register = NodeUri.of("./Vendor/DMAgent/GPIO/I2C/sensor/Registers/0x02");

    tree.operations(SERVER).replace(register, NodeValue.of("171", NodeFormat.INT));

    assertThat(value(register.toString())).isEqualTo("171");
    assertThatThrownBy(
            () -> tree.operations(SERVER).replace(register, NodeValue.of("256", NodeFormat.INT)))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.BAD_REQUEST));
  }

  @Test
  void withdrawing_the_object_takes_its_subtree_away() throws Exception {
    mock("door:17", "relay:27", "", "");

    tree.ungraft(gpio);

    assertThatThrownBy(() -> tree.operations(SERVER).get(NodeUri.of(RELAY)))
        .isInstanceOfSatisfying(
            DmException.class, e -> assertThat(e.status()).isEqualTo(StatusCode.NOT_FOUND));
  }

  @Test
  void closing_shuts_the_pi4j_context_down_outputs_fall_low_and_no_thread_is_left()
      throws Exception {
    List<Thread> before = List.copyOf(Thread.getAllStackTraces().keySet());
    mock("door:17", "relay:27", "fan:18@100", "sensor:1:0x48:0x00");
    gpio.mockInput("door", true);
    tree.operations(SERVER).replace(NodeUri.of(RELAY), NodeValue.of("true", NodeFormat.BOOL));
    Board board = gpio.board();

    gpio.close();
    gpio = null;

    assertThat(board.isShutdown()).isTrue();
    assertThat(board.outputs().get("relay").isLow()).isTrue();
    assertThat(
            Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .filter(t -> t.getName().toLowerCase(java.util.Locale.ROOT).contains("pi4j")))
        .isEmpty();
  }

  @Test
  void without_hardware_and_not_mock_the_plugin_idles_with_one_line() throws Exception {
    gpio =
        new GpioObject(
            tree,
            "auto",
            PinMap.parse("door:17", "", "", "", log::add),
            0,
            0,
            "Get=*",
            log::add,
            log::add);
    tree.graft(gpio);

    assertThat(log).filteredOn(l -> l.startsWith("GPIO idle")).hasSize(1);
    assertThat(value("./Vendor/DMAgent/GPIO/Platform")).isEqualTo("none");
    assertThat(tree.operations(SERVER).get(NodeUri.of("./Vendor/DMAgent/GPIO/Inputs")).children())
        .isEmpty();
  }
}
