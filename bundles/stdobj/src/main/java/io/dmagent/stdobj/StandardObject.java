package io.dmagent.stdobj;

import io.dmagent.api.mo.DdfResource;
import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import java.util.List;
import java.util.Optional;

/**
 * What the standard objects share: a fixed root, a DDF shipped in this bundle, and leaves answered
 * live.
 */
abstract class StandardObject implements ManagementObject {
  private final NodeUri root;
  private final byte[] ddf;
  private final LiveLeaves leaves;

  StandardObject(NodeUri root, String ddfResource, LiveLeaves leaves) {
    this.root = root;
    this.ddf = DdfResource.load(StandardObject.class, ddfResource);
    this.leaves = leaves;
  }

  @Override
  public final NodeUri root() {
    return root;
  }

  @Override
  public final byte[] ddf() {
    return ddf.clone();
  }

  @Override
  public final Optional<NodeValue> readLive(NodeUri uri) {
    return leaves.read(uri);
  }

  /** The leaves this MO answers live. */
  final List<NodeUri> liveLeaves() {
    return leaves.uris();
  }
}
