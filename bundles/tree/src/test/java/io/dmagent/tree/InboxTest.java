package io.dmagent.tree;

import static io.dmagent.tree.Trees.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dmagent.api.description.TndsNode;
import io.dmagent.api.description.TndsTree;
import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.StatusCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class InboxTest {
  static final String ACC_ID = "urn:oma:mo:oma-dm-dmacc:1.1";

  private final Trees trees =
      Trees.withMos()
          .graft(mo("./Inbox", INBOX_DDF))
          .graft(mo("./DMAcc", ACCOUNTS_DDF))
          .graft(new SensorMo());

  private static void fails(StatusCode status, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(DmException.class, e -> assertThat(e.status()).isEqualTo(status));
  }

  @Test
  void an_mo_added_to_the_inbox_lands_where_its_identifier_belongs() throws Exception {
    trees.server("srv").addInterior(uri("./Inbox/acme"), ACC_ID);

    assertThat(trees.device().get(uri("./DMAcc")).children()).containsExactly("acme");
    assertThat(trees.device().getProperty(uri("./DMAcc/acme"), NodeProperty.TYPE).value())
        .isEqualTo(ACC_ID);
    assertThat(trees.log).anyMatch(l -> l.contains("placed at ./DMAcc/acme"));
  }

  @Test
  void a_tnds_added_to_the_inbox_is_placed_whole_by_the_type_of_each_top_node() throws Exception {
    TndsNode account =
        new TndsNode(
            "acme",
            Optional.empty(),
            Optional.of(NodeFormat.NODE),
            Map.of(NodeProperty.TYPE, ACC_ID),
            Optional.empty(),
            List.of(
                new TndsNode(
                    "ServerID",
                    Optional.empty(),
                    Optional.of(NodeFormat.CHR),
                    Map.of(),
                    Optional.of("acme-dm".getBytes(StandardCharsets.UTF_8)),
                    List.of())));

    trees
        .server("srv")
        .addTnds(
            uri("./Inbox"),
            new TndsTree("1.2", Optional.empty(), Optional.empty(), List.of(account)));

    assertThat(trees.value("./DMAcc/acme/ServerID")).isEqualTo("acme-dm");
  }

  @Test
  void an_instance_of_an_unnamed_mo_node_is_placed_below_its_parent() throws Exception {
    trees.server("srv").addInterior(uri("./Inbox/chan"), SensorMo.SENSOR_ID);

    assertThat(trees.device().locate(NodeUri.ROOT, SensorMo.SENSOR_ID))
        .containsExactly(uri("./Vendor/ACME/Sensor/chan"));
  }

  @Test
  void nothing_in_the_inbox_can_be_read() throws Exception {
    fails(StatusCode.COMMAND_NOT_ALLOWED, () -> trees.server("srv").get(uri("./Inbox")));
    fails(StatusCode.COMMAND_NOT_ALLOWED, () -> trees.device().get(uri("./Inbox")));
    assertThat(
            trees.server("srv").listStructure(NodeUri.ROOT, false).stream()
                .map(r -> r.uri().toString()))
        .doesNotContain("./Inbox");
  }

  @Test
  void an_unknown_mo_identifier_or_none_is_refused_and_nothing_is_added() throws Exception {
    fails(
        StatusCode.NOT_FOUND,
        () -> trees.server("srv").addInterior(uri("./Inbox/x"), "urn:oma:mo:x-unknown:1.0"));
    fails(
        StatusCode.COMMAND_NOT_ALLOWED,
        () -> trees.server("srv").addInterior(uri("./Inbox/x"), null));
    fails(
        StatusCode.COMMAND_NOT_ALLOWED,
        () -> trees.server("srv").addLeaf(uri("./Inbox/x"), NodeValue.text("v")));
    assertThat(trees.device().get(uri("./DMAcc")).children()).isEmpty();
  }

  @Test
  void the_inbox_acl_decides_which_servers_may_use_it() throws Exception {
    trees.acl("./Inbox", "Add=trusted");

    fails(
        StatusCode.PERMISSION_DENIED,
        () -> trees.server("srv").addInterior(uri("./Inbox/acme"), ACC_ID));
    trees.server("trusted").addInterior(uri("./Inbox/acme"), ACC_ID);
    assertThat(trees.device().get(uri("./DMAcc")).children()).containsExactly("acme");
  }

  static ManagementObject mo(String root, String ddf) {
    return new ManagementObject() {
      @Override
      public NodeUri root() {
        return NodeUri.of(root);
      }

      @Override
      public byte[] ddf() {
        return ddf.getBytes(StandardCharsets.UTF_8);
      }
    };
  }

  static final String INBOX_DDF =
      """
      <MgmtTree><VerDTD>1.2</VerDTD>
        <Node><NodeName>Inbox</NodeName><Path>.</Path>
          <DFProperties><AccessType><Add/></AccessType><DFFormat><node/></DFFormat>
            <Scope><Permanent/></Scope>
            <DFType><DDFName>urn:oma:mo:oma-dm-inbox:1.0</DDFName></DFType></DFProperties>
        </Node>
      </MgmtTree>
      """;

  static final String ACCOUNTS_DDF =
      """
      <MgmtTree><VerDTD>1.2</VerDTD>
        <Node><NodeName>DMAcc</NodeName><Path>.</Path>
          <DFProperties><AccessType><Get/></AccessType><DFFormat><node/></DFFormat>
            <Scope><Permanent/></Scope><DFType><DDFName/></DFType></DFProperties>
          <Node><NodeName/>
            <DFProperties><AccessType><Add/><Delete/><Get/><Replace/></AccessType>
              <DFFormat><node/></DFFormat><Occurrence><ZeroOrMore/></Occurrence>
              <DFType><DDFName>urn:oma:mo:oma-dm-dmacc:1.1</DDFName></DFType></DFProperties>
            <Node><NodeName>ServerID</NodeName>
              <DFProperties><AccessType><Add/><Get/><Replace/></AccessType>
                <DFFormat><chr/></DFFormat><DFType><MIME>text/plain</MIME></DFType>
              </DFProperties></Node>
          </Node>
        </Node>
      </MgmtTree>
      """;
}
