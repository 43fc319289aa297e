package io.dmagent.stdobj;

import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.NodeUri;
import org.osgi.service.component.annotations.Component;

/**
 * {@code ./Inbox} (urn:oma:mo:oma-dm-inbox:1.0): a server Adds an MO here without knowing where
 * this device keeps it; the tree places it by the MO identifier the object carries and answers 405
 * to any read of the Inbox.
 */
@Component(service = ManagementObject.class)
public final class InboxObject extends StandardObject {
  static final NodeUri ROOT = NodeUri.of("./Inbox");
  static final String MO_ID = "urn:oma:mo:oma-dm-inbox:1.0";

  public InboxObject() {
    super(ROOT, "inbox.ddf", new LiveLeaves(ROOT));
  }
}
