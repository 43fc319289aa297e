package io.dmagent.server.script;

import io.dmagent.api.message.CommandName;
import io.dmagent.server.notify.NotificationFormat;
import io.dmagent.server.notify.NotifyOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The script language of the reference server: one command a line, {@code #} starts a comment.
 *
 * <pre>
 * get &lt;uri&gt;                               Get; the device answers with Results
 * add &lt;uri&gt;                               Add of an interior node
 * add &lt;uri&gt; node/&lt;MO type&gt;                Add of an interior node with its MO identifier
 * add &lt;uri&gt; &lt;format&gt;[/&lt;type&gt;] [&lt;value&gt;]   Add of a leaf
 * replace &lt;uri&gt; &lt;format&gt;[/&lt;type&gt;] [&lt;value&gt;]  Replace of a leaf's value
 * delete &lt;uri&gt;                            Delete of a node and its subtree
 * copy &lt;target&gt; &lt;source&gt;                  Copy of a leaf's value
 * exec [--correlator &lt;c&gt;] &lt;uri&gt; [&lt;data&gt;]  Exec, with data as its argument
 * alert &lt;code&gt; [&lt;text&gt;]                   Alert, e.g. 1100 (display) or 1101 (confirm)
 * alert &lt;code&gt; &lt;options&gt; | &lt;text&gt; [| &lt;choice&gt;]...   with options (MAXDT=30&amp;DR=1) and choices
 * atomic {  ...  }                         the commands inside all succeed or none does
 * sequence {  ...  }                       the commands inside run in order
 * package                                  what follows goes in the next package, after the device answered
 * abort [&lt;reason&gt;]                         Alert 1223: the server ends the session here
 * notify [--binding sip] [--ui ...] [--format 1.3] ...   queueing the script wakes the device
 * (dmserver:notify's options; at most once, outside blocks)
 * </pre>
 *
 * A value is the rest of the line, trimmed; {@code \n}, {@code \t}, {@code \s} (a space) and {@code
 * \\} are escapes. Formats are the DM ones: b64, bin, bool, chr, int, node, null, xml, date, time,
 * float; a leaf's Type is {@code text/plain} unless given.
 */
public final class ScriptParser {
  static final Set<String> FORMATS =
      Set.of("b64", "bin", "bool", "chr", "int", "node", "null", "xml", "date", "time", "float");

  private final String name;

  public ScriptParser(String name) {
    this.name = name;
  }

  public Script parse(String text) throws ScriptException {
    List<List<Step>> packages = new ArrayList<>();
    List<Step> current = new ArrayList<>();
    Deque<Open> blocks = new ArrayDeque<>();
    Optional<List<String>> wake = Optional.empty();
    String[] lines = text.split("\r?\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = stripComment(lines[i]).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] words = line.split("\\s+");
      String keyword = words[0];
      List<Step> target = blocks.isEmpty() ? current : blocks.peek().steps;
      switch (keyword) {
        case "}" -> {
          expectWords(words, 1, 1, lineNo, "}");
          if (blocks.isEmpty()) {
            throw error(lineNo, "'}' without an open atomic or sequence");
          }
          Open done = blocks.pop();
          Step block = new Step.Block(done.kind, done.steps);
          (blocks.isEmpty() ? current : blocks.peek().steps).add(block);
        }
        case "atomic", "sequence" -> {
          if (words.length != 2 || !words[1].equals("{")) {
            throw error(lineNo, keyword + " takes a block: '" + keyword + " {'");
          }
          blocks.push(
              new Open(
                  keyword.equals("atomic") ? CommandName.ATOMIC : CommandName.SEQUENCE, lineNo));
        }
        case "package" -> {
          expectWords(words, 1, 1, lineNo, "package");
          if (!blocks.isEmpty()) {
            throw error(lineNo, "'package' inside " + blocks.peek().kind.element());
          }
          packages.add(current);
          current = new ArrayList<>();
        }
        case "abort" -> {
          if (!blocks.isEmpty()) {
            throw error(lineNo, "'abort' inside " + blocks.peek().kind.element());
          }
          String reason = rest(line, 1);
          target.add(
              new Step.Abort(reason.isEmpty() ? Optional.empty() : Optional.of(unescape(reason))));
        }
        case "notify" -> {
          if (!blocks.isEmpty() || wake.isPresent()) {
            throw error(lineNo, "'notify' at most once, outside atomic and sequence");
          }
          wake = Optional.of(wakeOptions(words, lineNo));
        }
        default -> target.add(command(words, line, lineNo));
      }
    }
    if (!blocks.isEmpty()) {
      throw error(
          blocks.peek().line,
          blocks.peek().kind.element().toLowerCase() + " block is never closed");
    }
    packages.add(current);
    return new Script(name, packages, wake);
  }

  /** The notify line's options, unescaped and checked as dmserver:notify checks them. */
  private List<String> wakeOptions(String[] words, int lineNo) throws ScriptException {
    List<String> options = new ArrayList<>();
    for (int i = 1; i < words.length; i++) {
      options.add(unescape(words[i]));
    }
    try {
      NotifyOptions.parse(options, NotificationFormat.DM13);
    } catch (IllegalArgumentException e) {
      throw error(lineNo, "notify: " + e.getMessage());
    }
    return options;
  }

  private Step command(String[] words, String line, int lineNo) throws ScriptException {
    String keyword = words[0];
    switch (keyword) {
      case "get":
        expectWords(words, 2, 2, lineNo, "get <uri>");
        return node(CommandName.GET, words[1]);
      case "delete":
        expectWords(words, 2, 2, lineNo, "delete <uri>");
        return node(CommandName.DELETE, words[1]);
      case "copy":
        expectWords(words, 3, 3, lineNo, "copy <target> <source>");
        return new Step.NodeCommand(
            CommandName.COPY,
            words[1],
            Optional.of(words[2]),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
      case "add":
        if (words.length == 2) {
          return new Step.NodeCommand(
              CommandName.ADD,
              words[1],
              Optional.empty(),
              Optional.of("node"),
              Optional.empty(),
              Optional.empty());
        }
        expectWords(words, 3, Integer.MAX_VALUE, lineNo, "add <uri> [<format>[/<type>] [<value>]]");
        return write(CommandName.ADD, words, line, lineNo);
      case "replace":
        expectWords(
            words, 3, Integer.MAX_VALUE, lineNo, "replace <uri> <format>[/<type>] [<value>]");
        return write(CommandName.REPLACE, words, line, lineNo);
      case "exec":
        expectWords(words, 2, Integer.MAX_VALUE, lineNo, "exec [--correlator <c>] <uri> [<data>]");
        if (words[1].equals("--correlator")) {
          expectWords(
              words, 4, Integer.MAX_VALUE, lineNo, "exec [--correlator <c>] <uri> [<data>]");
          String correlated = rest(line, 4);
          return new Step.ExecNode(
              words[3],
              correlated.isEmpty() ? Optional.empty() : Optional.of(unescape(correlated)),
              Optional.of(words[2]));
        }
        String data = rest(line, 2);
        return new Step.ExecNode(
            words[1], data.isEmpty() ? Optional.empty() : Optional.of(unescape(data)));
      case "alert":
        expectWords(words, 2, Integer.MAX_VALUE, lineNo, "alert <code> [<text>]");
        return alert(words[1], rest(line, 2), lineNo);
      default:
        throw error(
            lineNo,
            "unknown command '"
                + keyword
                + "' (get, add, replace, delete, copy, exec, alert, atomic, sequence, package,"
                + " abort)");
    }
  }

  private static Step node(CommandName name, String uri) {
    return new Step.NodeCommand(
        name, uri, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private Step write(CommandName name, String[] words, String line, int lineNo)
      throws ScriptException {
    String formatWord = words[2];
    int slash = formatWord.indexOf('/');
    String format = slash < 0 ? formatWord : formatWord.substring(0, slash);
    Optional<String> type =
        slash < 0 ? Optional.empty() : Optional.of(formatWord.substring(slash + 1));
    if (!FORMATS.contains(format)) {
      throw error(lineNo, "unknown format '" + format + "' (one of " + sorted(FORMATS) + ")");
    }
    if (type.isPresent() && type.get().isEmpty()) {
      throw error(lineNo, "empty Type after '" + format + "/'");
    }
    String value = rest(line, 3);
    if (format.equals("node")) {
      if (name != CommandName.ADD) {
        throw error(lineNo, "only add creates interior nodes (format node)");
      }
      if (!value.isEmpty()) {
        throw error(lineNo, "an interior node has no value; its MO type goes after 'node/'");
      }
      return new Step.NodeCommand(
          name, words[1], Optional.empty(), Optional.of(format), type, Optional.empty());
    }
    return new Step.NodeCommand(
        name,
        words[1],
        Optional.empty(),
        Optional.of(format),
        Optional.of(type.orElse("text/plain")),
        Optional.of(unescape(value)));
  }

  private Step alert(String codeWord, String rest, int lineNo) throws ScriptException {
    int code;
    try {
      code = Integer.parseInt(codeWord);
    } catch (NumberFormatException e) {
      throw error(lineNo, "alert code '" + codeWord + "' is not a number");
    }
    if (code < 1000 || code > 1999) {
      throw error(lineNo, "alert code " + code + " is outside 1000-1999");
    }
    if (code == 1223) {
      throw error(lineNo, "use 'abort' to end the session (Alert 1223)");
    }
    if (!rest.contains("|")) {
      return new Step.AlertDevice(code, "", unescape(rest), List.of());
    }
    List<String> parts = Arrays.stream(rest.split("\\|", -1)).map(String::strip).toList();
    return new Step.AlertDevice(
        code,
        parts.get(0),
        unescape(parts.get(1)),
        parts.subList(2, parts.size()).stream().map(ScriptParser::unescape).toList());
  }

  /** The text after the first {@code words} words of the line, trimmed. */
  private static String rest(String line, int words) {
    String s = line.strip();
    for (int i = 0; i < words; i++) {
      int space = indexOfSpace(s);
      if (space < 0) {
        return "";
      }
      s = s.substring(space).stripLeading();
    }
    return s;
  }

  private static int indexOfSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * A {@code #} starts a comment at the line's start or after a space; inside a word it is kept.
   */
  private static String stripComment(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        switch (n) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 's' -> out.append(' ');
          case '\\' -> out.append('\\');
          default -> out.append('\\').append(n);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private void expectWords(String[] words, int min, int max, int lineNo, String usage)
      throws ScriptException {
    if (words.length < min || words.length > max) {
      throw error(lineNo, "usage: " + usage);
    }
  }

  private ScriptException error(int line, String message) {
    return new ScriptException(name, line, message);
  }

  private static String sorted(Set<String> s) {
    return String.join(", ", s.stream().sorted().toList());
  }

  private static final class Open {
    final CommandName kind;
    final int line;
    final List<Step> steps = new ArrayList<>();

    Open(CommandName kind, int line) {
      this.kind = kind;
      this.line = line;
    }
  }
}
