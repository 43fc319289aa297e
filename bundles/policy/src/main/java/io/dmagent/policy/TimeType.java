package io.dmagent.policy;

import io.dmagent.api.policy.PolicyCondition;
import io.dmagent.api.policy.PolicyConditionType;
import io.dmagent.api.policy.PolicyContext;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.StatusCode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code time}: dates ({@code After}, {@code Before}: an instant or a date), a daily window ({@code
 * From}, {@code To}: HH:MM, wrapping past midnight), week days ({@code Days}: MON,TUE,...) and a
 * schedule ({@code Every}: PT15M, a moment each interval). All given parts must hold. The engine is
 * woken at the next instant the outcome may change; nothing polls.
 */
final class TimeType implements PolicyConditionType {
  static final String NAME = "time";

  private final ZoneId zone;

  TimeType(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public PolicyCondition create(Map<String, String> parameters, PolicyContext context)
      throws DmException {
    Params p = new Params(NAME + " condition", parameters);
    p.onlyKnown("After", "Before", "From", "To", "Days", "Every");
    Optional<Instant> after = instant(p, "After");
    Optional<Instant> before = instant(p, "Before");
    Optional<LocalTime> from = time(p, "From");
    Optional<LocalTime> to = time(p, "To");
    if (from.isPresent() != to.isPresent()) {
      throw new Incomplete("time condition: From and To go together");
    }
    Optional<Duration> every = p.duration("Every");
    if (every.isPresent() && every.get().compareTo(Duration.ofSeconds(1)) < 0) {
      throw new DmException(StatusCode.BAD_REQUEST, "time condition: Every is under a second");
    }
    if (parameters.values().stream().allMatch(String::isBlank)) {
      throw new Incomplete("time condition needs After, Before, From/To, Days or Every");
    }
    return new When(
        zone, after, before, from, to, days(p), every, every.map(e -> context.now().plus(e)));
  }

  private Optional<Instant> instant(Params p, String name) throws DmException {
    Optional<String> v = p.optional(name);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          v.get().length() == 10
              ? LocalDate.parse(v.get()).atStartOfDay(zone).toInstant()
              : Instant.parse(v.get()));
    } catch (DateTimeParseException e) {
      throw new DmException(
          StatusCode.BAD_REQUEST,
          "time condition: " + name + " is no date (2026-12-24 or ISO 8601 UTC)");
    }
  }

  private static Optional<LocalTime> time(Params p, String name) throws DmException {
    Optional<String> v = p.optional(name);
    try {
      return v.map(LocalTime::parse);
    } catch (DateTimeParseException e) {
      throw new DmException(StatusCode.BAD_REQUEST, "time condition: " + name + " is no HH:MM");
    }
  }

  private static Set<DayOfWeek> days(Params p) throws DmException {
    Optional<String> v = p.optional("Days");
    if (v.isEmpty()) {
      return EnumSet.allOf(DayOfWeek.class);
    }
    Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
    for (String d : v.get().split(",")) {
      String t = d.strip().toUpperCase(Locale.ROOT);
      DayOfWeek match = null;
      for (DayOfWeek w : DayOfWeek.values()) {
        if (t.length() >= 3 && w.name().startsWith(t)) {
          match = w;
        }
      }
      if (match == null) {
        throw new DmException(StatusCode.BAD_REQUEST, "time condition: Days lists no day " + t);
      }
      out.add(match);
    }
    return out;
  }

  /** The time condition's state: the next tick of its schedule. */
  static final class When implements PolicyCondition {
    private final ZoneId zone;
    private final Optional<Instant> after;
    private final Optional<Instant> before;
    private final Optional<LocalTime> from;
    private final Optional<LocalTime> to;
    private final Set<DayOfWeek> days;
    private final Optional<Duration> every;
    private Optional<Instant> nextTick;

    When(
        ZoneId zone,
        Optional<Instant> after,
        Optional<Instant> before,
        Optional<LocalTime> from,
        Optional<LocalTime> to,
        Set<DayOfWeek> days,
        Optional<Duration> every,
        Optional<Instant> nextTick) {
      this.zone = zone;
      this.after = after;
      this.before = before;
      this.from = from;
      this.to = to;
      this.days = days;
      this.every = every;
      this.nextTick = nextTick;
    }

    @Override
    public Set<NodeUri> watchedNodes() {
      return Set.of();
    }

    @Override
    public boolean holds(PolicyContext context) {
      Instant now = context.now();
      boolean ticked = true;
      if (nextTick.isPresent()) {
        ticked = !now.isBefore(nextTick.get());
        while (!now.isBefore(nextTick.get())) {
          nextTick = Optional.of(nextTick.get().plus(every.orElseThrow()));
        }
      }
      return ticked && inDates(now) && inWindow(now) && onDay(now);
    }

    private boolean inDates(Instant now) {
      return after.map(a -> !now.isBefore(a)).orElse(true)
          && before.map(now::isBefore).orElse(true);
    }

    private boolean inWindow(Instant now) {
      if (from.isEmpty()) {
        return true;
      }
      LocalTime t = now.atZone(zone).toLocalTime();
      LocalTime f = from.get();
      LocalTime e = to.orElseThrow();
      return f.isBefore(e) ? !t.isBefore(f) && t.isBefore(e) : !t.isBefore(f) || t.isBefore(e);
    }

    private boolean onDay(Instant now) {
      return days.contains(now.atZone(zone).getDayOfWeek());
    }

    @Override
    public Optional<Instant> nextTimeChange(Instant now) {
      List<Instant> candidates = new ArrayList<>();
      after.ifPresent(candidates::add);
      before.ifPresent(candidates::add);
      nextTick.ifPresent(candidates::add);
      ZonedDateTime z = now.atZone(zone);
      List<LocalTime> bounds = new ArrayList<>();
      from.ifPresent(bounds::add);
      to.ifPresent(bounds::add);
      for (LocalTime t : bounds) {
        ZonedDateTime today = z.with(t);
        candidates.add((today.isAfter(z) ? today : today.plusDays(1)).toInstant());
      }
      if (days.size() < 7) {
        candidates.add(z.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant());
      }
      return candidates.stream().filter(i -> i.isAfter(now)).min(Instant::compareTo);
    }
  }
}
