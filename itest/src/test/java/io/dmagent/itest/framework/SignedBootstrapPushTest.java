package io.dmagent.itest.framework;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.bootstrap.Bootstrapper;
import io.dmagent.api.description.DescriptionCodec;
import io.dmagent.api.description.Encoding;
import io.dmagent.api.description.TndsNode;
import io.dmagent.api.description.TndsTree;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.MessageCodec;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.push.PushChannel;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.Principal;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Hashtable;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * A server-initiated bootstrap pushed over WAP: a WSP push PDU in a UDP datagram, its content type
 * carrying SEC and MAC, received by the real push-wap binding, routed by the real notification
 * bundle to the bootstrap bundle, which checks the MAC and writes the account.
 */
class SignedBootstrapPushTest {
  /** The IMSI of the digest's example; NETWPIN keys the MAC with its semi-octets. */
  private static final String IMSI = "234150999999999";

  private static final byte[] IMSI_KEY = HexFormat.of().parseHex("2943519099999999");

  @RegisterExtension final InFramework dm = new InFramework();

  @Test
  void a_signed_wap_push_bootstraps_an_account_and_a_forged_one_changes_nothing() throws Exception {
    dm.configure(
        "io.dmagent.bootstrap",
        Map.of(
            "networkSecret",
            IMSI,
            "sessionAfterBootstrap",
            false,
            "folder",
            dm.folder("bootstrap-factory").toString()),
        Bootstrapper.class);
    int port = InFramework.freePort();
    Configuration wap =
        dm.service(ConfigurationAdmin.class).getConfiguration("io.dmagent.push.wap", "?");
    Hashtable<String, Object> properties = new Hashtable<>();
    properties.put("bindAddress", "127.0.0.1");
    properties.put("port", port);
    properties.put(
        "receiver.target", "(component.name=io.dmagent.notification.NotificationService)");
    wap.update(properties);
    awaitChannel("udp://127.0.0.1:" + port);
    String serverId = "bootstrap-" + UUID.randomUUID();
    String node = serverId.substring(0, 18);
    String address = "https://" + serverId + ".example.com/dm";

    byte[] forged = bootstrap(node, serverId + "-forged", address);
    send(port, pdu(forged, "00".repeat(20)));
    byte[] body = bootstrap(node, serverId, address);
    send(port, pdu(body, HexFormat.of().formatHex(hmac(IMSI_KEY, body))));

    NodeUri acc = NodeUri.of("./DMAcc/" + node + "/ServerID");
    awaitValue(acc, serverId);
    DmTree tree = dm.service(DmTree.class);
    assertThat(tree.operations(Principal.device()).get(NodeUri.of("./DMAcc")).children())
        .containsOnlyOnce(node);
  }

  private byte[] bootstrap(String node, String serverId, String address) throws Exception {
    TndsNode account =
        interior(
            node,
            leaf("AppID", "w7"),
            leaf("ServerID", serverId),
            interior("AppAddr", interior("1", leaf("Addr", address), leaf("AddrType", "URI"))));
    byte[] tnds =
        dm.service(DescriptionCodec.class)
            .writeTnds(
                new TndsTree("1.2", Optional.empty(), Optional.empty(), List.of(account)),
                Encoding.WBXML);
    SyncHeader header =
        new SyncHeader(
            "1.2",
            SyncHeader.DM_1_2,
            "1",
            "1",
            Locator.of("IMEI:493005100592800"),
            Locator.of(address),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    ItemCommand add =
        ItemCommand.of(
            CommandName.ADD,
            "1",
            Item.target(
                "./DMAcc",
                Meta.of("xml", "application/vnd.syncml.dmtnds+wbxml"),
                ItemData.opaque(tnds)));
    return dm.service(MessageCodec.class)
        .encode(new SyncMessage(header, List.of(add), true), Encoding.WBXML);
  }

  /**
   * TID, push, headers: content type in the general form (quoted length) 0xC2 (DM message, WBXML)
   * with SEC (0x91) = NETWPIN (0x80) and MAC (0x92) as text, then X-WAP-Application-Id syncml.dm.
   */
  private static byte[] pdu(byte[] body, String mac) {
    ByteArrayOutputStream type = new ByteArrayOutputStream();
    type.writeBytes(HexFormat.of().parseHex("C2918092"));
    type.writeBytes(mac.getBytes(StandardCharsets.US_ASCII));
    type.write(0);
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    headers.write(0x1F);
    headers.write(type.size());
    headers.writeBytes(type.toByteArray());
    headers.writeBytes(HexFormat.of().parseHex("AF87"));
    ByteArrayOutputStream pdu = new ByteArrayOutputStream();
    pdu.write(0x01);
    pdu.write(0x06);
    pdu.write(headers.size());
    pdu.writeBytes(headers.toByteArray());
    pdu.writeBytes(body);
    return pdu.toByteArray();
  }

  private void awaitChannel(String endpoint) throws Exception {
    Instant end = Instant.now().plus(InFramework.PATIENCE);
    while (Instant.now().isBefore(end)) {
      for (var ref : dm.context.getServiceReferences(PushChannel.class, null)) {
        PushChannel c = dm.context.getService(ref);
        try {
          if (c != null && c.endpoint().equals(endpoint)) {
            return;
          }
        } finally {
          dm.context.ungetService(ref);
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no WAP channel on " + endpoint + "; the log said:\n" + dm.log());
  }

  private static void send(int port, byte[] pdu) throws Exception {
    try (DatagramSocket s = new DatagramSocket()) {
      s.send(
          new DatagramPacket(
              pdu, pdu.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
    }
  }

  private void awaitValue(NodeUri uri, String expected) throws Exception {
    DmTree tree = dm.service(DmTree.class);
    Instant end = Instant.now().plus(InFramework.PATIENCE);
    while (Instant.now().isBefore(end)) {
      try {
        var value = tree.operations(Principal.device()).get(uri).value();
        if (value.isPresent() && value.get().text().equals(expected)) {
          return;
        }
      } catch (io.dmagent.api.tree.DmException notYet) {
        // not there yet
      }
      Thread.sleep(50);
    }
    throw new AssertionError(uri + " never became " + expected + "; the log said:\n" + dm.log());
  }

  private static byte[] hmac(byte[] key, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(key, "HmacSHA1"));
    return mac.doFinal(body);
  }

  private static TndsNode interior(String name, TndsNode... children) {
    return new TndsNode(
        name,
        Optional.empty(),
        Optional.of(NodeFormat.NODE),
        Map.of(),
        Optional.empty(),
        List.of(children));
  }

  private static TndsNode leaf(String name, String value) {
    return new TndsNode(
        name,
        Optional.empty(),
        Optional.of(NodeFormat.CHR),
        Map.of(),
        Optional.of(value.getBytes(StandardCharsets.UTF_8)),
        List.of());
  }
}
