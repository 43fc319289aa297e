package io.dmagent.api.tree;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The value of a node's ACL property, e.g. {@code Add=srv1&Get=*&Replace=srv1+srv2}. Immutable. An
 * empty ACL means "inherit from the nearest ancestor that has one"; commands left without server
 * identifiers are dropped, and a wildcard makes the other identifiers of its command redundant.
 */
public final class Acl {
  public static final String WILDCARD = "*";
  public static final Acl EMPTY = new Acl(new EnumMap<>(AclRight.class));

  private final Map<AclRight, Set<String>> entries;

  private Acl(EnumMap<AclRight, Set<String>> entries) {
    this.entries = Collections.unmodifiableMap(entries);
  }

  /**
   * Parses the ACL grammar of TND 1.3.
   *
   * @throws DmException 400 for a malformed ACL (unknown command, empty identifier, white space)
   */
  public static Acl parse(String text) throws DmException {
    if (text == null || text.isEmpty()) {
      return EMPTY;
    }
    EnumMap<AclRight, Set<String>> map = new EnumMap<>(AclRight.class);
    for (String entry : text.split("&", -1)) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new DmException(StatusCode.BAD_REQUEST, "malformed ACL entry '" + entry + "'");
      }
      AclRight right =
          AclRight.fromWireName(entry.substring(0, eq))
              .orElseThrow(
                  () ->
                      new DmException(
                          StatusCode.BAD_REQUEST, "unknown ACL command in '" + entry + "'"));
      Set<String> ids = map.computeIfAbsent(right, r -> new LinkedHashSet<>());
      for (String id : entry.substring(eq + 1).split("\\+", -1)) {
        ids.add(checkServerId(id));
      }
    }
    return normalized(map);
  }

  private static String checkServerId(String id) throws DmException {
    if (id.isEmpty()) {
      throw new DmException(StatusCode.BAD_REQUEST, "empty server identifier in ACL");
    }
    if (id.equals(WILDCARD)) {
      return id;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c == '=' || c == '&' || c == '*' || c == '+' || Character.isWhitespace(c) || c < 0x20) {
        throw new DmException(StatusCode.BAD_REQUEST, "illegal character in ACL server identifier");
      }
    }
    return id;
  }

  private static Acl normalized(EnumMap<AclRight, Set<String>> map) {
    EnumMap<AclRight, Set<String>> out = new EnumMap<>(AclRight.class);
    map.forEach(
        (right, ids) -> {
          if (ids.contains(WILDCARD)) {
            out.put(right, Set.of(WILDCARD));
          } else if (!ids.isEmpty()) {
            out.put(right, Collections.unmodifiableSet(new LinkedHashSet<>(ids)));
          }
        });
    return out.isEmpty() ? EMPTY : new Acl(out);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Whether {@code serverId} holds {@code right}, directly or through the wildcard. */
  public boolean allows(AclRight right, String serverId) {
    Set<String> ids = entries.get(right);
    return ids != null && (ids.contains(WILDCARD) || ids.contains(serverId));
  }

  /** Server identifiers granted {@code right}, possibly just the wildcard. */
  public Set<String> serverIds(AclRight right) {
    return entries.getOrDefault(right, Set.of());
  }

  public Acl grant(AclRight right, String serverId) {
    EnumMap<AclRight, Set<String>> map = copy();
    map.computeIfAbsent(right, r -> new LinkedHashSet<>()).add(serverId);
    return normalized(map);
  }

  /** The ACL without {@code serverId} anywhere; commands left without identifiers disappear. */
  public Acl without(String serverId) {
    EnumMap<AclRight, Set<String>> map = copy();
    map.values().forEach(ids -> ids.remove(serverId));
    return normalized(map);
  }

  private EnumMap<AclRight, Set<String>> copy() {
    EnumMap<AclRight, Set<String>> map = new EnumMap<>(AclRight.class);
    entries.forEach((r, ids) -> map.put(r, new LinkedHashSet<>(ids)));
    return map;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Acl && ((Acl) o).entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return Objects.hash(entries);
  }

  /** The canonical text: commands in Add, Delete, Exec, Get, Replace order. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    entries.forEach(
        (right, ids) -> {
          if (b.length() > 0) {
            b.append('&');
          }
          b.append(right.wireName()).append('=').append(String.join("+", ids));
        });
    return b.toString();
  }
}
