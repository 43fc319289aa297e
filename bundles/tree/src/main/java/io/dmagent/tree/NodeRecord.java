package io.dmagent.tree;

import io.dmagent.api.tree.NodeFormat;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What the tree stores for one node: Format (node for interior nodes), Type (MIME type of a leaf,
 * MO identifier of an interior node, or empty), the value of a leaf, the ACL as written (empty =
 * inherited), Title, TStamp and VerNo. Name and Size follow from the URI and the value. Immutable;
 * encoded compactly for the store.
 */
record NodeRecord(
    NodeFormat format,
    String type,
    byte[] value,
    String acl,
    String title,
    long tstamp,
    int verNo) {
  private static final int VERSION = 1;
  private static final NodeFormat[] FORMATS = NodeFormat.values();
  private static final byte[] NO_BYTES = new byte[0];

  /** Texts that decoded records share (see {@link TextPool}). */
  private static final TextPool TEXTS = new TextPool();

  NodeRecord {
    type = type == null ? "" : type;
    value = value == null || value.length == 0 ? NO_BYTES : value;
    acl = acl == null ? "" : acl;
    title = title == null ? "" : title;
  }

  static NodeRecord interior(String moType, String acl, long now) {
    return new NodeRecord(NodeFormat.NODE, moType, null, acl, "", now, 0);
  }

  static NodeRecord leaf(NodeFormat format, String type, byte[] value, String acl, long now) {
    return new NodeRecord(format, type, value, acl, "", now, 0);
  }

  boolean isInterior() {
    return format == NodeFormat.NODE;
  }

  /** A new value: TStamp set, VerNo incremented (16 bits, wrapping FFFF to 0000). */
  NodeRecord withValue(NodeFormat newFormat, String newType, byte[] newValue, long now) {
    return new NodeRecord(newFormat, newType, newValue, acl, title, now, (verNo + 1) & 0xFFFF);
  }

  /** A changed property: TND asks TStamp and VerNo to change along with the ACL. */
  NodeRecord withAcl(String newAcl, long now) {
    return new NodeRecord(format, type, value, newAcl, title, now, (verNo + 1) & 0xFFFF);
  }

  NodeRecord withTitle(String newTitle) {
    return new NodeRecord(format, type, value, acl, newTitle, tstamp, verNo);
  }

  byte[] encode() {
    ByteSink out = new ByteSink(32 + type.length() + acl.length() + title.length() + value.length);
    out.u8(VERSION).u8(format.ordinal()).utf(type).utf(acl).utf(title);
    out.i64(tstamp).u16(verNo).i32(value.length).bytes(value);
    return out.toArray();
  }

  /** Whether an encoded record is that of an interior node, without decoding it. */
  static boolean isInterior(byte[] encoded) {
    return encoded.length > 1 && encoded[1] == NodeFormat.NODE.ordinal();
  }

  static NodeRecord decode(byte[] bytes) {
    try {
      ByteSource in = new ByteSource(bytes);
      int version = in.u8();
      if (version != VERSION) {
        throw new IllegalStateException("unknown node record version " + version);
      }
      NodeFormat format = FORMATS[in.u8()];
      String type = TEXTS.pooled(in.utf());
      String acl = TEXTS.pooled(in.utf());
      String title = in.utf();
      long tstamp = in.i64();
      int verNo = in.u16();
      int length = in.i32();
      byte[] value = length == 0 ? NO_BYTES : in.bytes(length);
      return new NodeRecord(format, type, value, acl, title, tstamp, verNo);
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new IllegalStateException("corrupt node record", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeRecord r
        && r.format == format
        && r.type.equals(type)
        && Arrays.equals(r.value, value)
        && r.acl.equals(acl)
        && r.title.equals(title)
        && r.tstamp == tstamp
        && r.verNo == verNo;
  }

  @Override
  public int hashCode() {
    return ByteBuffer.wrap(encode()).hashCode();
  }

  @Override
  public String toString() {
    return "NodeRecord[" + format + ", " + type + ", " + value.length + " bytes]";
  }
}
