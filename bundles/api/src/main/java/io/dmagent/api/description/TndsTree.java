package io.dmagent.api.description;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A TNDS document ({@code MgmtTree} with RTProperties and Values): a serialized subtree. */
public record TndsTree(
    String verDtd, Optional<String> man, Optional<String> mod, List<TndsNode> nodes) {
  public static final String MIME_XML = "application/vnd.syncml.dmtnds+xml";
  public static final String MIME_WBXML = "application/vnd.syncml.dmtnds+wbxml";

  public TndsTree {
    Objects.requireNonNull(verDtd);
    Objects.requireNonNull(man);
    Objects.requireNonNull(mod);
    nodes = List.copyOf(nodes);
  }
}
