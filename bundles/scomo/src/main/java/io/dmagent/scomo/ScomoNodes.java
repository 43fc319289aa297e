package io.dmagent.scomo;

import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import java.util.List;

/** Where SCOMO's nodes are and the values its leaves take. */
final class ScomoNodes {
  static final NodeUri ROOT = NodeUri.of("./SCOMO");
  static final NodeUri DOWNLOAD = NodeUri.of("./SCOMO/Download");
  static final NodeUri DELIVERED = NodeUri.of("./SCOMO/Inventory/Delivered");
  static final NodeUri DEPLOYED = NodeUri.of("./SCOMO/Inventory/Deployed");

  static final List<String> DOWNLOAD_OPERATIONS =
      List.of("Download", "DownloadInstall", "DownloadInstallInactive");
  static final List<String> DELIVERED_OPERATIONS = List.of("Install", "InstallInactive", "Remove");
  static final List<String> DEPLOYED_OPERATIONS = List.of("Activate", "Deactivate", "Remove");

  /** Download/x/Status. */
  static final int DOWNLOAD_IDLE = 10;

  static final int DOWNLOAD_FAILED = 20;
  static final int DOWNLOAD_PROGRESSING = 30;
  static final int DOWNLOAD_COMPLETE = 40;
  static final int DOWNLOAD_INSTALL_PROGRESSING = 50;
  static final int DOWNLOAD_INSTALL_FAILED_WITH_DATA = 60;

  /** Inventory/Delivered/x/Status. */
  static final int DELIVERED_IDLE = 10;

  static final int DELIVERED_REMOVE_FAILED = 20;
  static final int DELIVERED_REMOVE_PROGRESSING = 30;
  static final int DELIVERED_INSTALL_PROGRESSING = 40;
  static final int DELIVERED_INSTALL_FAILED_WITH_DATA = 50;

  /** Inventory/Deployed/x/Status. */
  static final int DEPLOYED_IDLE = 10;

  static final int DEPLOYED_REMOVE_FAILED = 20;
  static final int DEPLOYED_REMOVE_PROGRESSING = 30;
  static final int DEPLOYED_ACTIVATE_FAILED = 40;
  static final int DEPLOYED_ACTIVATE_PROGRESSING = 50;
  static final int DEPLOYED_DEACTIVATE_FAILED = 60;
  static final int DEPLOYED_DEACTIVATE_PROGRESSING = 70;

  /** Inventory/Delivered/x/State and Inventory/Deployed/x/State. */
  static final int STATE_DELIVERED = 10;

  static final int STATE_INACTIVE = 10;
  static final int STATE_ACTIVE = 20;

  private ScomoNodes() {}

  /** {@code base/a/b/...}; the names are ours or checked node names. */
  static NodeUri at(NodeUri base, String... names) {
    return NodeUri.of(base + "/" + String.join("/", names));
  }

  static NodeValue integer(int value) {
    return NodeValue.of(Integer.toString(value), NodeFormat.INT);
  }

  static NodeValue operation() {
    return NodeValue.of(new byte[0], NodeFormat.NULL, NodeValue.TEXT_PLAIN);
  }
}
