package io.dmagent.api.session;

import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeUri;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One Generic Alert (1226) item: its Type (a reversed domain name such as {@code
 * org.openmobilealliance.dm.firmwareupdate.download} or a URN such as {@code
 * urn:oma:at:oma-mgmtpolicymo:1.0}), Format, Mark, the URI of the MO node it speaks of, its data,
 * and the Correlator of the Exec it answers.
 */
public record GenericAlert(
    String type,
    NodeFormat format,
    AlertMark mark,
    Optional<NodeUri> source,
    byte[] data,
    Optional<String> correlator) {

  public GenericAlert {
    if (type == null || type.isBlank()) {
      throw new IllegalArgumentException("a Generic Alert needs a Type");
    }
    Objects.requireNonNull(format);
    Objects.requireNonNull(mark);
    Objects.requireNonNull(source);
    data = data.clone();
    Objects.requireNonNull(correlator);
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GenericAlert a
        && a.type.equals(type)
        && a.format == format
        && a.mark == mark
        && a.source.equals(source)
        && Arrays.equals(a.data, data)
        && a.correlator.equals(correlator);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, format, mark, source, Arrays.hashCode(data), correlator);
  }

  @Override
  public String toString() {
    return "GenericAlert["
        + type
        + ", "
        + mark.wireName()
        + source.map(s -> ", " + s).orElse("")
        + "]";
  }
}
