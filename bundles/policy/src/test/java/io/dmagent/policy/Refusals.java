package io.dmagent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.StatusCode;

/** Asserting a refused DM command: its status and its message. */
final class Refusals {
  private Refusals() {}

  interface Call {
    void run() throws Exception;
  }

  static DmException refused(StatusCode status, Call call) {
    DmException e =
        catchThrowableOfType(
            () -> {
              try {
                call.run();
              } catch (DmException d) {
                throw d;
              } catch (Exception other) {
                throw new AssertionError(other);
              }
            },
            DmException.class);
    assertThat(e).as("a refusal with %s", status).isNotNull();
    assertThat(e.status()).isEqualTo(status);
    return e;
  }
}
