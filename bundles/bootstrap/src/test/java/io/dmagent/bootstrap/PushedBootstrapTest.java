package io.dmagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.push.PushMessage;
import io.dmagent.api.push.PushOutcome;
import io.dmagent.api.push.PushVerdict;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushedBootstrapTest {
  @TempDir Path data;

  @Test
  void a_signed_push_is_accepted_and_the_same_one_again_is_a_duplicate() throws Exception {
    try (Fixture f = new Fixture(data, BootstrapSettings.defaults(), Messages.secrets())) {
      byte[] body = Messages.oneAccount("a", "acme", "https://dm.example.com/");
      String type = Messages.netwpin(Messages.DM_WBXML, body);
      PushedBootstrap handler = new PushedBootstrap(f.engine);

      PushVerdict first = handler.handle(new PushMessage("wap", type, body, "127.0.0.1:9"));
      PushVerdict again = handler.handle(new PushMessage("wap", type, body, "127.0.0.1:9"));

      assertThat(first.outcome()).isEqualTo(PushOutcome.ACCEPTED);
      assertThat(again.outcome()).isEqualTo(PushOutcome.DUPLICATE);
    }
  }

  @Test
  void a_push_with_a_bad_mac_is_unauthenticated() throws Exception {
    try (Fixture f = new Fixture(data, BootstrapSettings.defaults(), Messages.secrets())) {
      byte[] body = Messages.oneAccount("a", "acme", "https://dm.example.com/");
      String type = Messages.DM_WBXML + "; SEC=0; MAC=" + "00".repeat(20);

      PushVerdict v =
          new PushedBootstrap(f.engine).handle(new PushMessage("wap", type, body, "peer"));

      assertThat(v.outcome()).isEqualTo(PushOutcome.UNAUTHENTICATED);
      assertThat(f.exists("./DMAcc/a")).isFalse();
    }
  }
}
