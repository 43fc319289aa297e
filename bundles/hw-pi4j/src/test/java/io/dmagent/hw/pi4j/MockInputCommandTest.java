package io.dmagent.hw.pi4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.Principal;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.tree.PlainTree;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MockInputCommandTest {
  private PlainTree tree;
  private GpioObject gpio;

  @BeforeEach
  void open() throws Exception {
    tree = PlainTree.inMemory().codec(new DdfTndsCodec()).open();
  }

  @AfterEach
  void close() throws Exception {
    gpio.close();
    tree.close();
  }

  private MockInputCommand command(String platform) {
    gpio =
        new GpioObject(
            tree,
            platform,
            PinMap.parse("door:17", "", "", "", line -> {}),
            0,
            0,
            "Get=*",
            line -> {},
            line -> {});
    tree.graft(gpio);
    return new MockInputCommand(gpio);
  }

  @Test
  void drives_a_mock_input_into_the_tree() throws Exception {
    MockInputCommand command = command("mock");

    assertThat(command.run(List.of("door", "high"))).isEqualTo("input door high");

    assertThat(
            tree.operations(Principal.device())
                .get(NodeUri.of("./Vendor/DMAgent/GPIO/Inputs/door/State"))
                .value()
                .orElseThrow()
                .text())
        .isEqualTo("true");
  }

  @Test
  void says_what_is_wrong_with_its_arguments() {
    MockInputCommand command = command("mock");

    assertThat(command.run(List.of())).isEqualTo(MockInputCommand.USAGE);
    assertThat(command.run(List.of("door", "open"))).startsWith("error: the level is high or low");
    assertThat(command.run(List.of("gate", "high")))
        .isEqualTo("error: no input named 'gate' (inputs: door)");
  }

  @Test
  void refuses_on_a_platform_other_than_mock() {
    MockInputCommand command = command("auto");

    assertThat(command.run(List.of("door", "high")))
        .isEqualTo("error: hw:mock-input drives the mock platform only; GPIO runs on none");
  }
}
