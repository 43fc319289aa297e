package io.dmagent.server.script;

/** A script that does not parse: says which line and why. */
public class ScriptException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int line;

  public ScriptException(String script, int line, String message) {
    super(script + " line " + line + ": " + message);
    this.line = line;
  }

  public ScriptException(String message, Throwable cause) {
    super(message, cause);
    this.line = 0;
  }

  /** The line number, from 1; 0 when the script could not be read at all. */
  public int line() {
    return line;
  }
}
