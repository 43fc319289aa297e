package io.dmagent.bootstrap;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a CP document in WBXML ({@code application/vnd.wap.connectivity-wbxml}) with bounded reads
 * of our own: every length is checked against the bytes left before anything is allocated, the work
 * is one pass over the input, and anything outside PROV 1.0 (LITERAL, extensions, processing
 * instructions, unknown tokens) is refused. Strings are UTF-8 (charset 106), or ISO-8859-1 (4).
 */
final class CpWbxmlReader {
  private static final int SWITCH_PAGE = 0x00;
  private static final int END = 0x01;
  private static final int ENTITY = 0x02;
  private static final int STR_I = 0x03;
  private static final int STR_T = 0x83;
  private static final int OPAQUE = 0xC3;

  private final byte[] in;
  private final CpBuilder builder = new CpBuilder();
  private int pos;
  private int tagPage;
  private int attrPage;
  private int tableStart;
  private int tableLength;
  private boolean latin1;

  private CpWbxmlReader(byte[] in) {
    this.in = in;
  }

  static CpDocument read(byte[] body) throws Refusal {
    return new CpWbxmlReader(body).document();
  }

  private CpDocument document() throws Refusal {
    next(); // WBXML version: 1.1, 1.2 and 1.3 share this layout.
    int publicId = uint();
    if (publicId == 0) {
      uint();
    } else if (publicId != CpTokens.PUBLIC_ID && publicId != 1) {
      throw Refusal.invalid("WBXML public id " + publicId + " is no PROV 1.0 document");
    }
    int charset = uint();
    if (charset != 106 && charset != 4 && charset != 0) {
      throw Refusal.invalid("WBXML charset " + charset + " is not supported");
    }
    latin1 = charset == 4;
    tableLength = uint();
    need(tableLength);
    tableStart = pos;
    pos += tableLength;
    int tag = tag();
    if ((tag & 0x3F) != CpTokens.TAG_DOC) {
      throw Refusal.invalid("it is no wap-provisioningdoc");
    }
    attributes(tag);
    if ((tag & 0x40) != 0) {
      content();
    }
    return builder.document();
  }

  /** The next tag token, after any page switches. */
  private int tag() throws Refusal {
    int t = next();
    while (t == SWITCH_PAGE) {
      tagPage = next();
      t = next();
    }
    if ((t & 0x3F) < 0x05) {
      throw Refusal.invalid("unsupported WBXML token " + t + " where a tag belongs");
    }
    return t;
  }

  private void content() throws Refusal {
    while (true) {
      int t = peek();
      if (t == END) {
        pos++;
        return;
      }
      if (t == STR_I || t == STR_T || t == ENTITY || t == OPAQUE) {
        string(next()); // character data has no meaning in a provisioning document
        continue;
      }
      element(tag());
    }
  }

  private void element(int tag) throws Refusal {
    int id = tag & 0x3F;
    if (tagPage > 1 || (id != CpTokens.TAG_CHARACTERISTIC && id != CpTokens.TAG_PARM)) {
      throw Refusal.invalid("unknown tag " + id + " on page " + tagPage);
    }
    Map<String, String> attrs = attributes(tag);
    if (id == CpTokens.TAG_CHARACTERISTIC) {
      builder.startCharacteristic(attrs.get("type"));
      if ((tag & 0x40) != 0) {
        content();
      }
      builder.endCharacteristic();
    } else {
      builder.parm(attrs.get("name"), attrs.get("value"));
      if ((tag & 0x40) != 0) {
        content();
      }
    }
  }

  private Map<String, String> attributes(int tag) throws Refusal {
    Map<String, String> attrs = new HashMap<>();
    if ((tag & 0x80) == 0) {
      return attrs;
    }
    String name = null;
    StringBuilder value = new StringBuilder();
    while (true) {
      int t = next();
      if (t == SWITCH_PAGE) {
        attrPage = next();
      } else if (t == END) {
        if (name != null) {
          attrs.put(name, value.toString());
        }
        return attrs;
      } else if (t == STR_I || t == STR_T || t == ENTITY || t == OPAQUE) {
        value.append(string(t));
      } else if (t < 0x80 && t >= 0x05) {
        CpTokens.Start s = CpTokens.start(attrPage, t);
        if (s == null) {
          throw Refusal.invalid("unknown attribute token " + t + " on page " + attrPage);
        }
        if (name != null) {
          attrs.put(name, value.toString());
        }
        name = s.name();
        value.setLength(0);
        value.append(s.value());
      } else if (t >= 0x85) {
        String v = CpTokens.value(attrPage, t);
        if (v == null || name == null) {
          throw Refusal.invalid("unknown attribute value token " + t + " on page " + attrPage);
        }
        value.append(v);
      } else {
        throw Refusal.invalid("unsupported WBXML token " + t + " in attributes");
      }
      if (value.length() > in.length) {
        throw Refusal.invalid("an attribute value longer than the document");
      }
    }
  }

  private String string(int token) throws Refusal {
    switch (token) {
      case STR_I -> {
        int start = pos;
        while (next() != 0) {
          // up to the terminator; next() refuses the end of input
        }
        return decode(start, pos - 1 - start);
      }
      case STR_T -> {
        int offset = uint();
        if (offset >= tableLength) {
          throw Refusal.invalid("a string table reference outside the table");
        }
        int end = tableStart + offset;
        while (end < tableStart + tableLength && in[end] != 0) {
          end++;
        }
        return decode(tableStart + offset, end - tableStart - offset);
      }
      case ENTITY -> {
        int code = uint();
        if (!Character.isValidCodePoint(code)) {
          throw Refusal.invalid("an entity that is no character");
        }
        return new String(Character.toChars(code));
      }
      default -> {
        int length = uint();
        need(length);
        String s = decode(pos, length);
        pos += length;
        return s;
      }
    }
  }

  private String decode(int start, int length) {
    return new String(
        in, start, length, latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }

  /** A WBXML mb_u_int32: at most five bytes, at most 2^31 - 1. */
  private int uint() throws Refusal {
    long value = 0;
    for (int i = 0; i < 5; i++) {
      int b = next();
      value = (value << 7) | (b & 0x7F);
      if (value > Integer.MAX_VALUE) {
        throw Refusal.invalid("a WBXML number out of range");
      }
      if ((b & 0x80) == 0) {
        return (int) value;
      }
    }
    throw Refusal.invalid("a WBXML number longer than five bytes");
  }

  private void need(int length) throws Refusal {
    if (length < 0 || length > in.length - pos) {
      throw Refusal.invalid("it is truncated");
    }
  }

  private int peek() throws Refusal {
    need(1);
    return in[pos] & 0xFF;
  }

  private int next() throws Refusal {
    need(1);
    return in[pos++] & 0xFF;
  }
}
