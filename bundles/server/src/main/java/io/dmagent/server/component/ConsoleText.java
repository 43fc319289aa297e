package io.dmagent.server.component;

import io.dmagent.server.CommandRecord;
import io.dmagent.server.DeviceRecord;
import io.dmagent.server.ReceivedAlert;
import io.dmagent.server.ResultItem;
import io.dmagent.server.SessionRecord;
import io.dmagent.server.sessionless.ReceivedReport;
import java.util.List;
import java.util.Locale;

/** What the dmserver:* commands print: plain lines, one fact a line. */
final class ConsoleText {
  private static final int MAX_VALUE_CHARS = 120;

  private ConsoleText() {}

  static String devices(List<DeviceRecord> devices) {
    if (devices.isEmpty()) {
      return "no device has opened a session yet";
    }
    StringBuilder out = new StringBuilder();
    for (DeviceRecord d : devices) {
      out.append(d.devId());
      String man = d.devInfo().getOrDefault("./DevInfo/Man", "");
      String mod = d.devInfo().getOrDefault("./DevInfo/Mod", "");
      if (!man.isEmpty() || !mod.isEmpty()) {
        out.append(" (").append((man + " " + mod).strip()).append(')');
      }
      out.append(": ").append(d.sessions().size()).append(" session(s)");
      d.lastSession().ifPresent(s -> out.append(", last ").append(headline(s)));
      out.append('\n');
    }
    return out.toString().stripTrailing();
  }

  static String reports(List<ReceivedReport> reports) {
    if (reports.isEmpty()) {
      return "no sessionless report has arrived";
    }
    StringBuilder out = new StringBuilder();
    for (ReceivedReport r : reports) {
      out.append(r.id())
          .append(' ')
          .append(r.devId())
          .append(' ')
          .append(r.alert())
          .append(' ')
          .append(shorten(r.data()))
          .append(' ')
          .append(r.received())
          .append('\n');
    }
    return out.toString().stripTrailing();
  }

  static String results(DeviceRecord device) {
    if (device.lastSession().isEmpty()) {
      return device.devId() + " has not opened a session yet";
    }
    SessionRecord s = device.lastSession().get();
    StringBuilder out = new StringBuilder();
    out.append(device.devId()).append(": ").append(headline(s)).append('\n');
    for (CommandRecord c : s.commands()) {
      out.append(c.parent().isPresent() ? "    " : "  ")
          .append(c.cmdId())
          .append(' ')
          .append(c.element());
      if (!c.target().isEmpty()) {
        out.append(' ').append(c.target());
      }
      out.append(" -> ").append(c.statuses().isEmpty() ? "no status" : join(c.statuses()));
      for (ResultItem r : c.results()) {
        out.append("\n      ")
            .append(r.uri().isEmpty() ? "answer" : r.uri())
            .append(" = ")
            .append(shorten(r.data()));
      }
      out.append('\n');
    }
    appendAlerts(out, s.alerts());
    return out.toString().stripTrailing();
  }

  /**
   * The alerts of every session the server still keeps for the device, oldest first, each session
   * named by its headline: a Generic Alert that came in a session since followed by others is still
   * there.
   */
  static String alerts(DeviceRecord device) {
    StringBuilder out = new StringBuilder();
    for (SessionRecord s : device.sessions()) {
      if (!s.alerts().isEmpty()) {
        out.append(device.devId()).append(": ").append(headline(s)).append('\n');
        appendAlerts(out, s.alerts());
      }
    }
    return out.isEmpty()
        ? device.devId() + " sent no alert in the sessions kept"
        : out.toString().stripTrailing();
  }

  private static void appendAlerts(StringBuilder out, List<ReceivedAlert> alerts) {
    for (ReceivedAlert a : alerts) {
      out.append("  alert ").append(a.code());
      a.correlator().ifPresent(c -> out.append(" correlator ").append(c));
      for (ReceivedAlert.AlertItem i : a.items()) {
        out.append("\n      ");
        i.type().ifPresent(t -> out.append(t).append(' '));
        i.mark().ifPresent(m -> out.append('(').append(m).append(") "));
        i.source().ifPresent(src -> out.append(src).append(' '));
        out.append("= ").append(shorten(i.data()));
      }
      out.append('\n');
    }
  }

  private static String headline(SessionRecord s) {
    return "session "
        + s.sessionId()
        + " (script "
        + s.script()
        + ") "
        + s.state().name().toLowerCase(Locale.ROOT).replace('_', ' ')
        + " at "
        + s.ended().orElse(s.started())
        + ", "
        + s.managementCommands()
        + " commands";
  }

  private static String join(List<Integer> codes) {
    return String.join(",", codes.stream().map(String::valueOf).toList());
  }

  private static String shorten(String value) {
    String oneLine = value.replace("\n", "\\n");
    return oneLine.length() <= MAX_VALUE_CHARS
        ? oneLine
        : oneLine.substring(0, MAX_VALUE_CHARS) + "... (" + value.length() + " chars)";
  }
}
