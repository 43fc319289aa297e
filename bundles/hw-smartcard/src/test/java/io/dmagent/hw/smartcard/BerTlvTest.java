package io.dmagent.hw.smartcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BerTlvTest {
  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  @Test
  void parses_nested_objects_two_byte_tags_and_long_lengths() throws Exception {
    byte[] data = hex("A7 0A 30 08 5F2D 02 656E 0401 01" + " 53 82 012C" + "00".repeat(300));

    List<Tlv> objects = BerTlv.parse(data);

    assertThat(objects).extracting(Tlv::tag).containsExactly(0xA7, 0x53);
    assertThat(objects.get(1).valueLength()).isEqualTo(300);
    Tlv sequence = objects.get(0).children().get(0);
    assertThat(sequence.children()).extracting(Tlv::tag).containsExactly(0x5F2D, 0x04);
    assertThat(sequence.children().get(0).value()).isEqualTo("en".getBytes());
  }

  @Test
  void padding_between_and_after_objects_is_skipped() throws Exception {
    assertThat(BerTlv.parse(hex("00 0401AA FF FF 00"))).hasSize(1);
  }

  @Test
  void a_value_longer_than_what_is_left_is_refused() {
    assertThatThrownBy(() -> BerTlv.parse(hex("30 05 0401AA")))
        .isInstanceOf(CardDataException.class)
        .hasMessageContaining("5 bytes announced, 3 left");
  }

  @Test
  void an_indefinite_length_is_refused() {
    assertThatThrownBy(() -> BerTlv.parse(hex("30 80 0401AA 0000")))
        .isInstanceOf(CardDataException.class)
        .hasMessageContaining("indefinite");
  }

  @Test
  void a_length_of_more_than_three_bytes_is_refused() {
    assertThatThrownBy(() -> BerTlv.parse(hex("04 84 00000001 AA")))
        .isInstanceOf(CardDataException.class)
        .hasMessageContaining("bad length field");
  }

  @Test
  void a_tag_running_off_the_end_is_refused() {
    assertThatThrownBy(() -> BerTlv.parse(hex("5F 81")))
        .isInstanceOf(CardDataException.class)
        .hasMessageContaining("tag");
  }

  @Test
  void more_objects_than_the_bound_are_refused() {
    byte[] many = new byte[2 * (BerTlv.MAX_OBJECTS + 1)];
    for (int i = 0; i < many.length; i += 2) {
      many[i] = 0x05; // NULL, length 0
    }
    assertThatThrownBy(() -> BerTlv.parse(many))
        .isInstanceOf(CardDataException.class)
        .hasMessageContaining("more than 1024");
  }

  @Test
  void random_bytes_give_objects_or_a_card_data_error_and_nothing_else() {
    Random random = new Random(16);
    for (int run = 0; run < 20_000; run++) {
      byte[] garbage = new byte[random.nextInt(64)];
      random.nextBytes(garbage);
      try {
        walk(BerTlv.parse(garbage), 0);
      } catch (CardDataException expected) {
        // Refused, as bad card data must be.
      }
    }
  }

  private static void walk(List<Tlv> objects, int depth) throws CardDataException {
    for (Tlv object : objects) {
      assertThat(object.valueOffset() + object.valueLength())
          .isLessThanOrEqualTo(object.source().length);
      if (object.constructed() && depth < 16) {
        walk(object.children(), depth + 1);
      }
    }
  }
}
