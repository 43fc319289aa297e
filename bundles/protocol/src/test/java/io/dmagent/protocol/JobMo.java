package io.dmagent.protocol;

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
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A vendor MO for the tests, as a bundle would contribute it: {@code ./Vendor/Job} with {@code Run}
 * (Exec that completes at once), {@code Start} (Exec accepted, its result reported later with the
 * Correlator) and a {@code Setting} whose writes it may veto or fail on.
 */
final class JobMo implements ManagementObject {
  static final String DDF =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <MgmtTree><VerDTD>1.2</VerDTD><Man>ACME</Man><Mod>GW-1</Mod>
        <Node><NodeName>Job</NodeName><Path>./Vendor</Path>
          <DFProperties><AccessType><Get/></AccessType><DFFormat><node/></DFFormat>
            <Occurrence><One/></Occurrence><Scope><Permanent/></Scope>
            <DFType><DDFName>urn:x-acme:mo:job:1.0</DDFName></DFType></DFProperties>
          <Node><NodeName>Run</NodeName>
            <DFProperties><AccessType><Exec/><Get/></AccessType><DFFormat><null/></DFFormat>
              <Occurrence><One/></Occurrence><Scope><Permanent/></Scope>
              <DFType><MIME>text/plain</MIME></DFType></DFProperties></Node>
          <Node><NodeName>Start</NodeName>
            <DFProperties><AccessType><Exec/><Get/></AccessType><DFFormat><null/></DFFormat>
              <Occurrence><One/></Occurrence><Scope><Permanent/></Scope>
              <DFType><MIME>text/plain</MIME></DFType></DFProperties></Node>
          <Node><NodeName>Setting</NodeName>
            <DFProperties><AccessType><Add/><Get/><Replace/></AccessType><DFFormat><chr/></DFFormat>
              <Occurrence><ZeroOrOne/></Occurrence><Scope><Dynamic/></Scope>
              <DFType><MIME>text/plain</MIME></DFType></DFProperties></Node>
        </Node>
      </MgmtTree>
      """;

  final List<String> calls = new CopyOnWriteArrayList<>();
  volatile RuntimeException bug;

  @Override
  public NodeUri root() {
    return NodeUri.of("./Vendor/Job");
  }

  @Override
  public byte[] ddf() {
    return DDF.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void beforeWrite(NodeUri uri, Optional<NodeValue> value, Principal principal) {
    if (bug != null) {
      throw bug;
    }
  }

  @Override
  public ExecResult exec(NodeUri uri, ExecRequest request, Principal principal) throws DmException {
    calls.add(
        "exec "
            + uri.name()
            + " by "
            + principal
            + request.argument().map(a -> " with " + a.text()).orElse("")
            + request.correlator().map(c -> " correlator " + c).orElse(""));
    return switch (uri.name()) {
      case "Run" -> ExecResult.completed();
      case "Start" -> ExecResult.accepted();
      default -> throw new DmException(StatusCode.COMMAND_NOT_ALLOWED, "no Exec on " + uri);
    };
  }
}
