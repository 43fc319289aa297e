package io.dmagent.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.description.TndsNode;
import io.dmagent.api.description.TndsTree;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.codec.message.SyncMlCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The bootstrap message read back with the agent's codecs, and its MAC checked with the JDK. */
class BootstrapEncoderTest {
  private static final String DEV_ID = "urn:dev:mac:02fc00000001";
  private static final URI ADDRESS = URI.create("https://127.0.0.1:8980/dm");
  private static final BootstrapAccount ACCOUNT =
      new BootstrapAccount(
          "dmagent-demo",
          "dmagent-demo",
          ADDRESS,
          Optional.of("digest"),
          "gw42",
          "cl-s3cret",
          "srv-s3cret");

  private final SyncMlCodec codec = new SyncMlCodec();

  @Test
  void the_message_is_wbxml_from_the_servers_address_with_one_add_of_a_dmacc_tnds_to_the_inbox()
      throws Exception {
    BootstrapMessage m = new BootstrapEncoder(codec).encode(DEV_ID, ACCOUNT, "1234");

    assertThat(m.body()[0]).as("WBXML version byte").isBetween((byte) 0x01, (byte) 0x03);
    SyncMessage decoded = codec.decode(m.body(), Encoding.WBXML, Integer.MAX_VALUE);
    assertThat(decoded.header().source().locUri()).isEqualTo(ADDRESS.toString());
    assertThat(decoded.header().target().locUri()).isEqualTo(DEV_ID);
    assertThat(decoded.commands()).singleElement().isInstanceOf(ItemCommand.class);
    ItemCommand add = (ItemCommand) decoded.commands().get(0);
    assertThat(add.name()).isEqualTo(CommandName.ADD);
    Item item = add.items().get(0);
    assertThat(item.targetUri()).contains("./Inbox");
    assertThat(item.meta().orElseThrow().type()).contains("application/vnd.syncml.dmtnds+xml");

    TndsTree tnds =
        new DdfTndsCodec()
            .readTnds(
                item.data().orElseThrow().text().getBytes(StandardCharsets.UTF_8), Encoding.XML);
    TndsNode acc = tnds.nodes().get(0);
    assertThat(acc.properties()).containsValue("urn:oma:mo:oma-dm-dmacc:1.1");
    assertThat(value(acc, "ServerID")).isEqualTo("dmagent-demo");
    assertThat(value(acc, "AppAddr", "srv", "Addr")).isEqualTo(ADDRESS.toString());
    assertThat(value(acc, "AppAuth", "client", "AAuthLevel")).isEqualTo("CLCRED");
    assertThat(value(acc, "AppAuth", "client", "AAuthType")).isEqualTo("DIGEST");
    assertThat(value(acc, "AppAuth", "client", "AAuthName")).isEqualTo("gw42");
    assertThat(value(acc, "AppAuth", "server", "AAuthLevel")).isEqualTo("SRVCRED");
    assertThat(value(acc, "AppAuth", "server", "AAuthSecret")).isEqualTo("srv-s3cret");
  }

  @Test
  void the_mac_is_hmac_sha1_over_the_wbxml_body_keyed_with_the_pin() throws Exception {
    BootstrapMessage m = new BootstrapEncoder(codec).encode(DEV_ID, ACCOUNT, "1234");

    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec("1234".getBytes(StandardCharsets.US_ASCII), "HmacSHA1"));
    String expected = HexFormat.of().withUpperCase().formatHex(mac.doFinal(m.body()));
    assertThat(m.macHex()).hasSize(40).isEqualTo(expected);
    assertThat(m.signedContentType())
        .isEqualTo("application/vnd.syncml.dm+wbxml; SEC=1; MAC=" + expected);
  }

  @Test
  void without_a_pin_the_message_is_unsigned() {
    BootstrapMessage m = new BootstrapEncoder(codec).encode(DEV_ID, ACCOUNT, "");

    assertThat(m.signed()).isFalse();
  }

  @Test
  void the_wsp_content_type_carries_sec_and_mac_as_well_known_parameters() {
    BootstrapMessage m = new BootstrapEncoder(codec).encode(DEV_ID, ACCOUNT, "1234");

    byte[] wsp = WspBootstrapType.encode(m);

    // Value-length (1 + 2 + 1 + 40 + 1 = 45 > 30: 0x1F uintvar), media 0xC2, 0x91 0x81, 0x92 text
    assertThat(wsp[0]).isEqualTo((byte) 0x1F);
    assertThat(wsp[1]).isEqualTo((byte) 45);
    assertThat(wsp[2]).isEqualTo((byte) 0xC2);
    assertThat(wsp[3]).isEqualTo((byte) 0x91);
    assertThat(wsp[4]).isEqualTo((byte) 0x81);
    assertThat(wsp[5]).isEqualTo((byte) 0x92);
    assertThat(new String(wsp, 6, 40, StandardCharsets.US_ASCII)).isEqualTo(m.macHex());
    assertThat(wsp[46]).isEqualTo((byte) 0x00);
    assertThat(wsp).hasSize(47);
  }

  private static String value(TndsNode node, String... path) {
    TndsNode n = node;
    for (String name : path) {
      n = n.children().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
    return new String(n.value().orElseThrow(), StandardCharsets.UTF_8);
  }
}
