package io.dmagent.api.session;

/** The user-interaction alerts of DM (1100–1104). */
public enum UiKind {
  /** 1100: show a text. */
  DISPLAY(1100),
  /** 1101: ask yes or no. */
  CONFIRM(1101),
  /** 1102: ask for a text. */
  TEXT_INPUT(1102),
  /** 1103: one of several choices. */
  SINGLE_CHOICE(1103),
  /** 1104: any number of several choices. */
  MULTIPLE_CHOICE(1104);

  private final int alertCode;

  UiKind(int alertCode) {
    this.alertCode = alertCode;
  }

  public int alertCode() {
    return alertCode;
  }

  public static java.util.Optional<UiKind> ofAlertCode(int code) {
    for (UiKind k : values()) {
      if (k.alertCode == code) {
        return java.util.Optional.of(k);
      }
    }
    return java.util.Optional.empty();
  }
}
