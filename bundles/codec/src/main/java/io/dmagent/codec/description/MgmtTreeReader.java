package io.dmagent.codec.description;

import io.dmagent.api.tree.DmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code MgmtTree} frame shared by DDF and TNDS: VerDTD, Man, Mod and the top-level Nodes,
 * which a {@link NodeReader} reads as descriptions or as run-time nodes.
 */
final class MgmtTreeReader {
  private MgmtTreeReader() {}

  /** Reads one {@code Node} element, positioned at its start, to its end. */
  interface NodeReader<N> {
    N read(ElementCursor cursor) throws DmException;
  }

  record Document<N>(String verDtd, Optional<String> man, Optional<String> mod, List<N> nodes) {}

  /**
   * VerDTD is required (its value is not checked: 1.1 to 1.3 documents share the vocabulary). The
   * DTD's {@code Node+} is relaxed to {@code Node*} so that an empty export reads back.
   */
  static <N> Document<N> read(ElementCursor cursor, NodeReader<N> nodeReader) throws DmException {
    cursor.enterRoot(DdfTag.MGMT_TREE);
    String verDtd = null;
    String man = null;
    String mod = null;
    List<N> nodes = new ArrayList<>();
    for (DdfTag t = cursor.nextChild(); t != null; t = cursor.nextChild()) {
      switch (t) {
        case VER_DTD -> {
          cursor.once(verDtd, t);
          verDtd = cursor.trimmedText();
        }
        case MAN -> {
          cursor.once(man, t);
          man = cursor.trimmedText();
        }
        case MOD -> {
          cursor.once(mod, t);
          mod = cursor.trimmedText();
        }
        case NODE -> nodes.add(nodeReader.read(cursor));
        default -> throw cursor.unexpected(t);
      }
    }
    cursor.requireEndOfDocument();
    if (verDtd == null) {
      throw Refusals.malformed("MgmtTree without VerDTD");
    }
    return new Document<>(verDtd, Optional.ofNullable(man), Optional.ofNullable(mod), nodes);
  }
}
