package io.dmagent.shell;

import io.dmagent.api.description.AccessType;
import io.dmagent.api.description.NodeDescription;
import io.dmagent.api.tree.NodeUri;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which leaves the shell never shows: those whose DDF description lacks the Get access type, such
 * as {@code ./DMAcc/<x>/AppAuth/<x>/AAuthSecret}. No server may read them back, and the console
 * (which runs as the device and is not restricted by ACLs) does not print them either. A node no
 * DDF describes is not secret.
 */
final class Secrets implements Predicate<NodeUri> {
  static final String MASK = "********";

  private final Function<NodeUri, Optional<NodeDescription>> describe;

  Secrets(Function<NodeUri, Optional<NodeDescription>> describe) {
    this.describe = describe;
  }

  /** True when the value of the leaf at {@code uri} must not be shown. */
  @Override
  public boolean test(NodeUri uri) {
    return describe.apply(uri).map(d -> !d.accessTypes().contains(AccessType.GET)).orElse(false);
  }
}
