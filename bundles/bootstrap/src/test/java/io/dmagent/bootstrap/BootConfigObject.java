package io.dmagent.bootstrap;

import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.NodeUri;
import java.nio.charset.StandardCharsets;

/**
 * The initial access rights part of the Bootstrap Config MO (dm13-recovered.md B10) at {@code
 * ./BootConfig}, as the bootstrap-client bundle grafts it: enough for the rules the bootstrap
 * applies.
 */
final class BootConfigObject implements ManagementObject {
  private static final String ALL = "<AccessType><Add/><Delete/><Get/><Replace/></AccessType>";

  @Override
  public NodeUri root() {
    return NodeUri.of("./BootConfig");
  }

  @Override
  public byte[] ddf() {
    String ddf =
        "<MgmtTree><VerDTD>1.2</VerDTD>"
            + node(
                "BootConfig",
                "<Path>.</Path>",
                "node",
                "urn:oma:mo:oma-dm-bootstrapcfg:1.0",
                "ZeroOrOne",
                node(
                    "InitialARInfo",
                    "",
                    "node",
                    "",
                    "ZeroOrOne",
                    node(
                        "",
                        "",
                        "node",
                        "",
                        "ZeroOrMore",
                        leaf("SubtreeURI", "chr") + leaf("AccessCode", "int"))))
            + "</MgmtTree>";
    return ddf.getBytes(StandardCharsets.UTF_8);
  }

  private static String node(
      String name, String path, String format, String ddfName, String occurrence, String children) {
    return "<Node><NodeName>"
        + name
        + "</NodeName>"
        + path
        + "<DFProperties>"
        + ALL
        + "<DFFormat><"
        + format
        + "/></DFFormat><Occurrence><"
        + occurrence
        + "/></Occurrence><Scope><Dynamic/></Scope><DFType><DDFName>"
        + ddfName
        + "</DDFName></DFType></DFProperties>"
        + children
        + "</Node>";
  }

  private static String leaf(String name, String format) {
    return "<Node><NodeName>"
        + name
        + "</NodeName><DFProperties>"
        + ALL
        + "<DFFormat><"
        + format
        + "/></DFFormat><Occurrence><One/></Occurrence><Scope><Dynamic/></Scope>"
        + "<DFType><MIME>text/plain</MIME></DFType></DFProperties></Node>";
  }
}
