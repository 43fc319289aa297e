package io.dmagent.runtime;

/**
 * Who asks for a feature change at run time: the operator at the console may force a set that
 * cannot reach a DM server; a caller of the feature service (a DM server, through SCOMO) never can.
 */
public enum ChangeOrigin {
  CONSOLE("from the console", true),
  SERVICE("through the feature service", false);

  private final String logText;
  private final boolean mayForce;

  ChangeOrigin(String logText, boolean mayForce) {
    this.logText = logText;
    this.mayForce = mayForce;
  }

  String logText() {
    return logText;
  }

  boolean mayForce() {
    return mayForce;
  }
}
