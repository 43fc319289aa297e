package io.dmagent.server.script;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A scripted session: the steps the server sends, grouped into packages. The first group goes out
 * in the server's first package (package 2); each later group in the package after the device
 * answered the one before. A script with no steps ends the session at package 2.
 *
 * @param wake the options of its {@code notify} line, if it has one: queueing the script then wakes
 *     the device with a notification ({@code dmserver:notify}'s options)
 */
public record Script(String name, List<List<Step>> packages, Optional<List<String>> wake) {
  public Script {
    Objects.requireNonNull(name);
    packages = packages.stream().map(List::copyOf).filter(p -> !p.isEmpty()).toList();
    wake = wake.map(List::copyOf);
  }

  /** A script that waits for the device's next session. */
  public Script(String name, List<List<Step>> packages) {
    this(name, packages, Optional.empty());
  }

  /** Parses script text; see {@link ScriptParser} for the language. */
  public static Script parse(String name, String text) throws ScriptException {
    return new ScriptParser(name).parse(text);
  }

  /** A script that sends nothing: the session ends as soon as it began. */
  public static Script empty(String name) {
    return new Script(name, List.of());
  }

  /**
   * How many management commands the script sends: those inside Atomic and Sequence each count, the
   * blocks themselves do not (as a device's session report counts them).
   */
  public int commandCount() {
    return packages.stream().flatMap(List::stream).mapToInt(Script::count).sum();
  }

  private static int count(Step step) {
    return step instanceof Step.Block b ? b.steps().stream().mapToInt(Script::count).sum() : 1;
  }
}
