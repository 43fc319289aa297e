package io.dmagent.codec.description;

import io.dmagent.api.description.AccessType;
import io.dmagent.api.description.Scope;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import java.util.Optional;

/** Maps the API's enums to their DDF elements and reads the format choice both kinds share. */
final class Vocabulary {
  private Vocabulary() {}

  static DdfTag tag(AccessType a) {
    return switch (a) {
      case ADD -> DdfTag.ADD;
      case COPY -> DdfTag.COPY;
      case DELETE -> DdfTag.DELETE;
      case EXEC -> DdfTag.EXEC;
      case GET -> DdfTag.GET;
      case REPLACE -> DdfTag.REPLACE;
    };
  }

  static Optional<AccessType> accessType(DdfTag t) {
    for (AccessType a : AccessType.values()) {
      if (tag(a) == t) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  static DdfTag tag(Scope s) {
    return s == Scope.PERMANENT ? DdfTag.PERMANENT : DdfTag.DYNAMIC;
  }

  /**
   * Reads {@code <Format>} or {@code <DFFormat>}, positioned at its start: exactly one empty format
   * element. Anything else, such as an unknown format, is 400.
   */
  static NodeFormat format(ElementCursor cursor) throws DmException {
    DdfTag t = cursor.onlyChild();
    NodeFormat f = t.format().orElseThrow(() -> cursor.unexpected(t));
    cursor.requireEmpty();
    cursor.endOfOnlyChild();
    return f;
  }
}
