package io.dmagent.sessionless;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.DmTree;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.Principal;
import java.util.Optional;
import java.util.function.Supplier;

/** This device's DevId, read from {@code ./DevInfo/DevId} when asked (it may be set later). */
final class DevId {
  private static final NodeUri NODE = NodeUri.of("./DevInfo/DevId");

  private DevId() {}

  static Supplier<Optional<String>> of(DmTree tree) {
    return () -> {
      try {
        return tree.operations(Principal.device()).get(NODE).value().map(v -> v.text());
      } catch (DmException e) {
        return Optional.empty();
      }
    };
  }
}
