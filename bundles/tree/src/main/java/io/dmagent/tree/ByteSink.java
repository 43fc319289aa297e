package io.dmagent.tree;

import java.util.Arrays;

/**
 * A growable byte buffer for the store's binary forms (node records, change-log frames), written
 * big-endian like {@link java.io.DataOutputStream} but without its stream layers: the encoding of a
 * record sits on the path of every durable write.
 */
final class ByteSink {
  private byte[] buf;
  private int size;

  ByteSink(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }

  ByteSink u8(int v) {
    ensure(1);
    buf[size++] = (byte) v;
    return this;
  }

  ByteSink u16(int v) {
    ensure(2);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
    return this;
  }

  ByteSink i32(int v) {
    ensure(4);
    buf[size++] = (byte) (v >>> 24);
    buf[size++] = (byte) (v >>> 16);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
    return this;
  }

  ByteSink i64(long v) {
    i32((int) (v >>> 32));
    return i32((int) v);
  }

  ByteSink bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
    return this;
  }

  /** A string as {@link java.io.DataOutput#writeUTF} writes it: u16 length, modified UTF-8. */
  ByteSink utf(String s) {
    int length = ModifiedUtf8.length(s);
    if (length > 0xFFFF) {
      throw new IllegalArgumentException("string of " + length + " bytes is too long to store");
    }
    u16(length);
    return utf8(s, length);
  }

  /** A string of any length: i32 length, modified UTF-8. */
  ByteSink longUtf(String s) {
    int length = ModifiedUtf8.length(s);
    i32(length);
    return utf8(s, length);
  }

  private ByteSink utf8(String s, int length) {
    ensure(length);
    size = ModifiedUtf8.encode(s, buf, size);
    return this;
  }

  /** Overwrites 4 bytes written before, e.g. a length or checksum known only at the end. */
  void setI32(int at, int v) {
    buf[at] = (byte) (v >>> 24);
    buf[at + 1] = (byte) (v >>> 16);
    buf[at + 2] = (byte) (v >>> 8);
    buf[at + 3] = (byte) v;
  }

  int size() {
    return size;
  }

  /** The backing array: valid up to {@link #size()}, no copy. */
  byte[] array() {
    return buf;
  }

  byte[] toArray() {
    return Arrays.copyOf(buf, size);
  }
}
