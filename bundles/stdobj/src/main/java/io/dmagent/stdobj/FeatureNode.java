package io.dmagent.stdobj;

import io.dmagent.api.mo.DdfResource;
import io.dmagent.api.mo.ManagementObject;
import io.dmagent.api.mo.OptionalFeature;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One optional feature's node, {@code ./DevDetail/Ext/DMAgent/Features/<name>} with a {@code
 * Description} leaf, as a management object of its own: grafted while the feature's service is
 * registered, so the tree hides the node the moment the service goes (DM-HLF-009). Servers may only
 * Get it.
 */
final class FeatureNode implements ManagementObject {
  static final NodeUri FEATURES = NodeUri.of("./DevDetail/Ext/DMAgent/Features");

  /** A feature name is a node name a server can type: letters, digits, '.', '_', '-'. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private static final String TEMPLATE_NAME = "FEATURE_NAME";

  private final OptionalFeature feature;
  private final NodeUri root;
  private final NodeUri description;
  private final byte[] ddf;

  /**
   * @throws IllegalArgumentException when the feature's name is no node name
   */
  FeatureNode(OptionalFeature feature) {
    String name = feature.name();
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a node name");
    }
    this.feature = feature;
    // Safe: the name matched a pattern of valid segments.
    this.root = NodeUri.of(FEATURES + "/" + name);
    this.description = NodeUri.of(root + "/Description");
    // The name is checked above, so it cannot break out of the XML it is put into.
    this.ddf =
        new String(DdfResource.load(FeatureNode.class, "feature.ddf"), StandardCharsets.UTF_8)
            .replace(TEMPLATE_NAME, name)
            .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public NodeUri root() {
    return root;
  }

  @Override
  public byte[] ddf() {
    return ddf.clone();
  }

  @Override
  public Optional<NodeValue> readLive(NodeUri uri) {
    if (!uri.equals(description)) {
      return Optional.empty();
    }
    String text = feature.description();
    return Optional.of(NodeValue.text(text == null ? "" : text));
  }
}
