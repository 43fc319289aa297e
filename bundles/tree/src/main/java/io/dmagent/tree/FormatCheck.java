package io.dmagent.tree;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.StatusCode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Checks a leaf value against its Format (TND 1.3: b64, bin, bool, chr, int, null, xml, date, time,
 * float) and turns b64 into bin, as the tree stores binary data decoded. A value that does not
 * match its Format is refused with 415 before anything is stored.
 */
final class FormatCheck {
  private static final Pattern INT = Pattern.compile("[+-]?\\d{1,10}");
  private static final Pattern FLOAT =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|[+-]?INF|NaN");
  // ISO 8601 with the century (TND): calendar (complete or reduced), ordinal and week dates, each
  // wholly in the extended or wholly in the basic form; YYYYMM is not ISO 8601 and is refused.
  private static final String MONTH = "(0[1-9]|1[0-2])";
  private static final String DAY = "(0[1-9]|[12]\\d|3[01])";
  private static final String ORDINAL = "(00[1-9]|0[1-9]\\d|[12]\\d\\d|3[0-5]\\d|36[0-6])";
  private static final String WEEK = "W(0[1-9]|[1-4]\\d|5[0-3])";
  private static final Pattern DATE =
      Pattern.compile(
          "\\d{4}(-"
              + MONTH
              + "(-"
              + DAY
              + ")?|-"
              + ORDINAL
              + "|-"
              + WEEK
              + "(-[1-7])?)?|\\d{4}("
              + MONTH
              + DAY
              + "|"
              + ORDINAL
              + "|"
              + WEEK
              + "[1-7]?)");
  private static final Pattern COMPLETE_CALENDAR_DATE =
      Pattern.compile("(\\d{4})-?(\\d{2})-?(\\d{2})");
  // ISO 8601 local time, reduced precision allowed, a decimal fraction on the last part, and an
  // optional offset in the same form (extended or basic) as the time.
  private static final String HOUR = "([01]\\d|2[0-3])";
  private static final String MINUTE = "[0-5]\\d";
  private static final Pattern TIME =
      Pattern.compile(
          HOUR
              + "(:"
              + MINUTE
              + "(:"
              + MINUTE
              + ")?)?([.,]\\d+)?(Z|[+-]"
              + HOUR
              + "(:"
              + MINUTE
              + ")?)?|"
              + HOUR
              + "("
              + MINUTE
              + "("
              + MINUTE
              + ")?)?([.,]\\d+)?(Z|[+-]"
              + HOUR
              + "("
              + MINUTE
              + ")?)?");

  private FormatCheck() {}

  /** The value as the tree stores it; b64 decoded to bin. */
  static NodeValue normalized(NodeValue v) throws DmException {
    byte[] data = v.data();
    switch (v.format()) {
      case B64 -> {
        try {
          return NodeValue.of(Base64.getMimeDecoder().decode(data), NodeFormat.BIN, v.type());
        } catch (IllegalArgumentException e) {
          throw refused(v, "is not valid Base64");
        }
      }
      case BIN -> {
        return v;
      }
      case NULL -> {
        if (data.length != 0) {
          throw refused(v, "must be empty");
        }
        return v;
      }
      case NODE ->
          throw new DmException(
              StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT, "Format node is for interior nodes");
      default -> {
        String text = utf8(v);
        if (!matches(v.format(), text)) {
          throw refused(v, "is not a valid " + v.format());
        }
        return v;
      }
    }
  }

  private static boolean matches(NodeFormat format, String text) {
    return switch (format) {
      case BOOL -> text.equals("true") || text.equals("false");
      case INT -> INT.matcher(text).matches() && fitsInt(text);
      case FLOAT -> FLOAT.matcher(text).matches();
      case DATE -> DATE.matcher(text).matches() && existingDay(text);
      case TIME -> TIME.matcher(text).matches();
      default -> true; // chr and xml: any well-formed UTF-8
    };
  }

  /** A complete calendar date must name a day that exists (no 30 February). */
  private static boolean existingDay(String text) {
    java.util.regex.Matcher m = COMPLETE_CALENDAR_DATE.matcher(text);
    if (!m.matches()) {
      return true;
    }
    try {
      java.time.LocalDate.of(
          Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
      return true;
    } catch (java.time.DateTimeException e) {
      return false;
    }
  }

  private static boolean fitsInt(String text) {
    try {
      Integer.parseInt(text.startsWith("+") ? text.substring(1) : text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String utf8(NodeValue v) throws DmException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(v.data()))
          .toString();
    } catch (CharacterCodingException e) {
      throw refused(v, "is not valid UTF-8");
    }
  }

  private static DmException refused(NodeValue v, String why) {
    // The value itself stays out of the message: it may be a secret.
    return new DmException(
        StatusCode.UNSUPPORTED_MEDIA_TYPE_OR_FORMAT, "value of Format " + v.format() + " " + why);
  }
}
