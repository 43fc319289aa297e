package io.dmagent.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.transport.ChannelSecurity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class IdleConnectionsTest {
  private Instant now = Instant.parse("2026-03-01T10:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  @Test
  void a_connection_no_later_session_asks_for_is_closed_once_idle_too_long() throws Exception {
    IdleConnections idle = new IdleConnections(Duration.ofSeconds(30), clock);
    FakeChannel old = new FakeChannel();
    idle.keep(key("http://old:80"), connection("http://old:80", old));

    // The account moved to another server: nobody asks for the old one's connection again.
    now = now.plusSeconds(31);
    idle.keep(key("http://new:80"), connection("http://new:80", new FakeChannel()));

    assertThat(old.closed).isTrue();
    assertThat(idle.size()).isEqualTo(1);
  }

  @Test
  void a_connection_within_its_idle_time_is_kept_while_others_come_and_go() throws Exception {
    IdleConnections idle = new IdleConnections(Duration.ofSeconds(30), clock);
    FakeChannel kept = new FakeChannel();
    idle.keep(key("http://a:80"), connection("http://a:80", kept));

    now = now.plusSeconds(20);
    idle.keep(key("http://b:80"), connection("http://b:80", new FakeChannel()));
    assertThat(idle.take(key("http://c:80"))).isNull();

    assertThat(kept.closed).isFalse();
    assertThat(idle.take(key("http://a:80")).channel).isSameAs(kept);
  }

  private static IdleConnections.Key key(String authority) {
    return new IdleConnections.Key(ChannelSecurity.plaintext(), authority);
  }

  private static HttpSession.Connection connection(String authority, Channel channel)
      throws IOException {
    return new HttpSession.Connection(authority, channel);
  }

  private static final class FakeChannel implements Channel {
    boolean closed;

    @Override
    public InputStream in() {
      return new ByteArrayInputStream(new byte[0]);
    }

    @Override
    public OutputStream out() {
      return new ByteArrayOutputStream();
    }

    @Override
    public void readTimeout(Duration timeout) {}

    @Override
    public void close() {
      closed = true;
    }
  }
}
