package io.dmagent.policy;

import java.util.Optional;
import java.util.Set;

/** What the gateway knows of itself beyond the tree (IOP-01): its location and its networks. */
interface SystemProperties {
  /** As the operator configured it; empty when not known. */
  Optional<String> location();

  /** The kinds of network the gateway is on now: ethernet, wifi, cellular. */
  Set<String> networkTypes();
}
