package io.dmagent.policy;

import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.ExecRequest;
import io.dmagent.api.tree.ExecResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small management object of another bundle: ./Vendor/Lamp with a Level a policy watches or sets
 * and a Blink it Execs; it can be grafted and taken away as its bundle would be.
 */
final class Lamp implements ManagementObject {
  final List<String> execs = new CopyOnWriteArrayList<>();
  volatile boolean failExec;

  @Override
  public NodeUri root() {
    return NodeUri.of("./Vendor/Lamp");
  }

  @Override
  public String rootAcl() {
    return "Get=*&Replace=*&Exec=*";
  }

  @Override
  public ExecResult exec(NodeUri uri, ExecRequest request, Principal principal) throws DmException {
    if (failExec) {
      throw new DmException(StatusCode.COMMAND_FAILED, "the lamp is broken");
    }
    execs.add(
        uri.name() + " " + request.argument().map(NodeValue::text).orElse("") + " by " + principal);
    return ExecResult.completed();
  }

  @Override
  public byte[] ddf() {
    return ("<MgmtTree><VerDTD>1.2</VerDTD><Node><NodeName>Lamp</NodeName><Path>./Vendor</Path>"
            + "<DFProperties><AccessType><Get/></AccessType><DFFormat><node/></DFFormat>"
            + "<Occurrence><One/></Occurrence><Scope><Permanent/></Scope><DFType><DDFName>urn:x-test:lamp</DDFName></DFType></DFProperties>"
            + leaf("Level", "int", "<Get/><Replace/>")
            + leaf("Blink", "null", "<Exec/><Get/>")
            + "</Node></MgmtTree>")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String leaf(String name, String format, String access) {
    return "<Node><NodeName>"
        + name
        + "</NodeName><DFProperties><AccessType>"
        + access
        + "</AccessType><DFFormat><"
        + format
        + "/></DFFormat><Occurrence><One/></Occurrence><Scope><Permanent/></Scope>"
        + "<DFType><MIME>text/plain</MIME></DFType></DFProperties></Node>";
  }
}
