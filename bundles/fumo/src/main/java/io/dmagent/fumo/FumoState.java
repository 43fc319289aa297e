package io.dmagent.fumo;

import java.util.Arrays;

/** The values of {@code ./FUMO/State} (FUMO 1.0). */
enum FumoState {
  IDLE(10),
  DOWNLOAD_FAILED(20),
  DOWNLOAD_PROGRESSING(30),
  DOWNLOAD_COMPLETE(40),
  READY_TO_UPDATE(50),
  UPDATE_PROGRESSING(60),
  UPDATE_FAILED_HAVE_DATA(70),
  UPDATE_FAILED_NO_DATA(80),
  UPDATE_SUCCESSFUL_HAVE_DATA(90),
  UPDATE_SUCCESSFUL_NO_DATA(100);

  final int code;

  FumoState(int code) {
    this.code = code;
  }

  static FumoState of(int code) {
    return Arrays.stream(values()).filter(s -> s.code == code).findFirst().orElse(IDLE);
  }

  /** Whether a download or an update is running, so no other Exec may start one. */
  boolean busy() {
    return this == DOWNLOAD_PROGRESSING || this == UPDATE_PROGRESSING;
  }
}
