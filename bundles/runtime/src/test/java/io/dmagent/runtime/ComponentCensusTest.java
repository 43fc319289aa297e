package io.dmagent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentCensusTest {
  @Test
  void the_reason_of_a_failed_activation_is_the_innermost_cause_without_its_class() {
    String failure =
        "java.lang.reflect.InvocationTargetException\n"
            + "\tat java.base/jdk.internal.reflect.Foo.bar(Foo.java:1)\n"
            + "Caused by: java.io.UncheckedIOException: cannot listen\n"
            + "\tat x.Y.z(Y.java:2)\n"
            + "Caused by: java.net.BindException: Address already in use\n"
            + "\t... 12 more\n";

    assertThat(ComponentCensus.rootCause(failure)).isEqualTo("Address already in use");
  }

  @Test
  void a_failure_without_a_cause_gives_its_first_line() {
    assertThat(ComponentCensus.rootCause("java.lang.IllegalStateException: tree closed\n\tat a"))
        .isEqualTo("tree closed");
  }

  @Test
  void a_message_of_one_word_keeps_the_exception_s_simple_name() {
    assertThat(
            ComponentCensus.rootCause(
                "java.lang.reflect.InvocationTargetException\n"
                    + "Caused by: java.nio.file.FileAlreadyExistsException: /opt/dmagent/data\n"))
        .isEqualTo("FileAlreadyExistsException: /opt/dmagent/data");
  }

  @Test
  void the_census_names_what_is_not_active() {
    ComponentCensus census =
        new ComponentCensus(23, 24, List.of("x.Server (x): activation failed: port taken"));

    assertThat(census.allActive()).isFalse();
    assertThat(census)
        .hasToString(
            "23 of 24 components active; not active: x.Server (x): activation failed: port taken");
  }
}
