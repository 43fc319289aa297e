package io.dmagent.codec.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.description.Encoding;
import io.dmagent.api.message.SyncMessage;
import io.dmagent.codec.testing.Vectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What is encoded decodes to the same model; what is decoded encodes to stable bytes. */
class RoundTripTest {
  private static final int ANY_SIZE = 1 << 24;
  private final SyncMlCodec codec = new SyncMlCodec();

  static Stream<Arguments> messages() {
    return Messages.messages().entrySet().stream()
        .flatMap(
            e ->
                Stream.of(Encoding.values())
                    .map(enc -> Arguments.of(e.getKey(), enc, e.getValue())));
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("messages")
  void a_message_decodes_from_its_encoding_to_the_same_model(
      String name, Encoding encoding, SyncMessage message) throws Exception {
    byte[] bytes = codec.encode(message, encoding);

    // XML has no opaque data: it carries the bytes as their text.
    SyncMessage expected = encoding == Encoding.XML ? Comparable.opaqueAsText(message) : message;
    assertThat(codec.decode(bytes, encoding, ANY_SIZE)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("messages")
  void the_other_encoding_carries_the_same_model(
      String name, Encoding encoding, SyncMessage message) throws Exception {
    Encoding other = encoding == Encoding.XML ? Encoding.WBXML : Encoding.XML;
    SyncMessage once = codec.decode(codec.encode(message, encoding), encoding, ANY_SIZE);

    SyncMessage twice = codec.decode(codec.encode(once, other), other, ANY_SIZE);

    assertThat(Comparable.opaqueAsText(twice)).isEqualTo(Comparable.opaqueAsText(message));
  }

  static Stream<String> vectors() {
    return Stream.concat(
        VectorDecodingTest.xmlMessages(),
        VectorDecodingTest.wbxmlWithTheirXml().map(pair -> pair[0]));
  }

  @ParameterizedTest
  @MethodSource("vectors")
  void a_real_message_reencodes_to_bytes_that_are_stable(String vector) throws Exception {
    Encoding encoding = vector.endsWith(".wbxml") ? Encoding.WBXML : Encoding.XML;
    SyncMessage m = codec.decode(Vectors.shared(vector), encoding, ANY_SIZE);

    byte[] once = codec.encode(m, encoding);
    SyncMessage again = codec.decode(once, encoding, ANY_SIZE);

    assertThat(again).isEqualTo(m);
    assertThat(codec.encode(again, encoding)).isEqualTo(once);
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void a_message_with_a_dm_13_header_keeps_its_versions(Encoding encoding) throws Exception {
    SyncMessage m = Messages.messages().get("empty body");

    SyncMessage back = codec.decode(codec.encode(m, encoding), encoding, ANY_SIZE);

    assertThat(back.header().verProto()).isEqualTo("DM/1.3");
    assertThat(back.header().verDtd()).isEqualTo("1.2");
  }
}
