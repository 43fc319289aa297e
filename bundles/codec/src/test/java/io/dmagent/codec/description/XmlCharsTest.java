package io.dmagent.codec.description;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** XML 1.0's Char production, which both writers and the message reader check text against. */
class XmlCharsTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "plain", "a\tb\nc\rd", "é 日本", "\uD83D\uDE00", "\uE000\uFFFD"})
  void text_of_legal_characters_is_legal(String text) {
    assertThat(XmlChars.isLegal(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"\u0000", "a\u0001", "\u001F", "\uFFFE", "\uFFFF", "\uD800", "x\uDC00y", "\uD83D"})
  void control_characters_non_characters_and_lone_surrogates_are_not(String text) {
    assertThat(XmlChars.isLegal(text)).isFalse();
  }
}
