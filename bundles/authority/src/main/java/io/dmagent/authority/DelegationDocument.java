package io.dmagent.authority;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.StatusCode;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A delegation of authority as a delegating server sends it to the device (the data of an Exec on
 * {@code ./Vendor/DMAgent/Authority/Delegate}), one {@code key=value} a line. Our interpretation:
 * the DM 1.3 delegation schema is not public (docs/CONFORMANCE.md, "Delegation").
 *
 * <pre>
 * id=d1                          the delegation's name, [A-Za-z0-9._-]{1,64}
 * delegate=srvB                  the ServerID that gains rights
 * mode=partial                   full (every right of the delegator) or partial (subtrees)
 * subtree=./Vendor/ACME          partial only, one line per subtree
 * expires=2026-03-01T12:00:00Z   optional: a temporary delegation ends by itself then
 * address=https://b.example/dm   the delegate's DM address, for its DMAcc account
 * name=Server B                  optional: the account's Name
 * authType=DIGEST                optional, with authName and authSecret: the client's credentials
 * </pre>
 *
 * The secret is never part of {@link #toString()}.
 */
public record DelegationDocument(
    String id,
    String delegate,
    Mode mode,
    List<NodeUri> subtrees,
    Optional<Instant> expires,
    Optional<URI> address,
    Optional<String> name,
    Optional<String> authType,
    String authName,
    String authSecret) {

  /** How much of the delegator's authority passes on. */
  public enum Mode {
    FULL,
    PARTIAL
  }

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** What the ACL grammar allows in a server identifier (TND 1.3), bounded. */
  private static final Pattern SERVER_ID = Pattern.compile("[^=&*+\\s\\p{Cntrl}]{1,128}");

  private static final int MAX_BYTES = 8192;

  public DelegationDocument {
    subtrees = List.copyOf(subtrees);
  }

  /** Parses and checks a document; 400 with one line saying what is wrong. */
  public static DelegationDocument parse(String text) throws DmException {
    if (text == null || text.isBlank()) {
      throw bad("an empty delegation document");
    }
    if (text.length() > MAX_BYTES) {
      throw bad("a delegation document longer than " + MAX_BYTES + " characters");
    }
    Map<String, String> single = new LinkedHashMap<>();
    List<NodeUri> subtrees = new ArrayList<>();
    for (String raw : text.split("\r?\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw bad("a line without key=value in the delegation document");
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (key.equals("subtree")) {
        subtrees.add(uri(value));
      } else if (single.put(key, value) != null) {
        throw bad("'" + key + "' given twice in the delegation document");
      }
    }
    String id = required(single, "id");
    if (!ID.matcher(id).matches()) {
      throw bad("a delegation id outside [A-Za-z0-9._-]{1,64}");
    }
    String delegate = required(single, "delegate");
    if (!SERVER_ID.matcher(delegate).matches()) {
      throw bad("a delegate that is not a ServerID an ACL can name");
    }
    Mode mode = mode(required(single, "mode"));
    if (mode == Mode.PARTIAL && subtrees.isEmpty()) {
      throw bad("a partial delegation without a subtree");
    }
    if (mode == Mode.FULL && !subtrees.isEmpty()) {
      throw bad("a full delegation naming subtrees");
    }
    Optional<String> authType = optional(single, "authType");
    String authName = single.getOrDefault("authName", "");
    String authSecret = single.getOrDefault("authSecret", "");
    if (authType.isEmpty() && !(authName.isEmpty() && authSecret.isEmpty())) {
      throw bad("credentials without authType");
    }
    for (String key : single.keySet()) {
      if (!List.of(
              "id",
              "delegate",
              "mode",
              "expires",
              "address",
              "name",
              "authType",
              "authName",
              "authSecret")
          .contains(key)) {
        throw bad("an unknown key '" + safe(key) + "' in the delegation document");
      }
    }
    try {
      return new DelegationDocument(
          id,
          delegate,
          mode,
          subtrees,
          optional(single, "expires").map(DelegationDocument::instant),
          optional(single, "address").map(DelegationDocument::address),
          optional(single, "name"),
          authType,
          authName,
          authSecret);
    } catch (IllegalArgumentException e) {
      throw bad("a delegation document whose " + e.getMessage());
    }
  }

  /** The document as {@link #parse} reads it (the secret included: it travels to the device). */
  public String format() {
    StringBuilder b = new StringBuilder();
    line(b, "id", id);
    line(b, "delegate", delegate);
    line(b, "mode", mode.name().toLowerCase(java.util.Locale.ROOT));
    subtrees.forEach(s -> line(b, "subtree", s.toString()));
    expires.ifPresent(e -> line(b, "expires", e.toString()));
    address.ifPresent(a -> line(b, "address", a.toString()));
    name.ifPresent(n -> line(b, "name", n));
    authType.ifPresent(
        t -> {
          line(b, "authType", t);
          line(b, "authName", authName);
          line(b, "authSecret", authSecret);
        });
    return b.toString();
  }

  private static void line(StringBuilder b, String key, String value) {
    b.append(key).append('=').append(value).append('\n');
  }

  private static String required(Map<String, String> m, String key) throws DmException {
    String v = m.get(key);
    if (v == null || v.isEmpty()) {
      throw bad("no '" + key + "' in the delegation document");
    }
    return v;
  }

  private static Optional<String> optional(Map<String, String> m, String key) {
    return Optional.ofNullable(m.get(key)).filter(v -> !v.isEmpty());
  }

  private static Mode mode(String text) throws DmException {
    return switch (text) {
      case "full" -> Mode.FULL;
      case "partial" -> Mode.PARTIAL;
      default -> throw bad("a mode other than full or partial");
    };
  }

  private static NodeUri uri(String text) throws DmException {
    if (text.isEmpty() || !text.startsWith(".")) {
      throw bad("a subtree that is not an absolute node URI");
    }
    return NodeUri.parse(text);
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("expires is not an ISO 8601 instant", e);
    }
  }

  private static URI address(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("address is not a URL", e);
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException("address is not an absolute URL");
    }
    return uri;
  }

  private static String safe(String key) {
    return key.length() > 32 ? key.substring(0, 32) + "..." : key;
  }

  static DmException bad(String what) {
    return new DmException(StatusCode.BAD_REQUEST, "refused " + what);
  }

  @Override
  public String toString() {
    return "Delegation["
        + id
        + " to "
        + delegate
        + ", "
        + mode
        + ", "
        + subtrees
        + ", "
        + expires
        + "]";
  }
}
