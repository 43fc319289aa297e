package io.dmagent.codec.description;

import static io.dmagent.api.description.AccessType.ADD;
import static io.dmagent.api.description.AccessType.DELETE;
import static io.dmagent.api.description.AccessType.EXEC;
import static io.dmagent.api.description.AccessType.GET;
import static io.dmagent.api.description.AccessType.REPLACE;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.description.MgmtTreeDescription;
import io.dmagent.api.description.NodeDescription;
import io.dmagent.api.description.Occurrence;
import io.dmagent.api.description.Scope;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.codec.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the elements of a DDF map to the description model. */
class DdfReadingTest {
  private final DdfTndsCodec codec = new DdfTndsCodec();

  private MgmtTreeDescription read(String xml) throws Exception {
    return codec.readDdf(xml.getBytes(StandardCharsets.UTF_8), Encoding.XML);
  }

  @Test
  void reads_every_element_of_the_digest_example() throws Exception {
    MgmtTreeDescription d = codec.readDdf(Vectors.resource("ddf/sensorcfg.ddf"), Encoding.XML);

    assertThat(d.verDtd()).isEqualTo("1.2");
    assertThat(d.man()).contains("ExampleCo");
    assertThat(d.mod()).contains("GW-100");
    NodeDescription cfg = d.nodes().get(0);
    assertThat(cfg.name()).isEqualTo("SensorCfg");
    assertThat(cfg.path()).contains("./Vendor/ExampleCo");
    assertThat(cfg.accessTypes()).containsExactly(GET);
    assertThat(cfg.format()).isEqualTo(NodeFormat.NODE);
    assertThat(cfg.scope()).isEqualTo(Scope.PERMANENT);
    assertThat(cfg.moId()).contains("com.example.dm/1.0/SensorCfg");

    NodeDescription sensor = cfg.children().get(0);
    assertThat(sensor.isPlaceholder()).isTrue();
    assertThat(sensor.path()).isEmpty();
    assertThat(sensor.accessTypes()).containsExactlyInAnyOrder(ADD, DELETE, GET, REPLACE);
    assertThat(sensor.occurrence()).isEqualTo(Occurrence.zeroOrN(32));
    assertThat(sensor.title()).contains("Sensor");
    assertThat(sensor.moId()).isEmpty();

    NodeDescription poll = Models.describe(d.nodes(), "SensorCfg/<x>/PollSec");
    assertThat(poll.defaultValue()).contains("60");
    assertThat(poll.description()).contains("Polling period in seconds");
    assertThat(poll.format()).isEqualTo(NodeFormat.INT);
    assertThat(poll.types()).containsExactly("text/plain");
    assertThat(poll.isInterior()).isFalse();

    NodeDescription reset = Models.describe(d.nodes(), "SensorCfg/<x>/Reset");
    assertThat(reset.accessTypes()).containsExactly(EXEC);
    assertThat(reset.format()).isEqualTo(NodeFormat.NULL);
  }

  @Test
  void an_empty_ddfname_gives_an_empty_type_list_and_no_mo_identifier() throws Exception {
    NodeDescription n = only(read(ddf("<node/>", "<DDFName/>", "")));

    assertThat(n.types()).isEmpty();
    assertThat(n.moId()).isEmpty();
  }

  @Test
  void a_leaf_may_accept_several_mime_types() throws Exception {
    NodeDescription n =
        only(read(ddf("<bin/>", "<MIME>audio/mpeg</MIME><MIME> audio/ogg </MIME>", "")));

    assertThat(n.types()).containsExactly("audio/mpeg", "audio/ogg");
    assertThat(n.moId()).isEmpty();
  }

  @Test
  void absent_optional_properties_take_their_defaults() throws Exception {
    NodeDescription n = only(read(ddf("<chr/>", "<MIME>text/plain</MIME>", "")));

    assertThat(n.occurrence()).isEqualTo(Occurrence.ONE);
    assertThat(n.scope()).isEqualTo(Scope.DYNAMIC);
    assertThat(n.caseSensitive()).isTrue();
    assertThat(n.defaultValue()).isEmpty();
    assertThat(n.description()).isEmpty();
    assertThat(n.title()).isEmpty();
  }

  @Test
  void every_occurrence_form_is_read() throws Exception {
    assertThat(occurrence("<One/>")).isEqualTo(Occurrence.ONE);
    assertThat(occurrence("<ZeroOrOne/>")).isEqualTo(Occurrence.ZERO_OR_ONE);
    assertThat(occurrence("<ZeroOrMore/>")).isEqualTo(Occurrence.ZERO_OR_MORE);
    assertThat(occurrence("<OneOrMore/>")).isEqualTo(Occurrence.ONE_OR_MORE);
    assertThat(occurrence("<ZeroOrN>5</ZeroOrN>")).isEqualTo(Occurrence.zeroOrN(5));
    assertThat(occurrence("<OneOrN> 65536 </OneOrN>")).isEqualTo(Occurrence.oneOrN(65536));
  }

  @Test
  void case_sense_cis_makes_a_node_case_insensitive() throws Exception {
    assertThat(
            only(read(ddf("<node/>", "<DDFName/>", "<CaseSense><CIS/></CaseSense>")))
                .caseSensitive())
        .isFalse();
    assertThat(
            only(read(ddf("<node/>", "<DDFName/>", "<CaseSense><CS/></CaseSense>")))
                .caseSensitive())
        .isTrue();
  }

  @Test
  void every_format_is_read() throws Exception {
    for (NodeFormat f : NodeFormat.values()) {
      assertThat(only(read(ddf("<" + f.wireName() + "/>", "<MIME>x</MIME>", ""))).format())
          .isEqualTo(f);
    }
  }

  @Test
  void foreign_namespace_elements_are_skipped_and_the_ddf_namespace_is_accepted() throws Exception {
    MgmtTreeDescription plain = codec.readDdf(Vectors.resource("ddf/sensorcfg.ddf"), Encoding.XML);

    MgmtTreeDescription extended =
        codec.readDdf(Vectors.resource("ddf/sensorcfg-msft.ddf"), Encoding.XML);

    assertThat(extended).isEqualTo(plain);
  }

  @Test
  void run_time_properties_and_values_in_a_ddf_are_read_past() throws Exception {
    NodeDescription n =
        only(
            read(
                "<MgmtTree><VerDTD>1.2</VerDTD><Node><NodeName>A</NodeName>"
                    + "<RTProperties><Format><chr/></Format><Type><MIME>text/plain</MIME></Type>"
                    + "</RTProperties>"
                    + "<DFProperties><AccessType><Get/></AccessType><DFFormat><chr/></DFFormat>"
                    + "<DFType><MIME>text/plain</MIME></DFType></DFProperties>"
                    + "<Value>x</Value></Node></MgmtTree>"));

    assertThat(n.name()).isEqualTo("A");
    assertThat(n.accessTypes()).containsExactly(GET);
  }

  @Test
  void names_and_types_are_trimmed_but_texts_are_kept_as_written() throws Exception {
    NodeDescription n =
        only(
            read(
                "<MgmtTree><VerDTD> 1.2 </VerDTD><Node><NodeName>\n  A\n</NodeName>"
                    + "<DFProperties><AccessType>\n<Get/>\n</AccessType>"
                    + "<DefaultValue> two words </DefaultValue><DFFormat><chr/></DFFormat>"
                    + "<DFType>\n <MIME>\n text/plain\n </MIME>\n</DFType></DFProperties>"
                    + "</Node></MgmtTree>"));

    assertThat(n.name()).isEqualTo("A");
    assertThat(n.types()).containsExactly("text/plain");
    assertThat(n.defaultValue()).contains(" two words ");
  }

  @Test
  void a_node_without_nodename_is_a_placeholder() throws Exception {
    String doc = ddf("<node/>", "<DDFName/>", "").replace("<NodeName>N</NodeName>", "");

    assertThat(only(read(doc)).isPlaceholder()).isTrue();
  }

  private Occurrence occurrence(String element) throws Exception {
    return only(read(
            ddf("<chr/>", "<MIME>text/plain</MIME>", "<Occurrence>" + element + "</Occurrence>")))
        .occurrence();
  }

  private static NodeDescription only(MgmtTreeDescription d) {
    List<NodeDescription> nodes = d.nodes();
    assertThat(nodes).hasSize(1);
    return nodes.get(0);
  }

  /** A one-node DDF with the given DFFormat and DFType content, plus extra DFProperties. */
  static String ddf(String format, String types, String extra) {
    return "<MgmtTree><VerDTD>1.2</VerDTD><Node><NodeName>N</NodeName><DFProperties>"
        + "<AccessType><Get/></AccessType><DFFormat>"
        + format
        + "</DFFormat><DFType>"
        + types
        + "</DFType>"
        + extra
        + "</DFProperties></Node></MgmtTree>";
  }
}
