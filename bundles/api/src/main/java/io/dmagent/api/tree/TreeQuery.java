package io.dmagent.api.tree;

import java.util.Objects;
import java.util.Optional;

/**
 * A command target as a server writes it: a node URI, optionally followed by {@code ?prop=Name},
 * {@code ?list=Struct|StructData|TNDS[+P|-P]...} (TND 1.3) or {@code ?moid=<MO identifier>}, the
 * agent's query for every location of an MO at or below the node (DM-HLF-012; our interpretation,
 * see docs/CONFORMANCE.md).
 */
public record TreeQuery(
    NodeUri uri,
    Kind kind,
    Optional<NodeProperty> property,
    Optional<TndsSelection> tnds,
    Optional<String> moId) {

  /** What the target asks for. */
  public enum Kind {
    NODE,
    PROPERTY,
    STRUCT,
    STRUCT_DATA,
    TNDS,
    MO_LOCATIONS
  }

  public TreeQuery {
    Objects.requireNonNull(uri);
    Objects.requireNonNull(kind);
    Objects.requireNonNull(property);
    Objects.requireNonNull(tnds);
    Objects.requireNonNull(moId);
  }

  public static TreeQuery node(NodeUri uri) {
    return new TreeQuery(uri, Kind.NODE, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Parses a target.
   *
   * @throws DmException 400 for a malformed URI, 406 for an unknown property, list attribute or
   *     query
   */
  public static TreeQuery parse(String target) throws DmException {
    if (target == null) {
      throw new DmException(StatusCode.BAD_REQUEST, "no target URI");
    }
    int q = target.indexOf('?');
    if (q < 0) {
      return node(NodeUri.parse(target));
    }
    NodeUri uri = NodeUri.parse(target.substring(0, q));
    String query = target.substring(q + 1);
    if (query.startsWith("prop=")) {
      String name = query.substring(5);
      NodeProperty p =
          NodeProperty.fromWireName(name)
              .orElseThrow(
                  () ->
                      new DmException(
                          StatusCode.OPTIONAL_FEATURE_NOT_SUPPORTED, "unknown property " + name));
      return new TreeQuery(uri, Kind.PROPERTY, Optional.of(p), Optional.empty(), Optional.empty());
    }
    if (query.startsWith("moid=") && query.length() > 5) {
      return new TreeQuery(
          uri,
          Kind.MO_LOCATIONS,
          Optional.empty(),
          Optional.empty(),
          Optional.of(query.substring(5)));
    }
    if (query.startsWith("list=")) {
      String list = query.substring(5);
      switch (list) {
        case "Struct":
          return new TreeQuery(
              uri, Kind.STRUCT, Optional.empty(), Optional.empty(), Optional.empty());
        case "StructData":
          return new TreeQuery(
              uri, Kind.STRUCT_DATA, Optional.empty(), Optional.empty(), Optional.empty());
        default:
          return new TreeQuery(
              uri,
              Kind.TNDS,
              Optional.empty(),
              Optional.of(TndsSelection.parse(list)),
              Optional.empty());
      }
    }
    throw new DmException(
        StatusCode.OPTIONAL_FEATURE_NOT_SUPPORTED, "unsupported query in target " + uri + "?...");
  }
}
