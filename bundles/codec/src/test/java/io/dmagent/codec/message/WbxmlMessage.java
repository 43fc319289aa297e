package io.dmagent.codec.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-made WBXML messages for tests: a header, then tokens, with page switches as needed. */
final class WbxmlMessage {
  static final int SWITCH_PAGE = 0x00;
  static final int END = 0x01;
  static final int ENTITY = 0x02;
  static final int STR_I = 0x03;
  static final int LITERAL = 0x04;
  static final int STR_T = 0x83;
  static final int OPAQUE = 0xC3;
  static final int CONTENT = 0x40;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private int page;

  /** Version 1.2, public id: the SyncML 1.2 FPI at string table index 0, UTF-8. */
  static WbxmlMessage syncMl12(String... moreStrings) {
    return withTable(0x02, WbxmlSink.FPI, moreStrings);
  }

  /** A header with the public id in the string table: {@code fpi} first, then the others. */
  static WbxmlMessage withTable(int version, String fpi, String... moreStrings) {
    StringBuilder table = new StringBuilder(fpi).append('\0');
    for (String s : moreStrings) {
      table.append(s).append('\0');
    }
    byte[] t = table.toString().getBytes(StandardCharsets.UTF_8);
    WbxmlMessage w = new WbxmlMessage().bytes(version, 0x00, 0x00, 0x6A);
    w.mbUint(t.length);
    w.out.writeBytes(t);
    return w;
  }

  /** Any header bytes, then the body. */
  static WbxmlMessage raw(int... bytes) {
    return new WbxmlMessage().bytes(bytes);
  }

  WbxmlMessage bytes(int... bytes) {
    for (int b : bytes) {
      out.write(b);
    }
    return this;
  }

  WbxmlMessage mbUint(long value) {
    int shift = 28;
    while (shift > 0 && (value >>> shift) == 0) {
      shift -= 7;
    }
    for (; shift > 0; shift -= 7) {
      out.write((int) (0x80 | ((value >>> shift) & 0x7F)));
    }
    out.write((int) (value & 0x7F));
    return this;
  }

  private WbxmlMessage on(int target) {
    if (target != page) {
      bytes(SWITCH_PAGE, target);
      page = target;
    }
    return this;
  }

  /** A start tag with content. */
  WbxmlMessage open(Tag tag) {
    return on(tag.page()).bytes(tag.token() | CONTENT);
  }

  /** An element without content. */
  WbxmlMessage empty(Tag tag) {
    return on(tag.page()).bytes(tag.token());
  }

  /** A DM DDF element (page 2) with or without content. */
  WbxmlMessage ddf(int token, boolean content) {
    return on(2).bytes(token | (content ? CONTENT : 0));
  }

  WbxmlMessage end() {
    return bytes(END);
  }

  WbxmlMessage str(String s) {
    out.write(STR_I);
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    out.write(0);
    return this;
  }

  WbxmlMessage text(Tag tag, String s) {
    return open(tag).str(s).end();
  }

  WbxmlMessage opaque(byte[] data) {
    out.write(OPAQUE);
    mbUint(data.length);
    out.writeBytes(data);
    return this;
  }

  /** SyncML and a SyncHdr with every mandatory element, then SyncBody opened. */
  WbxmlMessage headerAndBody() {
    return open(Tag.SYNC_ML)
        .open(Tag.SYNC_HDR)
        .text(Tag.VER_DTD, "1.2")
        .text(Tag.VER_PROTO, "DM/1.2")
        .text(Tag.SESSION_ID, "1")
        .text(Tag.MSG_ID, "1")
        .open(Tag.TARGET)
        .text(Tag.LOC_URI, "dev")
        .end()
        .open(Tag.SOURCE)
        .text(Tag.LOC_URI, "srv")
        .end()
        .end()
        .open(Tag.SYNC_BODY);
  }

  /** Closes SyncBody with Final, and SyncML. */
  WbxmlMessage finish() {
    return empty(Tag.FINAL).end().end();
  }

  byte[] build() {
    return out.toByteArray();
  }
}
