package io.dmagent.codec.fuzz;

import static io.dmagent.codec.fuzz.ByteEdits.delete;
import static io.dmagent.codec.fuzz.ByteEdits.insert;
import static io.dmagent.codec.fuzz.ByteEdits.randomBytes;

import io.dmagent.codec.markup.WorkMeter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The project's own fuzzer over every decoder entry point: mutates seed inputs (bytes flipped,
 * replaced, inserted, deleted, cut; slices repeated; markup that costs work spliced in: attributes,
 * namespace declarations, references, deep nesting, WBXML table references) and asserts of each
 * input "a declared refusal or success, in bounded work": a model, or a refusal with 400, 413 or
 * 415, never another exception, within {@link Budget}. Deterministic for a seed and a number of
 * inputs; a finding records the seed and the input's index so it can be replayed.
 */
final class Fuzzer {
  /** What one run found; {@code maxSteps} is per byte, over inputs of 4 KB or more. */
  record Report(long inputs, long decoded, long refused, long maxSteps, List<String> findings) {}

  private static final int MAX_INPUT = 1 << 20;

  private static final String[] XML_SPLICES = {
    " a=\"1\" b=\"2\" xmlns:p=\"urn:p\"",
    "&#1;",
    "&amp;&#x41;&lt;",
    "&",
    "&undeclared;",
    "<![CDATA[x]]>",
    "<!-- c -->",
    "<?pi x?>",
    "<!DOCTYPE x [<!ENTITY e \"e\">]>",
    "<p:x xmlns:p=\"urn:p\">",
    "</p:x>",
    "<x/>",
    "\u0001",
    "\r\n"
  };

  private static final int[][] WBXML_SPLICES = {
    {0x83, 0x00}, // STR_T of index 0
    {0x04, 0x00}, // LITERAL of index 0
    {0x44, 0x00, 0x01}, // LITERAL with content, END
    {0x02, 0x41}, // ENTITY 'A'
    {0x03, 'a', 0x00}, // STR_I
    {0xC3, 0x02, 'o', 'p'}, // OPAQUE
    {0x00, 0x02}, // SWITCH_PAGE 2
    {0x80, 0x01}, // EXT_T_0
    {0xC5, 0x05, 0x01, 0x01}, // a tag with attributes
    {0x01} // END
  };

  private final Map<EntryPoint, List<byte[]>> seeds;
  private final Optional<Path> keep;
  private final Random random;
  private final long seed;

  /** {@code keep}: a folder to write each finding's input to, for replay and minimisation. */
  Fuzzer(Map<EntryPoint, List<byte[]>> seeds, long seed, Optional<Path> keep) {
    this.seeds = seeds;
    this.keep = keep;
    this.seed = seed;
    this.random = new Random(seed);
  }

  /** Runs until {@code maxInputs} inputs or {@code millis} have passed, whichever comes first. */
  Report run(long maxInputs, long millis) {
    long deadline = System.currentTimeMillis() + millis;
    EntryPoint[] entries = seeds.keySet().toArray(EntryPoint[]::new);
    Arrays.sort(entries);
    long inputs = 0;
    long decoded = 0;
    long refused = 0;
    long maxSteps = 0;
    List<String> findings = new ArrayList<>();
    while (inputs < maxInputs && System.currentTimeMillis() < deadline) {
      EntryPoint entry = entries[random.nextInt(entries.length)];
      List<byte[]> pool = seeds.get(entry);
      byte[] input = mutate(pool.get(random.nextInt(pool.size())), entry);
      inputs++;
      WorkMeter work = new WorkMeter();
      try {
        EntryPoint.Outcome outcome = entry.decode(input, work);
        if (outcome.decoded()) {
          decoded++;
        } else if (outcome.status() == 400 || outcome.status() == 413 || outcome.status() == 415) {
          refused++;
        } else {
          findings.add(finding(entry, inputs, input, "refused with status " + outcome.status()));
        }
      } catch (RuntimeException | StackOverflowError e) {
        findings.add(finding(entry, inputs, input, "threw " + e));
      }
      if (input.length >= 4096) {
        // Per byte, where the fixed cost of a small document no longer dominates.
        maxSteps = Math.max(maxSteps, work.steps() / input.length);
      }
      if (work.steps() > Budget.of(input.length)) {
        findings.add(
            finding(entry, inputs, input, work.steps() + " steps, over the linear budget"));
      }
    }
    return new Report(inputs, decoded, refused, maxSteps, findings);
  }

  private String finding(EntryPoint entry, long index, byte[] input, String what) {
    keep.ifPresent(
        folder -> {
          try {
            Files.createDirectories(folder);
            Files.write(folder.resolve(entry + "-" + seed + "-" + index + ".bin"), input);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    return entry
        + " input #"
        + index
        + " of seed "
        + seed
        + " ("
        + input.length
        + " bytes): "
        + what;
  }

  private byte[] mutate(byte[] seedInput, EntryPoint entry) {
    byte[] b = seedInput.clone();
    int rounds = 1 + random.nextInt(4);
    for (int r = 0; r < rounds && b.length > 0; r++) {
      int at = random.nextInt(b.length);
      switch (random.nextInt(9)) {
        case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
        case 1 -> b[at] = (byte) random.nextInt(256);
        case 2 -> b = insert(b, at, randomBytes(random, 1 + random.nextInt(8)));
        case 3 -> b = delete(b, at, 1 + random.nextInt(Math.min(16, b.length - at)));
        case 4 -> b = Arrays.copyOf(b, at);
        case 5 -> b = repeatSlice(b, at);
        case 6, 7 -> b = insert(b, at, splice(entry));
        default -> b = insert(b, at, repeated(splice(entry), 1 + random.nextInt(2000)));
      }
    }
    return b.length > MAX_INPUT ? Arrays.copyOf(b, MAX_INPUT) : b;
  }

  private byte[] splice(EntryPoint entry) {
    if (entry.encoding() == io.dmagent.api.description.Encoding.XML) {
      return XML_SPLICES[random.nextInt(XML_SPLICES.length)].getBytes(StandardCharsets.UTF_8);
    }
    int[] tokens = WBXML_SPLICES[random.nextInt(WBXML_SPLICES.length)];
    byte[] b = new byte[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      b[i] = (byte) tokens[i];
    }
    return b;
  }

  /** A slice of the input repeated up to a thousand times, in place: amplified structure. */
  private byte[] repeatSlice(byte[] b, int at) {
    int length = 1 + random.nextInt(Math.min(64, b.length - at));
    return insert(
        b,
        random.nextInt(b.length),
        repeated(Arrays.copyOfRange(b, at, at + length), 1 + random.nextInt(1000)));
  }

  private static byte[] repeated(byte[] piece, int times) {
    byte[] r = new byte[piece.length * times];
    for (int i = 0; i < times; i++) {
      System.arraycopy(piece, 0, r, i * piece.length, piece.length);
    }
    return r;
  }
}
