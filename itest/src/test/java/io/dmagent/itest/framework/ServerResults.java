package io.dmagent.itest.framework;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code dmserver:results <devId>} prints, read back: the headline of the last session and one
 * {@link CommandOutcome} per command. The console text is what an operator reads, so the tests read
 * the same.
 */
public record ServerResults(String headline, List<CommandOutcome> commands) {
  private static final Pattern COMMAND =
      Pattern.compile("^ {2,4}\\S+ (\\w+)(?: (\\S+))? -> (no status|[0-9,]+)$");
  private static final Pattern RESULT = Pattern.compile("^ {6}(\\S+) = (.*)$");

  static ServerResults parse(String text) {
    String[] lines = text.split("\n");
    List<CommandOutcome> commands = new ArrayList<>();
    String element = null;
    String target = null;
    List<Integer> statuses = List.of();
    Map<String, String> results = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      Matcher c = COMMAND.matcher(lines[i]);
      Matcher r = RESULT.matcher(lines[i]);
      if (c.matches()) {
        if (element != null) {
          commands.add(new CommandOutcome(element, target, statuses, results));
        }
        element = c.group(1);
        target = c.group(2) == null ? "" : c.group(2);
        statuses = c.group(3).equals("no status") ? List.of() : codes(c.group(3));
        results = new LinkedHashMap<>();
      } else if (r.matches() && element != null) {
        results.put(r.group(1), r.group(2));
      }
    }
    if (element != null) {
      commands.add(new CommandOutcome(element, target, statuses, results));
    }
    return new ServerResults(lines[0], List.copyOf(commands));
  }

  private static List<Integer> codes(String list) {
    List<Integer> out = new ArrayList<>();
    for (String code : list.split(",")) {
      out.add(Integer.parseInt(code));
    }
    return List.copyOf(out);
  }

  /** The first command of this element on this target. */
  public Optional<CommandOutcome> command(String element, String target) {
    return commands.stream()
        .filter(c -> c.element().equals(element) && c.target().equals(target))
        .findFirst();
  }

  /** The first command of this element on this target; fails the test when the server sent none. */
  public CommandOutcome of(String element, String target) {
    return command(element, target)
        .orElseThrow(
            () ->
                new AssertionError(
                    "the server sent no " + element + " on " + target + " in: " + this));
  }
}
