package io.dmagent.server.bootstrap;

import java.util.Locale;

/**
 * The TNDS document (plain XML, DM TND 1.2) of one DMAcc instance, written by the server itself: a
 * top node typed {@code urn:oma:mo:oma-dm-dmacc:1.1} (so that an Add to {@code ./Inbox} lands it
 * under {@code ./DMAcc}) with ServerID, Name, AppID w7, AppAddr/<x>/Addr and AddrType, and the
 * AppAuth entries of both sides. Element order and names follow TND 1.2; no DFProperties.
 */
final class DmAccTnds {
  static final String DMACC_MOID = "urn:oma:mo:oma-dm-dmacc:1.1";

  private final StringBuilder xml = new StringBuilder();

  private DmAccTnds() {}

  static String of(BootstrapAccount a) {
    DmAccTnds t = new DmAccTnds();
    t.xml.append("<MgmtTree xmlns=\"syncml:dmddf1.2\"><VerDTD>1.2</VerDTD>");
    t.open(a.node(), DMACC_MOID);
    t.leaf("AppID", "w7");
    t.leaf("ServerID", a.serverId());
    t.leaf("Name", a.serverId());
    t.open("AppAddr", null);
    t.open("srv", null);
    t.leaf("Addr", a.address().toString());
    t.leaf("AddrType", "URI");
    t.close();
    t.close();
    t.open("AppAuth", null);
    a.clientAuthType()
        .ifPresent(
            type -> {
              t.appAuth("client", "CLCRED", type, a.clientName(), a.clientSecret());
              if (!a.serverSecret().isEmpty()) {
                t.appAuth("server", "SRVCRED", type, a.serverId(), a.serverSecret());
              }
            });
    t.close();
    t.close();
    t.xml.append("</MgmtTree>");
    return t.xml.toString();
  }

  private void appAuth(String node, String level, String type, String name, String secret) {
    open(node, null);
    leaf("AAuthLevel", level);
    leaf("AAuthType", type.toUpperCase(Locale.ROOT));
    leaf("AAuthName", name);
    leaf("AAuthSecret", secret);
    close();
  }

  private void open(String name, String moid) {
    xml.append("<Node><NodeName>").append(escape(name)).append("</NodeName>");
    if (moid != null) {
      xml.append("<RTProperties><Type><DDFName>")
          .append(escape(moid))
          .append("</DDFName></Type></RTProperties>");
    }
  }

  private void close() {
    xml.append("</Node>");
  }

  private void leaf(String name, String value) {
    if (value.isEmpty()) {
      return;
    }
    xml.append("<Node><NodeName>")
        .append(escape(name))
        .append("</NodeName><Value>")
        .append(escape(value))
        .append("</Value></Node>");
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
