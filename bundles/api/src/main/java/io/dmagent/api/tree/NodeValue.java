package io.dmagent.api.tree;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The value of a leaf node with its Format and Type (MIME type), as stored in the tree, carried by
 * Add/Replace and returned by Get. Immutable; binary values travel as {@link NodeFormat#BIN} bytes
 * (already Base64-decoded).
 */
public final class NodeValue {
  public static final String TEXT_PLAIN = "text/plain";

  private final byte[] data;
  private final NodeFormat format;
  private final String type;

  private NodeValue(byte[] data, NodeFormat format, String type) {
    this.data = data;
    this.format = Objects.requireNonNull(format);
    this.type = type == null || type.isEmpty() ? TEXT_PLAIN : type;
    if (format == NodeFormat.NODE) {
      throw new IllegalArgumentException("a leaf value cannot have Format node");
    }
  }

  public static NodeValue of(byte[] data, NodeFormat format, String type) {
    return new NodeValue(data == null ? new byte[0] : data.clone(), format, type);
  }

  /** A {@code chr} value of type {@code text/plain}. */
  public static NodeValue text(String value) {
    return new NodeValue(value.getBytes(StandardCharsets.UTF_8), NodeFormat.CHR, TEXT_PLAIN);
  }

  public static NodeValue of(String value, NodeFormat format) {
    return new NodeValue(value.getBytes(StandardCharsets.UTF_8), format, TEXT_PLAIN);
  }

  /** The value's bytes (a copy). */
  public byte[] data() {
    return data.clone();
  }

  /** The value decoded as UTF-8 text; meaningful for every format but bin. */
  public String text() {
    return new String(data, StandardCharsets.UTF_8);
  }

  /** The Size property: the length of the stored (decoded) value in bytes. */
  public int size() {
    return data.length;
  }

  public NodeFormat format() {
    return format;
  }

  public String type() {
    return type;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof NodeValue)) {
      return false;
    }
    NodeValue v = (NodeValue) o;
    return v.format == format && v.type.equals(type) && Arrays.equals(v.data, data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(format, type, Arrays.hashCode(data));
  }

  /** Format and size only: values may be secrets and never appear in logs through this method. */
  @Override
  public String toString() {
    return "NodeValue[" + format + ", " + type + ", " + data.length + " bytes]";
  }
}
