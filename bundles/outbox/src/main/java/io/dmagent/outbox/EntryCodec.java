package io.dmagent.outbox;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The stored form of one entry's value: a version byte, topic, destination, the time it was stored
 * (epoch milliseconds) and the payload. The id is the map key; the store's own chunk checksums
 * guard the bytes.
 */
final class EntryCodec {
  private static final int VERSION = 1;

  /** Longest topic or destination, in characters: names, not data. */
  static final int MAX_NAME = 1024;

  private EntryCodec() {}

  record Value(String topic, String destination, Instant stored, byte[] payload) {}

  static byte[] encode(String topic, String destination, Instant stored, byte[] payload) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(payload.length + 64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(topic);
      out.writeUTF(destination);
      out.writeLong(stored.toEpochMilli());
      out.writeInt(payload.length);
      out.write(payload);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  static Value decode(byte[] bytes) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IOException("entry of unknown version " + version);
      }
      String topic = in.readUTF();
      String destination = in.readUTF();
      Instant stored = Instant.ofEpochMilli(in.readLong());
      int length = in.readInt();
      if (length < 0 || length != in.available()) {
        throw new IOException("entry of inconsistent length");
      }
      return new Value(topic, destination, stored, in.readNBytes(length));
    }
  }

  /** Refuses a topic or destination that is empty or longer than {@link #MAX_NAME}. */
  static String name(String what, String value) {
    if (value == null || value.length() > MAX_NAME) {
      throw new IllegalArgumentException(what + " missing or longer than " + MAX_NAME);
    }
    return value;
  }
}
