package io.dmagent.policy;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.StatusCode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/** Reading a condition's or action's parameters: each refusal names the parameter. */
final class Params {
  private final String what;
  private final Map<String, String> values;

  Params(String what, Map<String, String> values) {
    this.what = what;
    this.values = values;
  }

  String required(String name) throws DmException {
    String v = values.get(name);
    if (v == null || v.isBlank()) {
      throw new Incomplete(what + " needs the parameter " + name);
    }
    return v.strip();
  }

  /** A parameter that must be there, an empty value allowed (a chr value may be empty). */
  String present(String name) throws DmException {
    String v = values.get(name);
    if (v == null) {
      throw new Incomplete(what + " needs the parameter " + name);
    }
    return v;
  }

  Optional<String> optional(String name) {
    return Optional.ofNullable(values.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  NodeUri uri(String name) throws DmException {
    String v = required(name);
    try {
      return NodeUri.parse(v);
    } catch (DmException e) {
      throw new DmException(StatusCode.BAD_REQUEST, what + ": " + name + " is not a node URI");
    }
  }

  /** An ISO 8601 duration (PT5S) or a number of seconds. */
  Optional<Duration> duration(String name) throws DmException {
    Optional<String> v = optional(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      Duration d =
          v.get().matches("\\d{1,9}")
              ? Duration.ofSeconds(Long.parseLong(v.get()))
              : Duration.parse(v.get());
      if (d.isNegative()) {
        throw new DmException(StatusCode.BAD_REQUEST, what + ": " + name + " is negative");
      }
      return Optional.of(d);
    } catch (DateTimeParseException e) {
      throw new DmException(
          StatusCode.BAD_REQUEST, what + ": " + name + " is not a duration (PT5S or seconds)");
    }
  }

  /** Refuses parameters the type does not know: a misspelt name must not be silently ignored. */
  void onlyKnown(String... names) throws DmException {
    java.util.Set<String> known = java.util.Set.of(names);
    for (String name : values.keySet()) {
      if (!known.contains(name)) {
        throw new DmException(
            StatusCode.BAD_REQUEST,
            what + " has no parameter " + io.dmagent.api.log.WireText.quote(name));
      }
    }
  }
}
