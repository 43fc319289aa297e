package io.dmagent.server.component;

import io.dmagent.server.push.PushBinding;
import io.dmagent.server.script.Script;
import io.dmagent.server.script.ScriptException;
import io.dmagent.server.sessionless.SessionlessCommands;
import io.dmagent.server.sessionless.SessionlessException;
import java.util.List;
import java.util.Optional;

/** {@code dmserver:push <DevId> <script> [--report] [--binding b]}: its words, its one line. */
final class PushCommand {
  static final String USAGE =
      "dmserver:push <DevId> <script> [--report] [--binding http|sip|wap|mqtt]";

  /** Finds a script by name. */
  interface Scripts {
    Script named(String name) throws ScriptException;
  }

  private PushCommand() {}

  static String run(
      String devId,
      String scriptName,
      List<String> options,
      Scripts scripts,
      SessionlessCommands sessionless) {
    boolean report = false;
    Optional<PushBinding> binding = Optional.empty();
    for (int i = 0; i < options.size(); i++) {
      String o = options.get(i);
      if (o.equals("--report")) {
        report = true;
      } else if (o.equals("--binding") && i + 1 < options.size()) {
        String value = options.get(++i);
        binding = PushBinding.named(value);
        if (binding.isEmpty()) {
          return "error: bad value for --binding: " + value + "; usage: " + USAGE;
        }
      } else {
        return "error: unknown option " + o + "; usage: " + USAGE;
      }
    }
    try {
      return sessionless.push(devId, scripts.named(scriptName), report, binding);
    } catch (ScriptException | SessionlessException e) {
      return "error: " + e.getMessage();
    }
  }
}
