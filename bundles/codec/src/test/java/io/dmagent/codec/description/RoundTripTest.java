package io.dmagent.codec.description;

import static io.dmagent.api.description.AccessType.ADD;
import static io.dmagent.api.description.AccessType.COPY;
import static io.dmagent.api.description.AccessType.DELETE;
import static io.dmagent.api.description.AccessType.EXEC;
import static io.dmagent.api.description.AccessType.GET;
import static io.dmagent.api.description.AccessType.REPLACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.description.AccessType;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.description.MgmtTreeDescription;
import io.dmagent.api.description.NodeDescription;
import io.dmagent.api.description.Occurrence;
import io.dmagent.api.description.Scope;
import io.dmagent.api.description.TndsNode;
import io.dmagent.api.description.TndsTree;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.codec.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Whatever is written reads back as an equal model, in both encodings. */
class RoundTripTest {
  private final DdfTndsCodec codec = new DdfTndsCodec();

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_description_using_every_ddf_element_reads_back_equal(Encoding encoding) throws Exception {
    MgmtTreeDescription d = everyDdfElement();

    MgmtTreeDescription back = codec.readDdf(codec.writeDdf(d, encoding), encoding);

    assertThat(back).isEqualTo(d);
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void the_digest_example_and_the_aosp_phone_ddf_read_back_equal(Encoding encoding)
      throws Exception {
    for (byte[] source :
        List.of(Vectors.resource("ddf/sensorcfg.ddf"), Vectors.shared("aosp-omadm/syncmldm.ddf"))) {
      MgmtTreeDescription d = codec.readDdf(source, Encoding.XML);

      assertThat(codec.readDdf(codec.writeDdf(d, encoding), encoding)).isEqualTo(d);
    }
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_tnds_tree_with_every_property_and_tricky_values_reads_back_equal(Encoding encoding)
      throws Exception {
    TndsTree t = everyTndsElement();

    TndsTree back = codec.readTnds(codec.writeTnds(t, encoding), encoding);

    assertThat(Models.dump(back)).isEqualTo(Models.dump(t));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_b64_node_is_held_as_bin_with_the_decoded_bytes(Encoding encoding) throws Exception {
    byte[] bytes = {0, 1, 2, (byte) 0xFF};
    TndsTree t = tree(leaf("blob", NodeFormat.B64, bytes));

    TndsNode back = codec.readTnds(codec.writeTnds(t, encoding), encoding).nodes().get(0);

    assertThat(back.format()).contains(NodeFormat.BIN);
    assertThat(back.value()).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes));
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_model_deeper_than_the_reader_accepts_is_not_written(Encoding encoding) {
    TndsNode deep = leaf("leaf", NodeFormat.CHR, new byte[0]);
    for (int i = 0; i < 100; i++) {
      deep =
          new TndsNode(
              "n" + i,
              Optional.empty(),
              Optional.empty(),
              Map.of(),
              Optional.empty(),
              List.of(deep));
    }
    TndsTree t = tree(deep);

    assertThatThrownBy(() -> codec.writeTnds(t, encoding))
        .isInstanceOfSatisfying(
            DmException.class,
            e -> assertThat(e.status()).isEqualTo(StatusCode.REQUEST_ENTITY_TOO_LARGE));
  }

  static MgmtTreeDescription everyDdfElement() {
    List<NodeDescription> leaves = new ArrayList<>();
    Occurrence[] occurrences = {
      Occurrence.ONE,
      Occurrence.ZERO_OR_ONE,
      Occurrence.ZERO_OR_MORE,
      Occurrence.ONE_OR_MORE,
      Occurrence.zeroOrN(7),
      Occurrence.oneOrN(65536)
    };
    int i = 0;
    for (NodeFormat f : NodeFormat.values()) {
      if (f == NodeFormat.NODE) {
        continue;
      }
      leaves.add(
          new NodeDescription(
              "leaf-" + f.wireName(),
              Optional.empty(),
              i % 2 == 0 ? EnumSet.allOf(AccessType.class) : Set.of(GET),
              i % 3 == 0 ? Optional.of("default <&> \"é\"\r\n line") : Optional.empty(),
              Optional.of("Description " + i),
              f,
              occurrences[i % occurrences.length],
              i % 2 == 0 ? Scope.DYNAMIC : Scope.PERMANENT,
              i % 4 == 0 ? Optional.of("") : Optional.of("Title " + i),
              i % 5 == 0 ? List.of("audio/mpeg", "audio/ogg") : List.of("text/plain"),
              i % 2 == 0,
              List.of()));
      i++;
    }
    NodeDescription placeholder =
        new NodeDescription(
            "",
            Optional.empty(),
            Set.of(ADD, COPY, DELETE, EXEC, GET, REPLACE),
            Optional.empty(),
            Optional.empty(),
            NodeFormat.NODE,
            Occurrence.ZERO_OR_MORE,
            Scope.DYNAMIC,
            Optional.empty(),
            List.of(),
            true,
            leaves);
    NodeDescription noAccess =
        new NodeDescription(
            "Locked",
            Optional.empty(),
            Set.of(),
            Optional.of(""),
            Optional.empty(),
            NodeFormat.CHR,
            Occurrence.ONE,
            Scope.PERMANENT,
            Optional.empty(),
            List.of(),
            false,
            List.of());
    NodeDescription root =
        new NodeDescription(
            "Vendor",
            Optional.of("./Ext/Vendor"),
            Set.of(GET, REPLACE, DELETE),
            Optional.empty(),
            Optional.of("multi\nline\tdescription"),
            NodeFormat.NODE,
            Occurrence.ONE,
            Scope.PERMANENT,
            Optional.of("日本語 title"),
            List.of("urn:oma:mo:example:1.0"),
            true,
            List.of(placeholder, noAccess));
    return new MgmtTreeDescription("1.2", Optional.of("Man & Co"), Optional.empty(), List.of(root));
  }

  static TndsTree everyTndsElement() {
    TndsNode text = leaf("text", NodeFormat.CHR, utf8("  padded é 日本 <&> \r\n\t end "));
    TndsNode empty = leaf("empty", NodeFormat.CHR, new byte[0]);
    TndsNode bin = leaf("bin", NodeFormat.BIN, new byte[] {0, 1, (byte) 0x80, (byte) 0xFF, 10});
    TndsNode emptyBin = leaf("emptybin", NodeFormat.BIN, new byte[0]);
    TndsNode number =
        new TndsNode(
            "number",
            Optional.empty(),
            Optional.of(NodeFormat.INT),
            Map.of(
                NodeProperty.ACL, "Get=*&Replace=srv1",
                NodeProperty.NAME, "number",
                NodeProperty.SIZE, "3",
                NodeProperty.TITLE, " A title ",
                NodeProperty.TSTAMP, "20240102T030405Z",
                NodeProperty.TYPE, "text/plain",
                NodeProperty.VERNO, "7"),
            Optional.of(utf8("-42")),
            List.of());
    TndsNode noFormat =
        new TndsNode(
            "plain",
            Optional.empty(),
            Optional.empty(),
            Map.of(),
            Optional.of(utf8("x")),
            List.of());
    TndsNode noValue =
        new TndsNode(
            "novalue",
            Optional.empty(),
            Optional.of(NodeFormat.NULL),
            Map.of(),
            Optional.empty(),
            List.of());
    List<TndsNode> leaves = new ArrayList<>();
    for (NodeFormat f :
        List.of(
            NodeFormat.BOOL,
            NodeFormat.XML,
            NodeFormat.DATE,
            NodeFormat.TIME,
            NodeFormat.FLOAT,
            NodeFormat.NULL)) {
      leaves.add(leaf(f.wireName(), f, utf8(f == NodeFormat.XML ? "<a b='c'>&amp;</a>" : "")));
    }
    leaves.addAll(List.of(text, empty, bin, emptyBin, number, noFormat, noValue));
    TndsNode interior =
        new TndsNode(
            "",
            Optional.of("./Vendor/Example"),
            Optional.of(NodeFormat.NODE),
            Map.of(NodeProperty.TYPE, "urn:oma:mo:example:1.0", NodeProperty.ACL, "Get=*"),
            Optional.empty(),
            leaves);
    TndsNode untyped =
        new TndsNode(
            "untyped",
            Optional.empty(),
            Optional.of(NodeFormat.NODE),
            Map.of(NodeProperty.TYPE, ""),
            Optional.empty(),
            List.of());
    return new TndsTree("1.2", Optional.of("Man"), Optional.of("Mod"), List.of(interior, untyped));
  }

  static TndsNode leaf(String name, NodeFormat format, byte[] value) {
    return new TndsNode(
        name, Optional.empty(), Optional.of(format), Map.of(), Optional.of(value), List.of());
  }

  static TndsTree tree(TndsNode... nodes) {
    return new TndsTree("1.2", Optional.empty(), Optional.empty(), List.of(nodes));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
