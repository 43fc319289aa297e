package io.dmagent.codec.description;

import io.dmagent.api.description.NodeDescription;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a DDF {@code Node} into a {@link NodeDescription}. A missing or empty NodeName is a
 * placeholder (name chosen at run time). RTProperties and Value are read past: the model describes
 * nodes, it holds no instance.
 */
final class DdfReader implements MgmtTreeReader.NodeReader<NodeDescription> {

  @Override
  public NodeDescription read(ElementCursor c) throws DmException {
    String name = null;
    String path = null;
    DfProperties df = null;
    List<NodeDescription> children = new ArrayList<>();
    for (DdfTag t = c.nextChild(); t != null; t = c.nextChild()) {
      switch (t) {
        case NODE_NAME -> {
          c.once(name, t);
          name = c.trimmedText();
        }
        case PATH -> {
          c.once(path, t);
          path = c.trimmedText();
        }
        case DF_PROPERTIES -> {
          c.once(df, t);
          df = DfProperties.read(c);
        }
          // Recursion depth is bounded: every nested Node is one more element level for the guard.
        case NODE -> children.add(read(c));
        case RT_PROPERTIES, VALUE -> c.skip();
        default -> throw c.unexpected(t);
      }
    }
    String named = name == null ? "" : name;
    if (df == null) {
      throw Refusals.malformed("Node '" + named + "' has no DFProperties in " + c.where());
    }
    if (df.format() != NodeFormat.NODE && !children.isEmpty()) {
      throw Refusals.malformed("leaf Node '" + named + "' has child Nodes in " + c.where());
    }
    return df.describe(named, Optional.ofNullable(path), children);
  }
}
