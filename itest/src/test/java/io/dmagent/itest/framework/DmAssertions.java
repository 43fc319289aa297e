package io.dmagent.itest.framework;

import io.dmagent.api.session.SessionOutcome;
import io.dmagent.api.session.SessionReport;
import io.dmagent.api.tree.StatusCode;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;

/**
 * AssertJ assertions in the words of DM: {@code assertThat(status).is(NOT_FOUND)}, {@code
 * assertThat(server.results(devId).of("Get", "./DevInfo/Nope")).is(NOT_FOUND)}, {@code
 * assertThat(report).completed()}. A failure names the status by its code and reason phrase.
 */
public final class DmAssertions extends Assertions {
  private DmAssertions() {}

  public static StatusAssert assertThat(StatusCode actual) {
    return new StatusAssert(actual);
  }

  public static CommandAssert assertThat(CommandOutcome actual) {
    return new CommandAssert(actual);
  }

  public static SessionAssert assertThat(SessionReport actual) {
    return new SessionAssert(actual);
  }

  /** A DM status. */
  public static final class StatusAssert extends AbstractAssert<StatusAssert, StatusCode> {
    StatusAssert(StatusCode actual) {
      super(actual, StatusAssert.class);
    }

    public StatusAssert is(StatusCode expected) {
      isNotNull();
      if (actual != expected) {
        failWithMessage("expected status %s but was %s", expected, actual);
      }
      return this;
    }
  }

  /** A command the server sent and what the agent answered. */
  public static final class CommandAssert extends AbstractAssert<CommandAssert, CommandOutcome> {
    CommandAssert(CommandOutcome actual) {
      super(actual, CommandAssert.class);
    }

    /** The agent answered the command with exactly this one status. */
    public CommandAssert is(StatusCode expected) {
      isNotNull();
      if (!actual.statuses().equals(java.util.List.of(expected.code()))) {
        failWithMessage(
            "expected %s %s to be answered %s but the agent answered %s",
            actual.element(), actual.target(), expected, actual.statuses());
      }
      return this;
    }

    /** The agent sent this value for the command's target. */
    public CommandAssert returned(String value) {
      isNotNull();
      String got = actual.results().get(actual.target());
      if (!value.equals(got)) {
        failWithMessage(
            "expected %s %s to return <%s> but it returned <%s> (results %s)",
            actual.element(), actual.target(), value, got, actual.results());
      }
      return this;
    }
  }

  /** How a session ended, as the agent reports it. */
  public static final class SessionAssert extends AbstractAssert<SessionAssert, SessionReport> {
    SessionAssert(SessionReport actual) {
      super(actual, SessionAssert.class);
    }

    public SessionAssert completed() {
      return ended(SessionOutcome.COMPLETED);
    }

    public SessionAssert ended(SessionOutcome expected) {
      isNotNull();
      if (actual.outcome() != expected) {
        failWithMessage("expected the session to end %s but: %s", expected, actual.summary());
      }
      return this;
    }
  }
}
