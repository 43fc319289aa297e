package io.dmagent.codec.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.MessageFormatException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A refused message's text is fit for a log line: a megabyte element name comes out cut. */
class RefusalTextTest {
  @Test
  void a_megabyte_element_name_is_cut_in_the_refusal() {
    String name = "X".repeat(1_000_000);
    byte[] message =
        ("<SyncML><SyncHdr><" + name + "/></SyncHdr></SyncML>").getBytes(StandardCharsets.UTF_8);

    MessageFormatException e =
        catchThrowableOfType(
            () -> new SyncMlCodec().decode(message, Encoding.XML, 4 * 1024 * 1024),
            MessageFormatException.class);

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).hasSizeLessThan(Refusal.MAX_MESSAGE + 40);
  }
}
