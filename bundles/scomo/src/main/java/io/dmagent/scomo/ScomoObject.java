package io.dmagent.scomo;

import io.dmagent.api.mo.DdfResource;
import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.ExecRequest;
import io.dmagent.api.tree.ExecResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./SCOMO} (urn:oma:mo:oma-scomo:1.0): an Exec on an operation node is accepted (202) and
 * run on SCOMO's worker; its outcome comes as an OperationComplete Generic Alert with the Exec's
 * Correlator. The download's progress leaves are read live.
 */
final class ScomoObject implements ManagementObject {
  private final Scomo scomo;
  private final String rootAcl;
  private final byte[] ddf;

  ScomoObject(Scomo scomo, List<String> servers) {
    this.scomo = scomo;
    this.rootAcl = acl(servers);
    this.ddf = loadDdf();
  }

  /** Every server may Get; the configured ones may add packages and Exec operations. */
  static String acl(List<String> servers) {
    List<String> named = servers.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    String who = named.isEmpty() ? "*" : String.join("+", named);
    return "Add=" + who + "&Delete=" + who + "&Exec=" + who + "&Get=*&Replace=" + who;
  }

  @Override
  public NodeUri root() {
    return ScomoNodes.ROOT;
  }

  @Override
  public byte[] ddf() {
    return ddf.clone();
  }

  @Override
  public String rootAcl() {
    return rootAcl;
  }

  @Override
  public Optional<NodeValue> readLive(NodeUri uri) {
    List<String> s = uri.relativeTo(ScomoNodes.ROOT);
    if (s.size() != 4 || !s.get(0).equals("Download") || !s.get(2).equals("Ext")) {
      return Optional.empty();
    }
    int which = s.get(3).equals("Received") ? 0 : s.get(3).equals("Total") ? 1 : -1;
    if (which < 0) {
      return Optional.empty();
    }
    return scomo
        .progress(s.get(1))
        .map(p -> ScomoNodes.integer((int) Math.min(Integer.MAX_VALUE, p[which])));
  }

  @Override
  public ExecResult exec(NodeUri uri, ExecRequest request, Principal principal) throws DmException {
    Target target =
        Target.of(uri)
            .orElseThrow(
                () -> new DmException(StatusCode.COMMAND_NOT_ALLOWED, "no Exec on " + uri));
    Asker asker = new Asker(principal.isDevice() ? "" : principal.serverId(), request.correlator());
    scomo.run(target, asker);
    return ExecResult.accepted();
  }

  private static byte[] loadDdf() {
    return DdfResource.load(ScomoObject.class, "scomo.ddf");
  }
}
