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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Real DDFs written by others, and the ones the agent ships, read with concrete facts checked. */
class DdfVectorsTest {
  private final DdfTndsCodec codec = new DdfTndsCodec();

  @Test
  void parses_the_aosp_phone_ddf_of_119_kb() throws Exception {
    byte[] ddf = Vectors.shared("aosp-omadm/syncmldm.ddf");
    assertThat(ddf.length).isGreaterThan(110_000);

    MgmtTreeDescription d = codec.readDdf(ddf, Encoding.XML);

    assertThat(d.verDtd()).isEqualTo("1.2");
    assertThat(d.man()).contains("Motorola");
    assertThat(d.mod()).contains("Nexus");
    assertThat(d.nodes()).hasSize(1);
    assertThat(Models.countDescriptions(d.nodes())).isEqualTo(292);
    NodeDescription root = d.nodes().get(0);
    assertThat(root.name()).isEqualTo(".");
    assertThat(root.path()).contains("");
    assertThat(root.accessTypes()).containsExactlyInAnyOrder(ADD, DELETE, EXEC, GET, REPLACE);
    assertThat(root.children())
        .extracting(NodeDescription::name)
        .contains("DevInfo", "DevDetail", "DMAcc", "CDMA", "LTE", "Subscriber")
        .hasSize(12);
  }

  @Test
  void the_aosp_ddf_describes_devinfo_devdetail_and_dmacc() throws Exception {
    MgmtTreeDescription d = codec.readDdf(Vectors.shared("aosp-omadm/syncmldm.ddf"), Encoding.XML);

    NodeDescription devInfo = Models.describe(d.nodes(), "./DevInfo");
    assertThat(devInfo.accessTypes()).containsExactly(GET);
    assertThat(devInfo.format()).isEqualTo(NodeFormat.NODE);
    assertThat(devInfo.path()).contains(".");
    assertThat(devInfo.children()).hasSize(10);
    assertThat(Models.describe(d.nodes(), "./DevInfo/DevId").accessTypes())
        .containsExactlyInAnyOrder(ADD, GET, REPLACE);
    assertThat(Models.describe(d.nodes(), "./DevInfo/LangAuto").format())
        .isEqualTo(NodeFormat.BOOL);

    NodeDescription lrgObj = Models.describe(d.nodes(), "./DevDetail/LrgObj");
    assertThat(lrgObj.format()).isEqualTo(NodeFormat.BOOL);
    assertThat(lrgObj.accessTypes()).containsExactly(GET);
    assertThat(lrgObj.types()).containsExactly("text/plain");
    assertThat(Models.describe(d.nodes(), "./DevDetail/URI").isInterior()).isTrue();

    NodeDescription account = Models.describe(d.nodes(), "./DMAcc/<x>");
    assertThat(account.isPlaceholder()).isTrue();
    assertThat(account.occurrence()).isEqualTo(Occurrence.ZERO_OR_MORE);
    assertThat(account.accessTypes()).containsExactlyInAnyOrder(ADD, DELETE, GET, REPLACE);
    assertThat(account.children())
        .extracting(NodeDescription::name)
        .contains("ServerID", "AppAddr");
    assertThat(Models.describe(d.nodes(), "./DMAcc/<x>/ServerID").format())
        .isEqualTo(NodeFormat.CHR);
    assertThat(Models.describe(d.nodes(), "./DMAcc/<x>/ServerID").path()).contains("./DMAcc/*");

    assertThat(Models.describe(d.nodes(), "./CDMA/RoamPreference").format())
        .isEqualTo(NodeFormat.BIN);
    assertThat(Models.describe(d.nodes(), "./RemoteCommands/Command").accessTypes())
        .containsExactlyInAnyOrder(EXEC, GET);
    // The file declares CS everywhere and no Scope at all.
    assertThat(account.caseSensitive()).isTrue();
    assertThat(account.scope()).isEqualTo(Scope.DYNAMIC);
  }

  static Stream<String> stdobjDdfs() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("../stdobj/src/main/resources/ddf"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".ddf"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("stdobjDdfs")
  void parses_every_ddf_the_stdobj_bundle_ships(String name) throws Exception {
    MgmtTreeDescription d = codec.readDdf(Vectors.stdobjDdf(name), Encoding.XML);

    assertThat(d.verDtd()).isEqualTo("1.2");
    assertThat(d.nodes()).isNotEmpty();
    assertThat(d.nodes().get(0).isInterior()).isTrue();
  }

  @Test
  void the_shipped_dmacc_ddf_keeps_secrets_write_only() throws Exception {
    MgmtTreeDescription d = codec.readDdf(Vectors.stdobjDdf("dmacc.ddf"), Encoding.XML);

    NodeDescription dmAcc = Models.describe(d.nodes(), "DMAcc");
    assertThat(dmAcc.path()).contains(".");
    assertThat(dmAcc.scope()).isEqualTo(Scope.PERMANENT);
    assertThat(dmAcc.moId()).isEmpty();
    NodeDescription account = Models.describe(d.nodes(), "DMAcc/<x>");
    assertThat(account.moId()).contains("urn:oma:mo:oma-dm-dmacc:1.1");
    assertThat(account.occurrence()).isEqualTo(Occurrence.ZERO_OR_MORE);
    NodeDescription secret = Models.describe(d.nodes(), "DMAcc/<x>/AppAuth/<x>/AAuthSecret");
    assertThat(secret.accessTypes()).containsExactlyInAnyOrder(ADD, DELETE, REPLACE);
    assertThat(secret.occurrence()).isEqualTo(Occurrence.ZERO_OR_ONE);
  }

  @Test
  void the_shipped_devinfo_ddf_names_its_mo() throws Exception {
    MgmtTreeDescription d = codec.readDdf(Vectors.stdobjDdf("devinfo.ddf"), Encoding.XML);

    assertThat(Models.describe(d.nodes(), "DevInfo").moId())
        .contains("urn:oma:mo:oma-dm-devinfo:1.1");
    assertThat(Models.describe(d.nodes(), "DevInfo/Ext").occurrence())
        .isEqualTo(Occurrence.ZERO_OR_ONE);
  }
}
