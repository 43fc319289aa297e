package io.dmagent.codec.message;

import static io.dmagent.codec.fuzz.ByteEdits.delete;
import static io.dmagent.codec.fuzz.ByteEdits.insert;
import static io.dmagent.codec.fuzz.ByteEdits.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.MessageFormatException;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.codec.testing.Vectors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Thousands of random mutations of real messages (bytes flipped, replaced, inserted, deleted,
 * repeated, cut): each decodes to a model or is refused with a {@link MessageFormatException},
 * never another exception, never through the decoder's safety net, within bounded time. A decoded
 * model encodes again in its encoding. The seed is fixed, so a failure repeats.
 */
class FuzzTest {
  private static final int MUTATIONS = Integer.getInteger("dmagent.fuzz.mutations", 4000);
  private static final Duration HANG_GUARD =
      Duration.ofSeconds(Integer.getInteger("dmagent.fuzz.seconds", 120));
  private final SyncMlCodec codec = new SyncMlCodec();

  private static List<byte[]> seeds(Encoding encoding) {
    List<byte[]> seeds = new ArrayList<>();
    RoundTripTest.vectors()
        .filter(v -> v.endsWith(".wbxml") == (encoding == Encoding.WBXML))
        .forEach(v -> seeds.add(Vectors.shared(v)));
    seeds.add(new SyncMlCodec().encode(Messages.messages().get("everything"), encoding));
    return seeds;
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_mutated_message_is_decoded_or_refused_cleanly(Encoding encoding) {
    List<byte[]> seeds = seeds(encoding);
    Random random = new Random(20_241_124L + encoding.ordinal());
    int[] outcomes = new int[2];

    assertTimeoutPreemptively(
        HANG_GUARD,
        () -> {
          for (int i = 0; i < MUTATIONS; i++) {
            byte[] mutant = mutate(seeds.get(random.nextInt(seeds.size())), random);
            try {
              SyncMessage m = codec.decode(mutant, encoding, 1 << 20);
              codec.encode(m, encoding);
              outcomes[0]++;
            } catch (MessageFormatException e) {
              assertThat(e.status()).isIn(400, 413, 415);
              assertThat(e.getMessage()).doesNotContain("internal error");
              outcomes[1]++;
            }
          }
        });

    // Both outcomes occur, or the mutations test nothing.
    assertThat(outcomes[0]).isPositive();
    assertThat(outcomes[1]).isPositive();
  }

  private static byte[] mutate(byte[] seed, Random random) {
    byte[] b = seed.clone();
    int rounds = 1 + random.nextInt(4);
    for (int r = 0; r < rounds && b.length > 0; r++) {
      int at = random.nextInt(b.length);
      switch (random.nextInt(7)) {
        case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
        case 1 -> b[at] = (byte) random.nextInt(256);
        case 2 ->
            b[at] =
                (byte)
                    (new int[] {0x00, 0x01, 0x03, 0x83, 0xC3, 0x40, 0x80, '<', '>', '&'})
                        [random.nextInt(10)];
        case 3 -> b = insert(b, at, randomBytes(random, 1 + random.nextInt(8)));
        case 4 -> b = delete(b, at, 1 + random.nextInt(Math.min(16, b.length - at)));
        case 5 -> {
          int length = 1 + random.nextInt(Math.min(64, b.length - at));
          b = insert(b, random.nextInt(b.length), Arrays.copyOfRange(b, at, at + length));
        }
        default -> b = Arrays.copyOf(b, at);
      }
    }
    return b;
  }
}
