package io.dmagent.codec.description;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeProperty;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The RTProperties of one TNDS Node: Format as a {@link NodeFormat}, the others as text. Type is
 * the text of its MIME or DDFName child (empty when it has none). Names and numbers are trimmed;
 * Title is kept as written.
 */
final class RtProperties {
  private final Map<NodeProperty, String> properties = new EnumMap<>(NodeProperty.class);
  private NodeFormat format;

  /** A node without RTProperties, as real TNDS documents often have. */
  static RtProperties none() {
    return new RtProperties();
  }

  /** Reads {@code <RTProperties>}, positioned at its start. */
  static RtProperties read(ElementCursor cursor) throws DmException {
    RtProperties p = new RtProperties();
    for (DdfTag t = cursor.nextChild(); t != null; t = cursor.nextChild()) {
      p.readChild(cursor, t);
    }
    return p;
  }

  private void readChild(ElementCursor c, DdfTag t) throws DmException {
    switch (t) {
      case FORMAT -> {
        c.once(format, t);
        format = Vocabulary.format(c);
      }
      case ACL -> put(c, t, NodeProperty.ACL, c.trimmedText());
      case NAME -> put(c, t, NodeProperty.NAME, c.trimmedText());
      case SIZE -> put(c, t, NodeProperty.SIZE, c.trimmedText());
      case TITLE -> put(c, t, NodeProperty.TITLE, c.text());
      case TSTAMP -> put(c, t, NodeProperty.TSTAMP, c.trimmedText());
      case TYPE -> put(c, t, NodeProperty.TYPE, type(c));
      case VER_NO -> put(c, t, NodeProperty.VERNO, c.trimmedText());
      default -> throw c.unexpected(t);
    }
  }

  private void put(ElementCursor c, DdfTag t, NodeProperty p, String value) throws DmException {
    c.once(properties.get(p), t);
    properties.put(p, value);
  }

  private static String type(ElementCursor c) throws DmException {
    DdfTag t = c.nextChild();
    if (t == null) {
      return "";
    }
    if (t != DdfTag.MIME && t != DdfTag.DDF_NAME) {
      throw c.unexpected(t);
    }
    String type = c.trimmedText();
    c.endOfOnlyChild();
    return type;
  }

  Optional<NodeFormat> format() {
    return Optional.ofNullable(format);
  }

  Map<NodeProperty, String> properties() {
    return properties;
  }
}
