package io.dmagent.tree;

import static io.dmagent.tree.Trees.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.api.tree.UriLimits;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input from a server: each answers with its DM status code and exactly one log line, and the
 * tree is exactly as it was.
 */
class BadInputTest {
  private Trees trees;

  interface Attempt {
    void run(Trees trees) throws DmException;
  }

  @BeforeEach
  void tree() throws Exception {
    trees = Trees.withMos(TreeStore.inMemory(), new UriLimits(8, 120, 16)).graft(new SensorMo());
    trees.leaf("./Data/Name", "gw").leaf("./Data/Count", "3", NodeFormat.INT);
    trees.acl("./Data", "Get=srv&Replace=srv&Add=srv");
    trees.acl("./Vendor", "Get=*&Replace=srv");
    trees.device().addInterior(uri("./Vendor/ACME/Sensor/s1"), null);
    trees.device().addInterior(uri("./Vendor/ACME/Sensor/s2"), null);
    trees.log.clear();
  }

  static Stream<Arguments> attempts() {
    return Stream.of(
        bad(
            "an overlong node name",
            StatusCode.URI_TOO_LONG,
            t -> srv(t).addLeaf(uri("./Data/" + "n".repeat(17)), NodeValue.text("x"))),
        bad(
            "a URI deeper than MaxDepth",
            StatusCode.URI_TOO_LONG,
            t -> srv(t).addLeaf(uri("./Data/a/b/c/d/e/f/g/h"), NodeValue.text("x"))),
        bad(
            "a URI longer than MaxTotLen",
            StatusCode.URI_TOO_LONG,
            t -> srv(t).get(uri("./Data/" + "abcdefghij/".repeat(11) + "x"))),
        bad(
            "a property that cannot be replaced",
            StatusCode.COMMAND_NOT_ALLOWED,
            t -> srv(t).replaceProperty(uri("./Data/Name"), NodeProperty.SIZE, "9")),
        bad(
            "an int that is no int",
            StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT,
            t -> srv(t).replace(uri("./Data/Count"), NodeValue.of("three", NodeFormat.INT))),
        bad(
            "a bool that is no bool",
            StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT,
            t -> srv(t).addLeaf(uri("./Data/On"), NodeValue.of("yes", NodeFormat.BOOL))),
        bad(
            "a Format the DDF does not allow",
            StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT,
            t ->
                t.device()
                    .addLeaf(uri("./Vendor/ACME/Sensor/s1/PollSec"), NodeValue.text("often"))),
        bad(
            "one instance beyond the DDF's Occurrence",
            StatusCode.DEVICE_FULL,
            t -> t.device().addInterior(uri("./Vendor/ACME/Sensor/s3"), null)),
        bad(
            "a node the DDF has no place for",
            StatusCode.COMMAND_NOT_ALLOWED,
            t -> t.device().addLeaf(uri("./Vendor/ACME/Sensor/s1/Colour"), NodeValue.text("red"))),
        bad(
            "a write to a permanent node without Replace access",
            StatusCode.COMMAND_NOT_ALLOWED,
            t ->
                srv(t)
                    .replace(
                        uri("./Vendor/ACME/Sensor/Temperature"),
                        NodeValue.of("1.0", NodeFormat.FLOAT))),
        bad(
            "deleting a permanent node",
            StatusCode.COMMAND_NOT_ALLOWED,
            t -> t.device().delete(uri("./Vendor/ACME/Sensor/Reset"))),
        bad(
            "deleting the root",
            StatusCode.COMMAND_NOT_ALLOWED,
            t -> t.device().delete(NodeUri.ROOT)),
        bad(
            "renaming the root",
            StatusCode.COMMAND_NOT_ALLOWED,
            t -> t.device().replaceProperty(NodeUri.ROOT, NodeProperty.NAME, "x")),
        bad(
            "a server without the right",
            StatusCode.PERMISSION_DENIED,
            t -> t.server("intruder").replace(uri("./Data/Name"), NodeValue.text("evil"))),
        bad(
            "a server without Delete",
            StatusCode.PERMISSION_DENIED,
            t -> srv(t).delete(uri("./Data"))),
        bad(
            "a malformed ACL",
            StatusCode.BAD_REQUEST,
            t -> t.device().replaceProperty(uri("./Data"), NodeProperty.ACL, "Get=")),
        bad(
            "Add of an existing node",
            StatusCode.ALREADY_EXISTS,
            t -> srv(t).addLeaf(uri("./Data/Name"), NodeValue.text("x"))),
        bad(
            "a child under a leaf",
            StatusCode.COMMAND_NOT_ALLOWED,
            t -> srv(t).addLeaf(uri("./Data/Name/x"), NodeValue.text("x"))),
        bad(
            "Replace of a missing node",
            StatusCode.NOT_FOUND,
            t -> srv(t).replace(uri("./Data/Missing"), NodeValue.text("x"))),
        bad(
            "a value over the leaf size limit",
            StatusCode.REQUEST_ENTITY_TOO_LARGE,
            t ->
                srv(t)
                    .addLeaf(
                        uri("./Data/Blob"),
                        NodeValue.of(new byte[(1 << 20) + 1], NodeFormat.BIN, null))),
        bad(
            "a Title over 255 bytes",
            StatusCode.REQUEST_ENTITY_TOO_LARGE,
            t -> srv(t).replaceProperty(uri("./Data/Name"), NodeProperty.TITLE, "t".repeat(256))),
        bad(
            "an Exec on a node no MO runs",
            StatusCode.COMMAND_NOT_ALLOWED,
            t -> t.device().exec(uri("./Data/Name"), io.dmagent.api.tree.ExecRequest.none())));
  }

  private static TreeOperations srv(Trees t) {
    return t.server("srv");
  }

  private static Arguments bad(String what, StatusCode status, Attempt attempt) {
    return Arguments.of(what, status, attempt);
  }

  @ParameterizedTest(name = "{0} answers {1}")
  @MethodSource("attempts")
  void bad_input_answers_its_status_with_one_log_line_and_changes_nothing(
      String what, StatusCode status, Attempt attempt) throws Exception {
    List<String> before = snapshot();

    assertThatThrownBy(() -> attempt.run(trees))
        .isInstanceOfSatisfying(DmException.class, e -> assertThat(e.status()).isEqualTo(status));

    assertThat(trees.log).as("log lines").hasSize(1);
    assertThat(trees.log.get(0)).contains("refused");
    assertThat(snapshot()).isEqualTo(before);
  }

  /** Every node with its Format, value, ACL and VerNo, as the device sees them. */
  private List<String> snapshot() throws DmException {
    TreeOperations device = trees.device();
    return device.listStructure(NodeUri.ROOT, true).stream()
        .map(
            (NodeResult r) -> {
              try {
                return r.uri()
                    + " "
                    + r.format()
                    + " "
                    + r.value()
                        .map(v -> v.format() + ":" + v.text())
                        .orElse(r.children().toString())
                    + " "
                    + device.getProperty(r.uri(), NodeProperty.ACL).value()
                    + " "
                    + device.getProperty(r.uri(), NodeProperty.VERNO).value();
              } catch (DmException e) {
                throw new AssertionError(e);
              }
            })
        .toList();
  }
}
