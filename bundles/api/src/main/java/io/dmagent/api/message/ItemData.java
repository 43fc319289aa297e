package io.dmagent.api.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The content of an item's {@code Data}. Text is what XML carries and what WBXML sends inline or
 * from the string table; {@link Opaque} is WBXML's OPAQUE (binary values, embedded WBXML documents
 * such as TNDS); {@link Markup} is an element embedded in Data (a TNDS {@code MgmtTree}), which the
 * codec hands over as the XML text of that element whatever the message's encoding was.
 */
@org.osgi.annotation.versioning.ProviderType
public sealed interface ItemData {

  /** The content as bytes: UTF-8 for text and markup. */
  byte[] bytes();

  /** The content as text: UTF-8 decoded for opaque bytes. */
  String text();

  static ItemData text(String text) {
    return new Text(text);
  }

  static ItemData opaque(byte[] bytes) {
    return new Opaque(bytes);
  }

  /** Character data. */
  record Text(String value) implements ItemData {
    public Text {
      Objects.requireNonNull(value);
    }

    @Override
    public byte[] bytes() {
      return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String text() {
      return value;
    }
  }

  /** Bytes sent as WBXML OPAQUE. In XML they go out as text (the value must then be text). */
  final class Opaque implements ItemData {
    private final byte[] value;

    public Opaque(byte[] value) {
      this.value = value.clone();
    }

    @Override
    public byte[] bytes() {
      return value.clone();
    }

    /** How many bytes, without copying them. */
    public int length() {
      return value.length;
    }

    @Override
    public String text() {
      return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Opaque other && Arrays.equals(other.value, value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Opaque[" + value.length + " bytes]";
    }
  }

  /** An element embedded in Data, as XML text (e.g. {@code <MgmtTree xmlns=...>...}). */
  record Markup(String xml) implements ItemData {
    public Markup {
      Objects.requireNonNull(xml);
    }

    @Override
    public byte[] bytes() {
      return xml.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String text() {
      return xml;
    }
  }
}
