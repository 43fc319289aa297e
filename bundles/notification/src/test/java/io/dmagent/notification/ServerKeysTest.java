package io.dmagent.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.account.Account;
import io.dmagent.api.account.AppAuth;
import io.dmagent.api.tree.NodeUri;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServerKeysTest {
  private final AtomicInteger reads = new AtomicInteger();
  private final InMemoryAccounts accounts =
      new InMemoryAccounts() {
        @Override
        public Optional<Account> find(String serverId) {
          reads.incrementAndGet();
          return super.find(serverId);
        }
      }.add("srv", "secret", new byte[] {1});
  private final ServerKeys keys = new ServerKeys(accounts);

  @Test
  void a_servers_keys_are_read_once_until_the_accounts_change() {
    for (int i = 0; i < 1000; i++) {
      assertThat(keys.of("srv")).isPresent();
    }
    assertThat(reads).hasValue(1);

    keys.forget();
    keys.of("srv");

    assertThat(reads).hasValue(2);
  }

  @Test
  void a_new_secret_is_seen_once_the_accounts_changed() {
    assertThat(secret()).isEqualTo("secret");
    accounts.add("srv2", "other", new byte[] {2});
    AppAuth old = keys.of("srv").orElseThrow().serverCredentials().orElseThrow();
    accounts.storeNonce(old, new byte[] {7});

    keys.forget();

    assertThat(keys.of("srv").orElseThrow().serverCredentials().orElseThrow().nonce())
        .containsExactly(7);
  }

  @Test
  void made_up_server_ids_cannot_grow_what_is_kept() {
    for (int i = 0; i < 10 * ServerKeys.MAX; i++) {
      assertThat(keys.of("nobody-" + i)).isEmpty();
    }
    int before = reads.get();
    keys.of("nobody-" + (10 * ServerKeys.MAX - 1));
    assertThat(reads.get()).isEqualTo(before);
    assertThat(keys.of("srv").map(k -> k.account().node())).contains(NodeUri.of("./DMAcc/A0"));
  }

  private String secret() {
    return keys.of("srv").orElseThrow().serverCredentials().orElseThrow().secret();
  }
}
