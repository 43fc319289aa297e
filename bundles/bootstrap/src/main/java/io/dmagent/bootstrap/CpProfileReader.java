package io.dmagent.bootstrap;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.log.WireText;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a CP-profile bootstrap: the APPLICATION characteristic with APPID {@code w7} mapped onto
 * {@code ./DMAcc/<x>} as DM StdObj's table says (PROVIDER-ID to ServerID, APPADDR to AppAddr,
 * APPAUTH to AppAuth with AAUTHLEVEL APPSRV, CLIENT, OBEX as CLCRED, SRVCRED, OBEX, TO-NAPID and
 * TO-PROXY to PrefConRef and ToConRef). Other characteristics are ignored with a log line, unknown
 * parameters silently (vendors add their own); an {@code INIT} parameter asks for a session at
 * once.
 */
final class CpProfileReader {
  private final Consumer<String> log;

  CpProfileReader(Consumer<String> log) {
    this.log = log;
  }

  BootstrapPlan read(byte[] body, Encoding encoding, int maxSize) throws Refusal {
    if (body.length > maxSize) {
      throw Refusal.invalid("above the size bound");
    }
    CpDocument doc = encoding == Encoding.WBXML ? CpWbxmlReader.read(body) : CpXmlReader.read(body);
    List<NodeWrite> writes = new ArrayList<>();
    boolean init = false;
    for (CpDocument.Characteristic c : doc.characteristics()) {
      if (!c.type().equals("APPLICATION") || !c.parm("APPID").orElse("").equals("w7")) {
        log.accept(
            "bootstrap: CP characteristic "
                + WireText.quote(c.type())
                + c.parm("APPID").map(id -> " APPID " + WireText.quote(id)).orElse("")
                + " ignored");
        continue;
      }
      try {
        w7(c, writes);
      } catch (DmException e) {
        throw Refusal.invalid("its w7 application names no valid node: " + e.getMessage());
      }
      init |= c.has("INIT");
    }
    return new BootstrapPlan(writes, Optional.empty(), init);
  }

  private static void w7(CpDocument.Characteristic app, List<NodeWrite> writes) throws DmException {
    String serverId = app.parm("PROVIDER-ID").orElse("");
    NodeUri acc = CarriedAccounts.DMACC.child(nodeName(serverId.isEmpty() ? "w7" : serverId));
    writes.add(new NodeWrite.Interior(acc, Optional.empty()));
    leaf(writes, acc, "AppID", "w7");
    if (!serverId.isEmpty()) {
      leaf(writes, acc, "ServerID", serverId);
    }
    app.parm("NAME").ifPresent(n -> leaf(writes, acc, "Name", n));
    List<String> refs = new ArrayList<>(app.parms("TO-NAPID"));
    refs.addAll(app.parms("TO-PROXY"));
    if (!refs.isEmpty()) {
      leaf(writes, acc, "PrefConRef", refs.get(0));
      NodeUri to = acc.child("ToConRef");
      writes.add(new NodeWrite.Interior(to, Optional.empty()));
      for (int i = 0; i < refs.size(); i++) {
        NodeUri ref = to.child(Integer.toString(i + 1));
        writes.add(new NodeWrite.Interior(ref, Optional.empty()));
        leaf(writes, ref, "ConRef", refs.get(i));
      }
    }
    addresses(app, acc, writes);
    credentials(app, acc, writes);
  }

  private static void addresses(CpDocument.Characteristic app, NodeUri acc, List<NodeWrite> writes)
      throws DmException {
    List<CpDocument.Characteristic> appAddr = app.children("APPADDR");
    NodeUri base = acc.child("AppAddr");
    if (appAddr.isEmpty() && app.parm("ADDR").isEmpty()) {
      return;
    }
    writes.add(new NodeWrite.Interior(base, Optional.empty()));
    if (appAddr.isEmpty()) {
      NodeUri a = base.child("1");
      writes.add(new NodeWrite.Interior(a, Optional.empty()));
      leaf(writes, a, "Addr", app.parm("ADDR").orElseThrow());
      leaf(writes, a, "AddrType", "URI");
      return;
    }
    for (int i = 0; i < appAddr.size(); i++) {
      CpDocument.Characteristic c = appAddr.get(i);
      NodeUri a = base.child(Integer.toString(i + 1));
      writes.add(new NodeWrite.Interior(a, Optional.empty()));
      leaf(writes, a, "Addr", c.parm("ADDR").orElse(""));
      leaf(writes, a, "AddrType", c.parm("ADDRTYPE").filter(t -> !t.isEmpty()).orElse("URI"));
      List<CpDocument.Characteristic> ports = c.children("PORT");
      if (!ports.isEmpty()) {
        NodeUri p = a.child("Port");
        writes.add(new NodeWrite.Interior(p, Optional.empty()));
        for (int j = 0; j < ports.size(); j++) {
          NodeUri port = p.child(Integer.toString(j + 1));
          writes.add(new NodeWrite.Interior(port, Optional.empty()));
          leaf(writes, port, "PortNbr", ports.get(j).parm("PORTNBR").orElse(""));
        }
      }
    }
  }

  private static void credentials(
      CpDocument.Characteristic app, NodeUri acc, List<NodeWrite> writes) throws DmException {
    List<CpDocument.Characteristic> auths = app.children("APPAUTH");
    if (auths.isEmpty()) {
      return;
    }
    NodeUri base = acc.child("AppAuth");
    writes.add(new NodeWrite.Interior(base, Optional.empty()));
    Optional<String> preferred = Optional.empty();
    for (int i = 0; i < auths.size(); i++) {
      CpDocument.Characteristic c = auths.get(i);
      NodeUri a = base.child(Integer.toString(i + 1));
      writes.add(new NodeWrite.Interior(a, Optional.empty()));
      String level = level(c.parm("AAUTHLEVEL").orElse(""));
      leaf(writes, a, "AAuthLevel", level);
      Optional<String> type = c.parm("AAUTHTYPE");
      type.ifPresent(t -> leaf(writes, a, "AAuthType", t));
      c.parm("AAUTHNAME").ifPresent(n -> leaf(writes, a, "AAuthName", n));
      c.parm("AAUTHSECRET").ifPresent(s -> leaf(writes, a, "AAuthSecret", s));
      Optional<String> data = c.parm("AAUTHDATA");
      if (data.isPresent()) {
        writes.add(
            new NodeWrite.Leaf(
                a.child("AAuthData"),
                NodeValue.of(nonce(data.get()), NodeFormat.BIN, "application/octet-stream")));
      }
      if (preferred.isEmpty() && level.equals("CLCRED")) {
        preferred = type;
      }
    }
    preferred.ifPresent(t -> leaf(writes, acc, "AAuthPref", t));
  }

  /** APPSRV: what the client shows the server; CLIENT: what the server shows the client. */
  static String level(String cp) {
    return switch (cp) {
      case "APPSRV" -> "CLCRED";
      case "CLIENT" -> "SRVCRED";
      default -> cp;
    };
  }

  /** AAUTHDATA is a Base64 nonce; anything else is kept as its bytes. */
  private static byte[] nonce(String data) {
    try {
      return Base64.getDecoder().decode(data.trim());
    } catch (IllegalArgumentException e) {
      return data.getBytes(StandardCharsets.UTF_8);
    }
  }

  private static void leaf(List<NodeWrite> writes, NodeUri parent, String name, String value) {
    try {
      writes.add(new NodeWrite.Leaf(parent.child(name), NodeValue.text(value)));
    } catch (DmException e) {
      throw new IllegalStateException("fixed DMAcc names are URI segments", e);
    }
  }

  /** A node name from a ServerID: what a URI segment cannot hold becomes '_'. */
  static String nodeName(String serverId) {
    StringBuilder b = new StringBuilder();
    for (char ch : serverId.toCharArray()) {
      b.append(Character.isLetterOrDigit(ch) || ch == '-' || ch == '_' ? ch : '_');
    }
    return b.length() > 32 ? b.substring(0, 32) : b.toString();
  }
}
