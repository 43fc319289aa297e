package io.dmagent.api.tree;

import java.util.Optional;

/**
 * The commands an ACL grants (TND 1.3 ACL grammar). Copy has no entry: it needs the rights of Get
 * and Add/Replace.
 */
public enum AclRight {
  ADD("Add"),
  DELETE("Delete"),
  EXEC("Exec"),
  GET("Get"),
  REPLACE("Replace");

  private final String wireName;

  AclRight(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<AclRight> fromWireName(String name) {
    for (AclRight r : values()) {
      if (r.wireName.equals(name)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
