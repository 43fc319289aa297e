package io.dmagent.tree;

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
 * A vendor MO as a bundle would contribute it: {@code ./Vendor/ACME/Sensor} with a live
 * temperature, up to two sensors (unnamed nodes) each with a polling period, a write-only key, an
 * Exec node, and an open {@code Ext}.
 */
final class SensorMo implements ManagementObject {
  static final String MO_ID = "urn:oma:mo:x-acme-sensor:1.0";
  static final String SENSOR_ID = "urn:oma:mo:x-acme-sensor-channel:1.0";

  static final String DDF =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <!DOCTYPE MgmtTree PUBLIC "-//OMA//DTD-DM-DDF 1.2//EN"
        "http://www.openmobilealliance.org/tech/DTD/DM_DDF-V1_2.dtd">
      <MgmtTree><VerDTD>1.2</VerDTD><Man>ACME</Man><Mod>GW-1</Mod>
        <Node><NodeName>Sensor</NodeName><Path>./Vendor/ACME</Path>
          <DFProperties><AccessType><Get/></AccessType><DFFormat><node/></DFFormat>
            <Occurrence><One/></Occurrence><Scope><Permanent/></Scope>
            <DFType><DDFName>urn:oma:mo:x-acme-sensor:1.0</DDFName></DFType></DFProperties>
          <Node><NodeName>Temperature</NodeName>
            <DFProperties><AccessType><Get/></AccessType><DFFormat><float/></DFFormat>
              <Occurrence><One/></Occurrence><Scope><Permanent/></Scope>
              <DFType><MIME>text/plain</MIME></DFType></DFProperties></Node>
          <Node><NodeName>Key</NodeName>
            <DFProperties><AccessType><Replace/></AccessType><DFFormat><chr/></DFFormat>
              <Occurrence><One/></Occurrence><Scope><Permanent/></Scope>
              <DFType><MIME>text/plain</MIME></DFType></DFProperties></Node>
          <Node><NodeName>Reset</NodeName>
            <DFProperties><AccessType><Exec/><Get/></AccessType><DFFormat><null/></DFFormat>
              <Occurrence><One/></Occurrence><Scope><Permanent/></Scope>
              <DFType><MIME>text/plain</MIME></DFType></DFProperties></Node>
          <Node><NodeName>Ext</NodeName>
            <DFProperties><AccessType><Add/><Get/></AccessType><DFFormat><node/></DFFormat>
              <Occurrence><ZeroOrOne/></Occurrence><Scope><Permanent/></Scope>
              <DFType><DDFName/></DFType></DFProperties></Node>
          <Node><NodeName/>
            <DFProperties><AccessType><Add/><Delete/><Get/><Replace/></AccessType>
              <DFFormat><node/></DFFormat><Occurrence><ZeroOrN>2</ZeroOrN></Occurrence>
              <Scope><Dynamic/></Scope>
              <DFType><DDFName>urn:oma:mo:x-acme-sensor-channel:1.0</DDFName></DFType></DFProperties>
            <Node><NodeName>PollSec</NodeName>
              <DFProperties><AccessType><Add/><Get/><Replace/></AccessType>
                <DefaultValue>60</DefaultValue><DFFormat><int/></DFFormat>
                <Occurrence><One/></Occurrence>
                <DFType><MIME>text/plain</MIME></DFType></DFProperties></Node>
          </Node>
        </Node>
      </MgmtTree>
      """;

  final List<String> calls = new CopyOnWriteArrayList<>();
  volatile String temperature = "21.5";
  volatile DmException veto;
  volatile RuntimeException bug;
  volatile String rootAcl = "";

  @Override
  public NodeUri root() {
    return NodeUri.of("./Vendor/ACME/Sensor");
  }

  @Override
  public byte[] ddf() {
    return DDF.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String rootAcl() {
    return rootAcl;
  }

  @Override
  public Optional<NodeValue> readLive(NodeUri uri) {
    if (bug != null) {
      throw bug;
    }
    return uri.name().equals("Temperature")
        ? Optional.of(NodeValue.of(temperature, io.dmagent.api.tree.NodeFormat.FLOAT))
        : Optional.empty();
  }

  @Override
  public void beforeWrite(NodeUri uri, Optional<NodeValue> value, Principal principal)
      throws DmException {
    calls.add("write " + uri);
    if (veto != null) {
      throw veto;
    }
  }

  @Override
  public ExecResult exec(NodeUri uri, ExecRequest request, Principal principal) throws DmException {
    calls.add("exec " + uri + " by " + principal);
    if (bug != null) {
      throw bug;
    }
    if (!uri.name().equals("Reset")) {
      throw new DmException(StatusCode.COMMAND_NOT_ALLOWED, "no Exec on " + uri);
    }
    return ExecResult.accepted();
  }
}
