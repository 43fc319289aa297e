package io.dmagent.pushsip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The header fields of one request in their order, names in lower case with RFC 3261's compact
 * forms (and RFC 6665's {@code o}) expanded, so {@code v:} and {@code Via:} are one header.
 */
final class SipHeaders {
  static final String VIA = "via";
  static final String FROM = "from";
  static final String TO = "to";
  static final String CALL_ID = "call-id";
  static final String CSEQ = "cseq";
  static final String CONTENT_LENGTH = "content-length";
  static final String CONTENT_TYPE = "content-type";
  static final String EVENT = "event";

  private static final Map<String, String> COMPACT =
      Map.of(
          "v", VIA,
          "f", FROM,
          "t", TO,
          "i", CALL_ID,
          "l", CONTENT_LENGTH,
          "c", CONTENT_TYPE,
          "o", EVENT,
          "m", "contact",
          "e", "content-encoding",
          "k", "supported");

  private record Field(String name, String value) {}

  private final List<Field> fields = new ArrayList<>();

  void add(String name, String value) {
    String lower = name.toLowerCase(Locale.ROOT);
    fields.add(new Field(COMPACT.getOrDefault(lower, lower), value));
  }

  /** Appends a folded continuation line to the last field (RFC 3261 7.3.1). */
  boolean continueLast(String more) {
    if (fields.isEmpty()) {
      return false;
    }
    Field last = fields.remove(fields.size() - 1);
    fields.add(new Field(last.name, last.value + " " + more));
    return true;
  }

  int size() {
    return fields.size();
  }

  Optional<String> first(String name) {
    for (Field f : fields) {
      if (f.name.equals(name)) {
        return Optional.of(f.value);
      }
    }
    return Optional.empty();
  }

  List<String> all(String name) {
    return fields.stream().filter(f -> f.name.equals(name)).map(Field::value).toList();
  }

  /** True when a response can be formed: Via, From, To, Call-ID and CSeq are all present. */
  boolean answerable() {
    return first(VIA).isPresent()
        && first(FROM).isPresent()
        && first(TO).isPresent()
        && first(CALL_ID).isPresent()
        && first(CSEQ).isPresent();
  }
}
