package io.dmagent.protocol;

import static io.dmagent.protocol.Fixture.get;
import static io.dmagent.protocol.Fixture.results;
import static io.dmagent.protocol.Fixture.sent;
import static io.dmagent.protocol.Fixture.statusFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.codec.message.SyncMlCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rules that differ between DM 1.2 and DM 1.3 sessions, answered per the server's VerProto,
 * each reply going through the real codec in both encodings.
 */
class ProtocolVersionTest {
  @TempDir Path dir;
  final SyncMlCodec codec = new SyncMlCodec();
  ClientSession session;
  Fixture.Server server;
  SyncMessage last;

  private void open(Encoding e, String verProto) throws Exception {
    Fixture f = new Fixture(Files.createDirectories(dir.resolve(verProto))).encoding(e);
    f.device().addLeaf(NodeUri.of("./Vendor/Plain/A"), NodeValue.text("alpha"));
    f.device().addInterior(NodeUri.of("./Vendor/Own"), null);
    f.device().replaceProperty(NodeUri.of("./Vendor/Own"), NodeProperty.ACL, "Get=srv1");
    session = f.session();
    last = session.begin();
    server = new Fixture.Server(session.sessionId()).versions("1.2", verProto);
  }

  private SyncMessage answer(Encoding e, String target) throws Exception {
    SyncMessage reply = sent(session.onMessage(server.reply(last, true, get("4", target))));
    last = codec.decode(codec.encode(reply, e), e, 1 << 20);
    return last;
  }

  private static String data(SyncMessage reply) {
    return results(reply).get(0).items().get(0).data().map(ItemData::text).orElse("");
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void in_dm_1_2_an_inherited_acl_is_answered_200_with_empty_data(Encoding e) throws Exception {
    open(e, SyncHeader.DM_1_2);

    SyncMessage reply = answer(e, "./Vendor/Plain/A?prop=ACL");

    assertThat(statusFor(reply, "4").code()).isEqualTo(200);
    assertThat(data(reply)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void in_dm_1_3_an_inherited_acl_is_answered_217_with_the_ancestors_acl(Encoding e)
      throws Exception {
    open(e, SyncHeader.DM_1_3);

    SyncMessage reply = answer(e, "./Vendor/Plain/A?prop=ACL");

    assertThat(statusFor(reply, "4").code()).isEqualTo(217);
    assertThat(data(reply)).isEqualTo("Add=srv1&Delete=srv1&Exec=srv1&Get=srv1&Replace=srv1");
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void an_acl_of_the_nodes_own_is_answered_200_in_both_versions(Encoding e) throws Exception {
    for (String verProto : new String[] {SyncHeader.DM_1_2, SyncHeader.DM_1_3}) {
      open(e, verProto);

      SyncMessage reply = answer(e, "./Vendor/Own?prop=ACL");

      assertThat(statusFor(reply, "4").code()).as(verProto).isEqualTo(200);
      assertThat(data(reply)).as(verProto).isEqualTo("Get=srv1");
    }
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void in_dm_1_2_a_moid_query_is_an_unsupported_feature(Encoding e) throws Exception {
    open(e, SyncHeader.DM_1_2);

    SyncMessage reply = answer(e, ".?moid=urn:oma:mo:oma-dm-devinfo:1.1");

    assertThat(statusFor(reply, "4").code()).isEqualTo(406);
    assertThat(results(reply)).isEmpty();
  }
}
