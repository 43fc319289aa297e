package io.dmagent.tree;

/**
 * Reads what a {@link ByteSink} wrote. Running past the end throws {@link
 * ArrayIndexOutOfBoundsException}, which callers report as a corrupt record.
 */
final class ByteSource {
  private final byte[] buf;
  private int pos;
  private final int end;

  ByteSource(byte[] buf) {
    this(buf, 0, buf.length);
  }

  ByteSource(byte[] buf, int from, int end) {
    this.buf = buf;
    this.pos = from;
    this.end = end;
  }

  private int need(int n) {
    int at = pos;
    if (n < 0 || at + n > end) {
      throw new ArrayIndexOutOfBoundsException("record ends after " + (end - at) + " more bytes");
    }
    pos = at + n;
    return at;
  }

  int u8() {
    return buf[need(1)] & 0xFF;
  }

  int u16() {
    int at = need(2);
    return (buf[at] & 0xFF) << 8 | buf[at + 1] & 0xFF;
  }

  int i32() {
    int at = need(4);
    return (buf[at] & 0xFF) << 24
        | (buf[at + 1] & 0xFF) << 16
        | (buf[at + 2] & 0xFF) << 8
        | buf[at + 3] & 0xFF;
  }

  long i64() {
    return (long) i32() << 32 | i32() & 0xFFFFFFFFL;
  }

  byte[] bytes(int n) {
    int at = need(n);
    byte[] out = new byte[n];
    System.arraycopy(buf, at, out, 0, n);
    return out;
  }

  String utf() {
    int n = u16();
    return ModifiedUtf8.decode(buf, need(n), n);
  }

  String longUtf() {
    int n = i32();
    return ModifiedUtf8.decode(buf, need(n), n);
  }

  boolean hasMore() {
    return pos < end;
  }
}
