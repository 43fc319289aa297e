package io.dmagent.codec.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.Command;
import io.dmagent.api.message.ItemCommand;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.codec.testing.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A sender fills messages up to the peer's MaxMsgSize from {@code overhead} and {@code
 * encodedSize}: their sum must be the encoded length, exactly, whatever the commands and order.
 */
class EncodedSizeTest {
  private final SyncMlCodec codec = new SyncMlCodec();

  private int predicted(SyncMessage m, Encoding encoding) {
    int size = codec.overhead(m.header(), encoding);
    for (Command c : m.commands()) {
      size += codec.encodedSize(c, encoding);
    }
    return size;
  }

  static Stream<Arguments> finalMessages() {
    return RoundTripTest.messages().filter(a -> ((SyncMessage) a.get()[2]).isFinal());
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("finalMessages")
  void overhead_and_command_sizes_add_up_to_the_encoded_length(
      String name, Encoding encoding, SyncMessage message) {
    assertThat(predicted(message, encoding)).isEqualTo(codec.encode(message, encoding).length);
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void the_sum_is_exact_for_real_messages_in_any_order_of_their_commands(Encoding encoding)
      throws Exception {
    Random random = new Random(4);
    for (String vector : RoundTripTest.vectors().filter(v -> !v.contains("syncml-0")).toList()) {
      Encoding from = vector.endsWith(".wbxml") ? Encoding.WBXML : Encoding.XML;
      SyncMessage m = codec.decode(Vectors.shared(vector), from, 1 << 20);
      List<Command> shuffled = new ArrayList<>(m.commands());
      java.util.Collections.shuffle(shuffled, random);
      SyncMessage again = new SyncMessage(m.header(), shuffled, true);

      assertThat(predicted(again, encoding))
          .as(vector)
          .isEqualTo(codec.encode(again, encoding).length);
    }
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_message_without_final_is_shorter_by_what_the_documentation_says(Encoding encoding) {
    for (Command last : Messages.commands().values()) {
      SyncMessage m =
          new SyncMessage(
              Messages.clientHeader(), List.of(Messages.commands().get("get"), last), false);
      int pageSwitch = encoding == Encoding.WBXML && endsOffPageZero(last) ? 2 : 0;
      int finalElement = encoding == Encoding.XML ? "<Final/>".length() : 1;

      assertThat(codec.encode(m, encoding).length)
          .as(last.toString())
          .isEqualTo(predicted(m, encoding) - finalElement - pageSwitch);
    }
  }

  /** Whether the WBXML of the command alone ends on a page other than 0. */
  private boolean endsOffPageZero(Command c) {
    WbxmlSink sink = new WbxmlSink(false);
    new MessageWriter(sink).command(c);
    return sink.page() != 0;
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void an_interior_node_item_ends_on_the_metinf_page_and_still_adds_up(Encoding encoding) {
    Command add = Messages.commands().get("add of a leaf and an interior node");
    assertThat(((ItemCommand) add).items().get(1).data()).isEmpty();
    SyncMessage m =
        new SyncMessage(
            Messages.serverHeader(), List.of(add, add, Messages.commands().get("get")), true);

    assertThat(predicted(m, encoding)).isEqualTo(codec.encode(m, encoding).length);
  }
}
