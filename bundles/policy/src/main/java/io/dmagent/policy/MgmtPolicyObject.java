package io.dmagent.policy;

import io.dmagent.api.mo.DdfResource;
import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.ExecRequest;
import io.dmagent.api.tree.ExecResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.StatusCode;
import java.util.Optional;

/**
 * {@code ./MgmtPolicy} (urn:oma:mo:oma-mgmtpolicymo:1.0): policies are nodes servers Add, Replace
 * and Delete like any other (HLF-1, HLF-2, HLF-4); Exec on a policy's Activate or Deactivate
 * switches it (HLF-3). Writes are checked before they commit; the engine runs what is stored.
 */
final class MgmtPolicyObject implements ManagementObject {
  private final DownloadCheck check;
  private final Activation activation;
  private final byte[] ddf;

  MgmtPolicyObject(DownloadCheck check, Activation activation) {
    this.check = check;
    this.activation = activation;
    this.ddf = loadDdf();
  }

  @Override
  public NodeUri root() {
    return Layout.ROOT;
  }

  @Override
  public byte[] ddf() {
    return ddf.clone();
  }

  /**
   * Every server may read the MO, add policies and Exec their switches; a policy's ACL then names
   * the server that added it, and only its owner switches it (checked by the engine).
   */
  @Override
  public String rootAcl() {
    return "Add=*&Exec=*&Get=*";
  }

  @Override
  public void beforeWrite(NodeUri uri, Optional<NodeValue> value, Principal principal)
      throws DmException {
    check.beforeWrite(uri, value, principal);
  }

  @Override
  public ExecResult exec(NodeUri uri, ExecRequest request, Principal principal) throws DmException {
    Optional<NodeUri> policy = Layout.policyOf(uri);
    if (policy.isPresent() && uri.parent().equals(policy.get())) {
      switch (uri.name()) {
        case Layout.ACTIVATE -> {
          activation.activate(policy.get(), principal);
          return ExecResult.completed();
        }
        case Layout.DEACTIVATE -> {
          activation.deactivate(policy.get(), principal);
          return ExecResult.completed();
        }
        default -> {}
      }
    }
    throw new DmException(StatusCode.COMMAND_NOT_ALLOWED, "no Exec on " + uri);
  }

  static byte[] loadDdf() {
    return DdfResource.load(MgmtPolicyObject.class, "mgmtpolicy.ddf");
  }
}
