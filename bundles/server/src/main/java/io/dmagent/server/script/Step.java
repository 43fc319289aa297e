package io.dmagent.server.script;

import io.dmagent.api.message.CommandName;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line (or block) of a script: a command the server will send, not yet numbered. {@link
 * StepCompiler} turns it into a message command with CmdIDs when it goes out.
 */
public sealed interface Step {

  /**
   * Get, Add, Replace, Delete or Copy of one node. {@code format} and {@code value} are set for a
   * leaf written by Add or Replace; Add with format {@code node} and no value adds an interior
   * node, whose {@code type} is then its MO identifier.
   */
  record NodeCommand(
      CommandName name,
      String target,
      Optional<String> source,
      Optional<String> format,
      Optional<String> type,
      Optional<String> value)
      implements Step {
    public NodeCommand {
      Objects.requireNonNull(name);
      Objects.requireNonNull(target);
      Objects.requireNonNull(source);
      Objects.requireNonNull(format);
      Objects.requireNonNull(type);
      Objects.requireNonNull(value);
    }
  }

  /**
   * Exec of a node, with optional data as its argument and the Correlator a later Generic Alert
   * echoes.
   */
  record ExecNode(String target, Optional<String> data, Optional<String> correlator)
      implements Step {
    public ExecNode {
      Objects.requireNonNull(target);
      Objects.requireNonNull(data);
      Objects.requireNonNull(correlator);
    }

    public ExecNode(String target, Optional<String> data) {
      this(target, data, Optional.empty());
    }
  }

  /**
   * An Alert to the device: user interaction (1100-1104) with its options, text and choices, or any
   * other code with its texts as items.
   */
  record AlertDevice(int code, String options, String text, List<String> choices) implements Step {
    public AlertDevice {
      Objects.requireNonNull(options);
      Objects.requireNonNull(text);
      choices = List.copyOf(choices);
    }
  }

  /** Atomic or Sequence around its steps. */
  record Block(CommandName kind, List<Step> steps) implements Step {
    public Block {
      if (kind != CommandName.ATOMIC && kind != CommandName.SEQUENCE) {
        throw new IllegalArgumentException(kind + " is no block");
      }
      steps = List.copyOf(steps);
    }
  }

  /** Alert 1223: the server ends the session here, whatever else the script holds. */
  record Abort(Optional<String> reason) implements Step {
    public Abort {
      Objects.requireNonNull(reason);
    }
  }
}
