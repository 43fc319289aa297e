package io.dmagent.stdobj;

import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.NodeUri;
import org.osgi.service.component.annotations.Component;

/**
 * {@code ./DMAcc} (urn:oma:mo:oma-dm-dmacc:1.1 per account): one account per management authority.
 * Accounts live in the tree's store like any server-written data; the DDF is what makes them safe:
 * AAuthSecret and AAuthData have no Get access type, so no server can ever read a secret back, not
 * even the one that wrote it.
 */
@Component(service = ManagementObject.class)
public final class DmAccObject extends StandardObject {
  static final NodeUri ROOT = NodeUri.of("./DMAcc");
  static final String MO_ID = "urn:oma:mo:oma-dm-dmacc:1.1";

  public DmAccObject() {
    super(ROOT, "dmacc.ddf", new LiveLeaves(ROOT));
  }
}
