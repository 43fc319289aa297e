package io.dmagent.bootstrap;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.description.TndsNode;
import io.dmagent.api.description.TndsTree;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.CommandName;
import io.dmagent.api.message.Item;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.ItemData;
import io.dmagent.api.message.Locator;
import io.dmagent.api.message.Meta;
import io.dmagent.api.message.SyncHeader;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.codec.description.DdfTndsCodec;
import io.dmagent.codec.message.SyncMlCodec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** DM-profile bootstrap messages as a server builds them: WBXML with embedded WBXML TNDS. */
final class Messages {
  static final String DM_WBXML = "application/vnd.syncml.dm+wbxml";
  static final String DM_XML = "application/vnd.syncml.dm+xml";
  static final String IMSI = "234150999999999";
  static final String PIN = "1234";

  private Messages() {}

  /** One DMAcc {@code <x>} as TNDS: w7, ServerID, Name, one address, client credentials. */
  static TndsNode account(String node, String serverId, String address) {
    return interior(
        node,
        Map.of(),
        leaf("AppID", "w7"),
        leaf("ServerID", serverId),
        leaf("Name", serverId + " server"),
        interior(
            "AppAddr",
            Map.of(),
            interior("1", Map.of(), leaf("Addr", address), leaf("AddrType", "URI"))),
        interior(
            "AppAuth",
            Map.of(),
            interior(
                "1",
                Map.of(),
                leaf("AAuthLevel", "CLCRED"),
                leaf("AAuthType", "DIGEST"),
                leaf("AAuthName", "gateway"),
                leaf("AAuthSecret", "s3cret"))));
  }

  static TndsNode interior(String name, Map<NodeProperty, String> props, TndsNode... children) {
    return new TndsNode(
        name,
        Optional.empty(),
        Optional.of(NodeFormat.NODE),
        props,
        Optional.empty(),
        List.of(children));
  }

  static TndsNode leaf(String name, String value) {
    return new TndsNode(
        name,
        Optional.empty(),
        Optional.of(NodeFormat.CHR),
        Map.of(NodeProperty.TYPE, "text/plain"),
        Optional.of(value.getBytes(StandardCharsets.UTF_8)),
        List.of());
  }

  static TndsTree tnds(TndsNode... nodes) {
    return new TndsTree("1.2", Optional.empty(), Optional.empty(), List.of(nodes));
  }

  /** An Add of {@code tree} (embedded WBXML TNDS) to {@code target}. */
  static Command addTnds(String cmdId, String target, TndsTree tree) {
    try {
      byte[] doc = new DdfTndsCodec().writeTnds(tree, Encoding.WBXML);
      return ItemCommand.of(
          CommandName.ADD,
          cmdId,
          Item.target(
              target, Meta.of("xml", "application/vnd.syncml.dmtnds+wbxml"), ItemData.opaque(doc)));
    } catch (DmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An Add of {@code tree} as XML TNDS markup inside Data, as XML messages carry it. */
  static Command addTndsXml(String cmdId, String target, TndsTree tree) {
    try {
      String doc =
          new String(new DdfTndsCodec().writeTnds(tree, Encoding.XML), StandardCharsets.UTF_8);
      doc = doc.substring(doc.indexOf("<MgmtTree"));
      return ItemCommand.of(
          CommandName.ADD,
          cmdId,
          Item.target(
              target,
              Meta.of("xml", "application/vnd.syncml.dmtnds+xml"),
              new ItemData.Markup(doc)));
    } catch (DmException e) {
      throw new IllegalStateException(e);
    }
  }

  static SyncMessage message(String source, Command... commands) {
    SyncHeader header =
        new SyncHeader(
            "1.2",
            SyncHeader.DM_1_2,
            "1",
            "1",
            Locator.of("IMEI:493005100592800"),
            Locator.of(source),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    return new SyncMessage(header, List.of(commands), true);
  }

  static byte[] wbxml(SyncMessage m) {
    return new SyncMlCodec().encode(m, Encoding.WBXML);
  }

  static byte[] xml(SyncMessage m) {
    return new SyncMlCodec().encode(m, Encoding.XML);
  }

  /** The usual bootstrap: one account whose address is the message's Source. */
  static byte[] oneAccount(String node, String serverId, String address) {
    return wbxml(message(address, addTnds("1", "./DMAcc", tnds(account(node, serverId, address)))));
  }

  /** The content type of {@code body} signed with NETWPIN and {@link #IMSI}. */
  static String netwpin(String mime, byte[] body) {
    byte[] mac = BootstrapMac.hmac(ImsiKey.semiOctets(IMSI), body);
    return mime + "; SEC=0; MAC=" + HexFormat.of().formatHex(mac);
  }

  static String userpin(String mime, byte[] body, String pin) {
    byte[] mac = BootstrapMac.hmac(pin.getBytes(StandardCharsets.US_ASCII), body);
    return mime + "; SEC=USERPIN; MAC=" + HexFormat.of().formatHex(mac);
  }

  static Secrets secrets() {
    return new Secrets(IMSI, PIN);
  }
}
