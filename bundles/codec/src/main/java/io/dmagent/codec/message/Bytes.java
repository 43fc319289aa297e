package io.dmagent.codec.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer for the WBXML writer; unlike ByteArrayOutputStream, unsynchronised. */
final class Bytes {
  private byte[] data;
  private int size;

  Bytes(int capacity) {
    data = new byte[Math.max(16, capacity)];
  }

  void write(int b) {
    ensure(1);
    data[size++] = (byte) b;
  }

  void write(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, data, size, bytes.length);
    size += bytes.length;
  }

  /** A WBXML mb_u_int32: 7 bits a byte, most significant first. */
  void writeMbUint(int value) {
    int shift = 28;
    while (shift > 0 && (value >>> shift) == 0) {
      shift -= 7;
    }
    for (; shift > 0; shift -= 7) {
      write(0x80 | ((value >>> shift) & 0x7F));
    }
    write(value & 0x7F);
  }

  /** The UTF-8 bytes of {@code s}; ASCII without a detour through an encoder. */
  void writeUtf8(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        write(s.substring(i).getBytes(StandardCharsets.UTF_8));
        return;
      }
      data[size++] = (byte) c;
    }
  }

  int size() {
    return size;
  }

  int get(int position) {
    return data[position] & 0xFF;
  }

  /** Overwrites the byte at {@code position}, already written. */
  void set(int position, int b) {
    data[position] = (byte) b;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(data, size);
  }

  private void ensure(int more) {
    if (size + more > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, size + more));
    }
  }
}
