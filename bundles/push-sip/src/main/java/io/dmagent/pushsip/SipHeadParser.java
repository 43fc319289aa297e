package io.dmagent.pushsip;

import io.dmagent.api.log.WireText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Parses the head of one request (request line and header fields, without the empty line) as RFC
 * 3261 section 7 writes it, within bounds: at most {@link #MAX_FIELDS} fields, no NUL, lines ended
 * by CRLF only. The head's bytes are read as ISO-8859-1 so every byte is one character and nothing
 * fails to decode; only ASCII matters to the binding.
 */
final class SipHeadParser {
  static final int MAX_FIELDS = 100;

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9.!%*_+`'~-]+");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

  private SipHeadParser() {}

  static SipHead parse(byte[] bytes, int offset, int length) throws SipFormatException {
    String head = new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\r\n", -1);
    SipHeaders headers = fields(lines);
    String[] start = lines[0].split(" ", -1);
    if (start.length != 3
        || !TOKEN.matcher(start[0]).matches()
        || start[1].isEmpty()
        || !start[2].equalsIgnoreCase("SIP/2.0")) {
      throw new SipFormatException(
          "not a SIP/2.0 request line: " + WireText.quote(lines[0]), headers);
    }
    String method = start[0].toUpperCase(Locale.ROOT);
    checkCSeq(method, headers);
    return new SipHead(method, start[1], headers);
  }

  private static SipHeaders fields(String[] lines) throws SipFormatException {
    SipHeaders headers = new SipHeaders();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
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
      if (!TOKEN.matcher(name).matches()) {
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
    String[] parts = cseq.trim().split("[ \t]+");
    if (parts.length != 2
        || !DIGITS.matcher(parts[0]).matches()
        || !parts[1].equalsIgnoreCase(method)) {
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
      if (!DIGITS.matcher(value.trim()).matches() || !value.trim().equals(first)) {
        throw new SipFormatException(
            "Content-Length " + WireText.quote(value) + " is not the body's length", headers);
      }
    }
    return OptionalInt.of(Integer.parseInt(first));
  }
}
