package io.dmagent.api.message;

import java.util.Optional;

/** The SyncML commands DM uses, with their element names. */
public enum CommandName {
  ADD("Add"),
  ALERT("Alert"),
  ATOMIC("Atomic"),
  COPY("Copy"),
  DELETE("Delete"),
  EXEC("Exec"),
  GET("Get"),
  REPLACE("Replace"),
  RESULTS("Results"),
  SEQUENCE("Sequence"),
  STATUS("Status");

  private final String element;

  CommandName(String element) {
    this.element = element;
  }

  /** The element name, also what a Status's {@code Cmd} says. */
  public String element() {
    return element;
  }

  public static Optional<CommandName> fromElement(String name) {
    for (CommandName c : values()) {
      if (c.element.equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return element;
  }
}
