package io.dmagent.api.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * MetInf ({@code syncml:metinf}, WBXML code page 1) as DM uses it: Format and Type of an item or a
 * credential, Mark of a Generic Alert, Size of a large object's first chunk, NextNonce of a
 * challenge, the MaxMsgSize and MaxObjSize a peer accepts, and EMI extensions. Unset values are
 * empty; {@link #EMPTY} has none.
 */
public record Meta(
    Optional<String> format,
    Optional<String> type,
    Optional<String> mark,
    OptionalLong size,
    Optional<String> nextNonce,
    OptionalLong maxMsgSize,
    OptionalLong maxObjSize,
    List<String> emi) {

  public static final Meta EMPTY =
      new Meta(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          OptionalLong.empty(),
          Optional.empty(),
          OptionalLong.empty(),
          OptionalLong.empty(),
          List.of());

  public Meta {
    Objects.requireNonNull(format);
    Objects.requireNonNull(type);
    Objects.requireNonNull(mark);
    Objects.requireNonNull(size);
    Objects.requireNonNull(nextNonce);
    Objects.requireNonNull(maxMsgSize);
    Objects.requireNonNull(maxObjSize);
    emi = List.copyOf(emi);
  }

  /** Format and Type of a value, the pair most items carry. */
  public static Meta of(String format, String type) {
    return EMPTY.withFormat(format).withType(type);
  }

  public boolean isEmpty() {
    return equals(EMPTY);
  }

  public Meta withFormat(String value) {
    return new Meta(
        Optional.ofNullable(value), type, mark, size, nextNonce, maxMsgSize, maxObjSize, emi);
  }

  public Meta withType(String value) {
    return new Meta(
        format, Optional.ofNullable(value), mark, size, nextNonce, maxMsgSize, maxObjSize, emi);
  }

  public Meta withMark(String value) {
    return new Meta(
        format, type, Optional.ofNullable(value), size, nextNonce, maxMsgSize, maxObjSize, emi);
  }

  public Meta withSize(long value) {
    return new Meta(
        format, type, mark, OptionalLong.of(value), nextNonce, maxMsgSize, maxObjSize, emi);
  }

  public Meta withNextNonce(String value) {
    return new Meta(
        format, type, mark, size, Optional.ofNullable(value), maxMsgSize, maxObjSize, emi);
  }

  public Meta withMaxMsgSize(long value) {
    return new Meta(format, type, mark, size, nextNonce, OptionalLong.of(value), maxObjSize, emi);
  }

  public Meta withMaxObjSize(long value) {
    return new Meta(format, type, mark, size, nextNonce, maxMsgSize, OptionalLong.of(value), emi);
  }

  /** Never the nonce: it is a secret of the session. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Meta[");
    format.ifPresent(v -> s.append("Format=").append(v).append(' '));
    type.ifPresent(v -> s.append("Type=").append(v).append(' '));
    mark.ifPresent(v -> s.append("Mark=").append(v).append(' '));
    size.ifPresent(v -> s.append("Size=").append(v).append(' '));
    nextNonce.ifPresent(v -> s.append("NextNonce=*** "));
    maxMsgSize.ifPresent(v -> s.append("MaxMsgSize=").append(v).append(' '));
    maxObjSize.ifPresent(v -> s.append("MaxObjSize=").append(v).append(' '));
    emi.forEach(v -> s.append("EMI=").append(v).append(' '));
    return s.toString().stripTrailing() + "]";
  }
}
