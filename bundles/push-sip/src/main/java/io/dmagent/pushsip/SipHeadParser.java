package io.dmagent.pushsip;

import io.dmagent.api.log.WireText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Parses the head of one request (request line and header fields, without the empty line) as RFC
 * 3261 section 7 writes it, within bounds: at most {@link #MAX_FIELDS} fields, no NUL, lines ended
 * by CRLF only. The head's bytes are read as ISO-8859-1 so every byte is one character and nothing
 * fails to decode; only ASCII matters to the binding.
 */
final class SipHeadParser {
  static final int MAX_FIELDS = 100;

  /** RFC 3261 25.1's token characters besides letters and digits. */
  private static final String TOKEN_MARKS = ".!%*_+`'~-";

  private SipHeadParser() {}

  static SipHead parse(byte[] bytes, int offset, int length) throws SipFormatException {
    String head = new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    List<String> lines = lines(head);
    SipHeaders headers = fields(lines);
    String[] start = lines.get(0).split(" ", -1);
    if (start.length != 3
        || !isToken(start[0])
        || start[1].isEmpty()
        || !start[2].equalsIgnoreCase("SIP/2.0")) {
      throw new SipFormatException(
          "not a SIP/2.0 request line: " + WireText.quote(lines.get(0)), headers);
    }
    String method = start[0].toUpperCase(Locale.ROOT);
    checkCSeq(method, headers);
    return new SipHead(method, start[1], headers);
  }

  /** The head cut at each CRLF (without a regular expression: this runs for every request). */
  private static List<String> lines(String head) {
    List<String> lines = new ArrayList<>();
    int from = 0;
    for (int at = head.indexOf("\r\n"); at >= 0; at = head.indexOf("\r\n", from)) {
      lines.add(head.substring(from, at));
      from = at + 2;
    }
    lines.add(head.substring(from));
    return lines;
  }

  private static SipHeaders fields(List<String> lines) throws SipFormatException {
    SipHeaders headers = new SipHeaders();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0 || line.indexOf('\0') >= 0) {
        throw new SipFormatException("a bare CR, LF or NUL in the headers", headers);
      }
      if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
        if (!headers.continueLast(line.trim())) {
          throw new SipFormatException("a folded line before any header", headers);
        }
        continue;
      }
      int colon = line.indexOf(':');
      String name = colon < 0 ? "" : line.substring(0, colon).trim();
      if (!isToken(name)) {
        throw new SipFormatException("not a header field: " + WireText.quote(line), headers);
      }
      if (headers.size() == MAX_FIELDS) {
        throw new SipFormatException("more than " + MAX_FIELDS + " header fields", headers);
      }
      headers.add(name, line.substring(colon + 1).trim());
    }
    return headers;
  }

  /** RFC 3261 8.1.1.5: a sequence number below 2^31 and the request's own method. */
  private static void checkCSeq(String method, SipHeaders headers) throws SipFormatException {
    String cseq = headers.first(SipHeaders.CSEQ).orElse("");
    String trimmed = cseq.trim();
    int gap = 0;
    while (gap < trimmed.length() && trimmed.charAt(gap) != ' ' && trimmed.charAt(gap) != '\t') {
      gap++;
    }
    if (!isDigits(trimmed.substring(0, gap))
        || !trimmed.substring(gap).trim().equalsIgnoreCase(method)) {
      throw new SipFormatException(
          "CSeq " + WireText.quote(cseq) + " does not match the " + method + " request", headers);
    }
  }

  /**
   * The declared body length: empty when no Content-Length is given; refused when it is not a
   * decimal length (a sign, a letter, more than nine digits) or when two fields disagree.
   */
  static OptionalInt contentLength(SipHeaders headers) throws SipFormatException {
    List<String> values = headers.all(SipHeaders.CONTENT_LENGTH);
    if (values.isEmpty()) {
      return OptionalInt.empty();
    }
    String first = values.get(0).trim();
    for (String value : values) {
      if (!isDigits(value.trim()) || !value.trim().equals(first)) {
        throw new SipFormatException(
            "Content-Length " + WireText.quote(value) + " is not the body's length", headers);
      }
    }
    return OptionalInt.of(Integer.parseInt(first));
  }

  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean alphanumeric =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alphanumeric && TOKEN_MARKS.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** One to nine decimal digits: a length or sequence number below 10^9, never signed. */
  static boolean isDigits(String s) {
    if (s.isEmpty() || s.length() > 9) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
