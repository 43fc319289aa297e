package io.dmagent.bootstrap;

import java.util.List;
import java.util.Optional;

/**
 * What one bootstrap message asks for, read from either profile: the writes in message order, the
 * header's Source (DM profile only: it must be an address of an account in the same message), and
 * whether the message asks for a session at once (CP {@code INIT}).
 */
record BootstrapPlan(List<NodeWrite> writes, Optional<String> source, boolean init) {
  BootstrapPlan {
    writes = List.copyOf(writes);
  }
}
