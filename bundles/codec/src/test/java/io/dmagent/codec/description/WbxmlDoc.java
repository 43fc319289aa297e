package io.dmagent.codec.description;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-made WBXML documents for tests: header, then tokens appended in order. */
final class WbxmlDoc {
  static final int SWITCH_PAGE = 0x00;
  static final int END = 0x01;
  static final int ENTITY = 0x02;
  static final int STR_I = 0x03;
  static final int STR_T = 0x83;
  static final int OPAQUE = 0xC3;
  static final int CONTENT = 0x40;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Version 1.2, public id "-//OMA//DTD-DM-DDF 1.2//EN" at string table index 0, UTF-8. */
  static WbxmlDoc ddf(String... moreStrings) {
    StringBuilder table = new StringBuilder(WbxmlHeader.FPI).append('\0');
    for (String s : moreStrings) {
      table.append(s).append('\0');
    }
    byte[] t = table.toString().getBytes(StandardCharsets.UTF_8);
    WbxmlDoc w = new WbxmlDoc().bytes(0x02, 0x00, 0x00, 0x6A);
    WbxmlHeader.writeMbUint(w.out, t.length);
    w.out.writeBytes(t);
    return w;
  }

  /** A raw header: anything goes. */
  static WbxmlDoc raw(int... bytes) {
    return new WbxmlDoc().bytes(bytes);
  }

  WbxmlDoc bytes(int... bytes) {
    for (int b : bytes) {
      out.write(b);
    }
    return this;
  }

  WbxmlDoc page2() {
    return bytes(SWITCH_PAGE, DdfTag.CODE_PAGE);
  }

  /** A start tag with content. */
  WbxmlDoc open(DdfTag tag) {
    return bytes(tag.token() | CONTENT);
  }

  /** An element without content. */
  WbxmlDoc empty(DdfTag tag) {
    return bytes(tag.token());
  }

  WbxmlDoc end() {
    return bytes(END);
  }

  WbxmlDoc str(String s) {
    out.write(STR_I);
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    out.write(0);
    return this;
  }

  WbxmlDoc text(DdfTag tag, String s) {
    return open(tag).str(s).end();
  }

  WbxmlDoc opaque(byte[] data) {
    out.write(OPAQUE);
    WbxmlHeader.writeMbUint(out, data.length);
    out.writeBytes(data);
    return this;
  }

  /** {@code <MgmtTree><VerDTD>1.2</VerDTD>} on page 2, ready for Nodes. */
  WbxmlDoc mgmtTree() {
    return page2().open(DdfTag.MGMT_TREE).text(DdfTag.VER_DTD, "1.2");
  }

  byte[] build() {
    return out.toByteArray();
  }
}
