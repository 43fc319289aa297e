package io.dmagent.api.description;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A DDF document ({@code MgmtTree} with DFProperties): VerDTD, Man, Mod and the top-level node
 * descriptions.
 */
public record MgmtTreeDescription(
    String verDtd, Optional<String> man, Optional<String> mod, List<NodeDescription> nodes) {
  public MgmtTreeDescription {
    Objects.requireNonNull(verDtd);
    Objects.requireNonNull(man);
    Objects.requireNonNull(mod);
    nodes = List.copyOf(nodes);
  }
}
