package io.dmagent.tree;

import io.dmagent.api.tree.NodeFormat;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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

  NodeRecord {
    type = type == null ? "" : type;
    value = value == null ? new byte[0] : value;
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
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + value.length);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(VERSION);
      out.writeByte(format.ordinal());
      out.writeUTF(type);
      out.writeUTF(acl);
      out.writeUTF(title);
      out.writeLong(tstamp);
      out.writeShort(verNo);
      out.writeInt(value.length);
      out.write(value);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("in-memory stream", e);
    }
  }

  static NodeRecord decode(byte[] bytes) {
    try {
      DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes));
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IllegalStateException("unknown node record version " + version);
      }
      NodeFormat format = NodeFormat.values()[in.readUnsignedByte()];
      String type = in.readUTF();
      String acl = in.readUTF();
      String title = in.readUTF();
      long tstamp = in.readLong();
      int verNo = in.readUnsignedShort();
      byte[] value = new byte[in.readInt()];
      in.readFully(value);
      return new NodeRecord(format, type, value, acl, title, tstamp, verNo);
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
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
