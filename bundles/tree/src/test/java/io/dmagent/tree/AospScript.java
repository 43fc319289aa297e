package io.dmagent.tree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run of the AOSP OMA DM engine's test console: the commands it was given (testinput12) and what
 * it printed for each (testoutput12). The output of a command starts at the console's echo {@code ]
 * Cmd: <command>} and ends at the next prompt; node dumps in it are blocks of {@code key=value}
 * lines that start with {@code path=}. Both files are read byte for byte (ISO-8859-1): the console
 * echoes values as raw bytes.
 */
final class AospScript {
  private static final Pattern STATUS = Pattern.compile("DmtException: (\\d+)");
  private static final Pattern NOTIFICATION =
      Pattern.compile("notification for uri \\[([^\\]]*)\\], \\[([A-Z ]+)\\]");
  private static final Set<String> NODE_KEYS =
      Set.of("path", "isLeaf", "name", "format", "type", "title", "acl", "size", "version");

  private AospScript() {}

  /**
   * One console command: its line in testinput12, its text, the verb, the node path (or other first
   * argument) and the rest of the line; {@code occurrence} counts identical command texts (1 for
   * the first).
   */
  record Command(int line, String text, String verb, String path, String argument, int occurrence) {
    @Override
    public String toString() {
      return "testinput12:" + line + " '" + text + "'";
    }
  }

  /** One node as the console printed it; a leaf has a value, an interior node child names. */
  record Node(
      String path,
      boolean leaf,
      String name,
      String format,
      String type,
      String title,
      String acl,
      int size,
      int version,
      String value,
      List<String> children) {}

  /** A command with the lines the console printed for it and the nodes among them. */
  record Step(Command command, List<String> output, List<Node> nodes) {
    /** Whether the console reported an error for the command. */
    boolean failed() {
      return output.stream().anyMatch(l -> l.contains("Error!"));
    }

    /** The status of the first DmtException the console reported. */
    OptionalInt status() {
      for (String l : output) {
        Matcher m = STATUS.matcher(l);
        if (m.find()) {
          return OptionalInt.of(Integer.parseInt(m.group(1)));
        }
      }
      return OptionalInt.empty();
    }

    /** URIs the engine's commit plug-in was notified of: what the command changed in its tree. */
    List<String> notifiedUris() {
      List<String> uris = new ArrayList<>();
      for (String l : output) {
        Matcher m = NOTIFICATION.matcher(l);
        if (m.find()) {
          uris.add(m.group(1));
        }
      }
      return uris;
    }

    /** Whether the output shows any change to the engine's tree (notification or tree save). */
    boolean changedTree() {
      return !notifiedUris().isEmpty()
          || output.stream().anyMatch(l -> l.startsWith("OnTreeSaved"));
    }
  }

  /**
   * Reads both files and pairs every command of the input with its output.
   *
   * @throws IllegalStateException when the two files do not line up or a node block is incomplete:
   *     a broken parser must fail the test, not shrink it
   */
  static List<Step> load(Path input, Path output) throws IOException {
    List<Command> commands = commands(Files.readAllLines(input, StandardCharsets.ISO_8859_1));
    List<Map.Entry<String, List<String>>> echoed =
        outputs(Files.readAllLines(output, StandardCharsets.ISO_8859_1));
    if (commands.size() != echoed.size()) {
      throw new IllegalStateException(
          commands.size() + " commands in the input but " + echoed.size() + " in the output");
    }
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      Command c = commands.get(i);
      String echo = echoed.get(i).getKey().strip();
      if (!echo.equals(c.text())) {
        throw new IllegalStateException(c + " is echoed as '" + echo + "'");
      }
      List<String> lines = List.copyOf(echoed.get(i).getValue());
      steps.add(new Step(c, lines, nodes(c, lines)));
    }
    return List.copyOf(steps);
  }

  private static List<Command> commands(List<String> lines) {
    List<Command> out = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i).strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String[] verbAndRest = text.split("\\s+", 2);
      String path = null;
      String argument = null;
      if (verbAndRest.length == 2) {
        String[] pathAndRest = verbAndRest[1].split("\\s+", 2);
        path = pathAndRest[0];
        argument = pathAndRest.length == 2 ? pathAndRest[1] : null;
      }
      int occurrence = seen.merge(text, 1, Integer::sum);
      out.add(new Command(i + 1, text, verbAndRest[0], path, argument, occurrence));
    }
    return out;
  }

  private static List<Map.Entry<String, List<String>>> outputs(List<String> lines) {
    List<Map.Entry<String, List<String>>> out = new ArrayList<>();
    List<String> current = null;
    for (String line : lines) {
      if (line.startsWith("] Cmd: ")) {
        current = new ArrayList<>();
        out.add(Map.entry(line.substring("] Cmd: ".length()), current));
      } else if (line.startsWith("]")) {
        current = null; // the next prompt: the command's output is over
      } else if (current != null) {
        current.add(line);
      }
    }
    return out;
  }

  private static List<Node> nodes(Command c, List<String> lines) {
    List<Node> nodes = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      if (!lines.get(i).startsWith("path=")) {
        i++;
        continue;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      String value = null;
      List<String> children = null;
      for (; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.startsWith("path=") && !fields.isEmpty()) {
          break;
        }
        if (line.startsWith("children:")) {
          String list = line.substring("children:".length());
          children =
              list.equals("null")
                  ? List.of()
                  : List.of(list.split("/")).stream().filter(s -> !s.isEmpty()).toList();
          i++;
          break;
        }
        if (line.startsWith("value=")) {
          value = line.substring("value=".length());
          if (value.isEmpty()) {
            // A value the engine keeps in a file (ESN) is printed on the lines below, followed by
            // blank lines like any block: the value is what stands between them, stripped.
            StringBuilder below = new StringBuilder();
            while (i + 1 < lines.size() && !endsValue(lines.get(i + 1))) {
              below.append(lines.get(++i)).append('\n');
            }
            value = below.toString().strip();
          }
          i++;
          break;
        }
        int eq = line.indexOf('=');
        if (eq < 0 || !NODE_KEYS.contains(line.substring(0, eq))) {
          throw new IllegalStateException(c + ": unexpected line in a node block: '" + line + "'");
        }
        fields.put(line.substring(0, eq), line.substring(eq + 1));
      }
      if (!fields.keySet().equals(NODE_KEYS)) {
        throw new IllegalStateException(c + ": incomplete node block " + fields);
      }
      boolean leaf = Boolean.parseBoolean(fields.get("isLeaf"));
      if (leaf ? value == null : children == null) {
        throw new IllegalStateException(c + ": node block without value/children " + fields);
      }
      nodes.add(
          new Node(
              fields.get("path"),
              leaf,
              fields.get("name"),
              fields.get("format"),
              fields.get("type"),
              fields.get("title"),
              fields.get("acl"),
              Integer.parseInt(fields.get("size")),
              Integer.parseInt(fields.get("version")),
              value,
              children));
    }
    return List.copyOf(nodes);
  }

  private static boolean endsValue(String line) {
    return line.startsWith("path=")
        || line.startsWith("OnTreeSaved")
        || line.startsWith("notification for uri")
        || line.contains("Commit plug-in")
        || line.contains("Error!");
  }
}
