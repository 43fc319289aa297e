package io.dmagent.api.tree;

import java.util.Optional;

/** Run-time node properties, addressed as {@code <uri>?prop=<name>} (TND 1.3). */
public enum NodeProperty {
  ACL("ACL", true),
  FORMAT("Format", false),
  NAME("Name", true),
  SIZE("Size", false),
  TITLE("Title", true),
  TSTAMP("TStamp", false),
  TYPE("Type", false),
  VERNO("VerNo", false);

  private final String wireName;
  private final boolean replaceable;

  NodeProperty(String wireName, boolean replaceable) {
    this.wireName = wireName;
    this.replaceable = replaceable;
  }

  /** The name as written after {@code ?prop=}. */
  public String wireName() {
    return wireName;
  }

  /**
   * Whether a server may Replace this property (ACL, Name, Title); the others are read-only (405).
   */
  public boolean isReplaceable() {
    return replaceable;
  }

  public static Optional<NodeProperty> fromWireName(String name) {
    for (NodeProperty p : values()) {
      if (p.wireName.equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
