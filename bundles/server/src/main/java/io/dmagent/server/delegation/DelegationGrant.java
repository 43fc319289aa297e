package io.dmagent.server.delegation;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What one DM server tells another when it delegates its authority on a device: {@code delegator}
 * hands {@code delegate} its rights on {@code devId} (full, or on the subtrees), until {@code
 * expires} if given; {@code action=revoke} ends it. One {@code key=value} a line, the same keys as
 * the device's delegation document plus {@code action}, {@code delegator} and {@code devId}. Our
 * interpretation: the DM 1.3 server-to-server schema is not public (docs/CONFORMANCE.md).
 */
public record DelegationGrant(
    Action action,
    String id,
    String delegator,
    String delegate,
    String devId,
    boolean full,
    List<String> subtrees,
    Optional<Instant> expires) {

  /** Grant a delegation, or end one. */
  public enum Action {
    GRANT,
    REVOKE
  }

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern TEXT = Pattern.compile("[^\\s\\p{Cntrl}=&*+]{1,256}");
  private static final int MAX_CHARS = 8192;

  public DelegationGrant {
    subtrees = List.copyOf(subtrees);
  }

  public static DelegationGrant partial(
      String id,
      String delegator,
      String delegate,
      String devId,
      List<String> subtrees,
      Optional<Instant> expires) {
    return new DelegationGrant(
        Action.GRANT, id, delegator, delegate, devId, false, subtrees, expires);
  }

  public static DelegationGrant full(
      String id, String delegator, String delegate, String devId, Optional<Instant> expires) {
    return new DelegationGrant(
        Action.GRANT, id, delegator, delegate, devId, true, List.of(), expires);
  }

  /** The revocation of this delegation. */
  public DelegationGrant revocation() {
    return new DelegationGrant(
        Action.REVOKE, id, delegator, delegate, devId, full, subtrees, Optional.empty());
  }

  /** Whether the delegation is in force at {@code now}. */
  public boolean inForceAt(Instant now) {
    return action == Action.GRANT && expires.map(now::isBefore).orElse(true);
  }

  /** The canonical text, which the signature covers. */
  public String format() {
    StringBuilder b = new StringBuilder();
    line(b, "action", action.name().toLowerCase(Locale.ROOT));
    line(b, "id", id);
    line(b, "delegator", delegator);
    line(b, "delegate", delegate);
    line(b, "devId", devId);
    line(b, "mode", full ? "full" : "partial");
    subtrees.forEach(s -> line(b, "subtree", s));
    expires.ifPresent(e -> line(b, "expires", e.toString()));
    return b.toString();
  }

  /**
   * The document the device applies (an Exec on ./Vendor/DMAgent/Authority/Delegate), with the
   * delegate's address.
   */
  public String deviceDocument(URI delegateAddress) {
    StringBuilder b = new StringBuilder();
    line(b, "id", id);
    line(b, "delegate", delegate);
    line(b, "mode", full ? "full" : "partial");
    subtrees.forEach(s -> line(b, "subtree", s));
    expires.ifPresent(e -> line(b, "expires", e.toString()));
    line(b, "address", delegateAddress.toString());
    return b.toString();
  }

  /** Parses the canonical text; IllegalArgumentException naming what is wrong. */
  public static DelegationGrant parse(String text) {
    if (text.length() > MAX_CHARS) {
      throw new IllegalArgumentException("longer than " + MAX_CHARS + " characters");
    }
    Map<String, String> single = new LinkedHashMap<>();
    List<String> subtrees = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("a line without key=value");
      }
      String key = line.substring(0, eq);
      String value = line.substring(eq + 1);
      if (key.equals("subtree")) {
        subtrees.add(checked(value, "subtree"));
      } else if (single.put(key, value) != null) {
        throw new IllegalArgumentException("a key given twice");
      }
    }
    Action action =
        switch (single.getOrDefault("action", "")) {
          case "grant" -> Action.GRANT;
          case "revoke" -> Action.REVOKE;
          default -> throw new IllegalArgumentException("no action grant or revoke");
        };
    String id = single.getOrDefault("id", "");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("a bad id");
    }
    boolean full =
        switch (single.getOrDefault("mode", "")) {
          case "full" -> true;
          case "partial" -> false;
          default -> throw new IllegalArgumentException("no mode full or partial");
        };
    if (full == !subtrees.isEmpty()) {
      throw new IllegalArgumentException("subtrees that do not fit the mode");
    }
    Optional<Instant> expires;
    try {
      expires = Optional.ofNullable(single.get("expires")).map(Instant::parse);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("expires is not an ISO 8601 instant");
    }
    return new DelegationGrant(
        action,
        id,
        checked(single.get("delegator"), "delegator"),
        checked(single.get("delegate"), "delegate"),
        checked(single.get("devId"), "devId"),
        full,
        subtrees,
        expires);
  }

  private static String checked(String value, String key) {
    if (value == null || !TEXT.matcher(value).matches()) {
      throw new IllegalArgumentException("no usable " + key);
    }
    return value;
  }

  private static void line(StringBuilder b, String key, String value) {
    b.append(key).append('=').append(value).append('\n');
  }
}
