package io.dmagent.bootstrap.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.bootstrap.BootstrapResult;
import io.dmagent.api.bootstrap.BootstrapResult.Outcome;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** dm:bootstrap-fetch: one line per server, usage on wrong arguments. */
class FetchCommandTest {
  private static final URI A = URI.create("https://a.example/bootstrap");
  private static final URI B = URI.create("https://b.example/bootstrap");

  private final List<URI> fetched = new CopyOnWriteArrayList<>();

  private FetchCommand command(List<URI> known) {
    return new FetchCommand(
        (url, source) -> {
          fetched.add(url);
          return new BootstrapResult(Outcome.UNCHANGED, List.of(), "nothing for this gateway");
        },
        () -> known);
  }

  @Test
  void without_a_url_every_known_server_is_fetched_one_line_each() {
    Object out = command(List.of(A, B)).execute(null, List.of());

    assertThat(fetched).containsExactly(A, B);
    assertThat(out.toString().lines())
        .containsExactly(
            A + ": UNCHANGED (nothing for this gateway)",
            B + ": UNCHANGED (nothing for this gateway)");
  }

  @Test
  void a_url_given_is_the_one_fetched() {
    command(List.of(A)).execute(null, List.of(B.toString()));

    assertThat(fetched).containsExactly(B);
  }

  @Test
  void no_known_server_or_too_many_arguments_say_what_is_wrong_and_fetch_nothing() {
    assertThat(command(List.of()).execute(null, List.of()).toString())
        .startsWith("error: no bootstrap server known");
    assertThat(command(List.of(A)).execute(null, List.of("x", "y")).toString())
        .startsWith("usage: dm:bootstrap-fetch");
    assertThat(fetched).isEmpty();
  }
}
