package io.dmagent.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.StatusCode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ErrorLineTest {
  @Test
  void a_dm_failure_is_one_line_with_its_status_code_once() {
    DmException e = new DmException(StatusCode.NOT_FOUND, "./Nope does not exist");

    assertThat(ErrorLine.of(e)).isEqualTo("error 404: ./Nope does not exist");
  }

  @Test
  void a_malformed_uri_is_a_400_line() {
    try {
      NodeUri.parse("./A//B");
    } catch (DmException e) {
      assertThat(ErrorLine.of(e)).startsWith("error 400: malformed node URI");
      return;
    }
    throw new AssertionError("parsed");
  }

  @Test
  void any_other_failure_is_a_500_line_without_a_stack_trace() {
    String line = ErrorLine.of(new IOException("disk\nfull"));

    assertThat(line).isEqualTo("error 500: disk full").doesNotContain("\n");
  }

  @Test
  void a_failure_without_a_message_says_where_to_look_and_names_no_exception() {
    assertThat(ErrorLine.of(new NullPointerException()))
        .isEqualTo("error 500: internal error without a message");
  }
}
