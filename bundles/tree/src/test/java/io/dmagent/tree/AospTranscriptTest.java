package io.dmagent.tree;

import static io.dmagent.api.tree.NodeFormat.BIN;
import static io.dmagent.api.tree.NodeFormat.BOOL;
import static io.dmagent.api.tree.NodeFormat.CHR;
import static io.dmagent.api.tree.NodeFormat.DATE;
import static io.dmagent.api.tree.NodeFormat.FLOAT;
import static io.dmagent.api.tree.NodeFormat.TIME;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.dmagent.api.testing.ThirdPartyVectors;
import io.dmagent.api.tree.DmException;
import io.dmagent.api.tree.NodeFormat;
import io.dmagent.api.tree.NodeProperty;
import io.dmagent.api.tree.NodeResult;
import io.dmagent.api.tree.NodeUri;
import io.dmagent.api.tree.NodeValue;
import io.dmagent.api.tree.Principal;
import io.dmagent.api.tree.PropertyResult;
import io.dmagent.api.tree.StatusCode;
import io.dmagent.api.tree.TreeOperations;
import io.dmagent.api.tree.TreeTransaction;
import io.dmagent.tree.AospScript.Command;
import io.dmagent.tree.AospScript.Node;
import io.dmagent.tree.AospScript.Step;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays on our tree the run of the AOSP (Motorola/Android) OMA DM engine's test console in
 * shared/vectors/aosp-omadm/test/dm12 — testinput12 holds the commands, testoutput12 what the
 * engine printed — and compares, node by node, what both trees say: Format, Size and ACL, and with
 * them the node's kind, Name, Type, Title, VerNo, leaf value and child list, and the outcome of
 * every Add, Replace and Delete.
 *
 * <p>Our tree starts from the nodes the transcript shows before any command touches them (the
 * engine's initial_dmt.xml describes a ./CDMA tree the transcript never visits, so it is not used).
 * Commands run as the device. Console commands that are not tree operations, and the engine's test
 * plug-ins, are not replayed ({@link #SKIPPED}, {@link #PLUGINS}); where our tree deliberately
 * answers otherwise because TND 1.3 says so, the comparison asserts our answer and says why. Every
 * node block of the transcript is either compared or counted under a named reason, never dropped.
 *
 * <p>PENDING marks values our FormatCheck gets wrong today (reported, not fixed here: the tree's
 * main code is being edited elsewhere). The replay tolerates exactly those; {@link
 * #iso8601_dates_and_times_follow_tnd} holds what TND asks of them and is disabled until the fix.
 */
class AospTranscriptTest {
  private static final String DIR = "aosp-omadm/test/dm12/";

  /** Console commands that are not tree operations, with the reason they are not replayed. */
  private static final Map<String, String> SKIPPED =
      Map.ofEntries(
          entry("startCounter", "console bookkeeping (counts the test cases)"),
          entry("getCounter", "console bookkeeping (counts the test cases)"),
          entry("quit", "ends the console"),
          entry(
              "processscript",
              "feeds a whole SyncML message to the engine: its statuses are the protocol layer's,"
                  + " and no script changed the tree (checked: its output shows no change)"),
          entry("hmaccred", "builds HMAC credentials: the security layer's job"),
          entry(
              "connectsid",
              "opens a server session: the protocol layer's job; it rewrote the nodes its output"
                  + " notifies (AppAuth/1/AAuthName, AAuthSecret), which become tainted"),
          entry(
              "Exec",
              "runs a shell command through the engine's root plug-in; no management object of"
                  + " ours executes the root"),
          entry(
              "clone",
              "the console's own subtree copy: DM Copy is leaf-only and no tree operation copies"
                  + " a subtree; the copy's target becomes tainted"));

  /**
   * The engine's test plug-ins. Their nodes answer as the plug-in is coded (Type text/plain on
   * interior nodes, VerNo frozen at 0), not as a tree does, so nothing under them is replayed.
   */
  private static final List<NodeUri> PLUGINS =
      List.of(NodeUri.of("./TestPluginNode"), NodeUri.of("./TestRWPluginNode"));

  /** Subtrees our tree is seeded from: the engine printed them before any command touched them. */
  private static final List<String> SEED_DUMPS = List.of("./DevInfo", "./SyncML", "./DevDetail");

  /** The Format each console verb writes a leaf value with (setESN keeps the node's own). */
  private static final Map<String, NodeFormat> WRITES =
      Map.of(
          "createl", CHR, // empty chr without an argument
          "createlb", BIN, // b = bin: the engine then prints format=bin
          "createlf", FLOAT,
          "createld", DATE,
          "createlt", TIME,
          "replace", CHR,
          "setf", FLOAT,
          "setd", DATE,
          "sett", TIME);

  private static final String RAW_BYTES =
      "the console writes \\xNN as a raw byte: these Latin-1 bytes are no UTF-8 text, and our chr"
          + " values are text (DM 1.3 messages are UTF-8; the agent decodes a message's charset"
          + " before the tree); the engine stores the bytes as they are";
  private static final String REDUCED = "ISO 8601 (TND date/time) reduced precision ";
  private static final String PRIVATE_MDF =
      "the engine's own DDF dialect ties ./UnitTest/Profiles/*/CurProfile to ./DMAcc/<value>"
          + " (foreign key 'fk:' and 'child:' constraints); TND has no such rule and our tree no"
          + " DDF for ./UnitTest";

  /** A Format value whose verdict TND gives otherwise than the engine or our FormatCheck. */
  record Verdict(NodeFormat format, String value, boolean valid, boolean pending, String why) {}

  /**
   * Contested values and what TND 1.3 says of them (date and time: ISO 8601, with century for
   * dates; float: XML Schema 1.0 float). {@code pending}: our FormatCheck answers otherwise today.
   */
  private static final List<Verdict> CONTESTED = contested();

  private static List<Verdict> contested() {
    List<Verdict> v = new ArrayList<>();
    // AppAuth/1/AAuthName, AppAuth/1/AAuthSecret and AppAuth/3/AAuthSecret of ./DMAcc/SampleServer
    for (String raw :
        List.of(
            "\\xE0\\xE5\\xE7\\xEA\\xEB",
            "\\xEB\\xE8\\xEF\\xEE\\xEC",
            "\\xFC\\xE9\\xE2\\xE4\\xE0")) {
      v.add(new Verdict(CHR, raw, false, false, RAW_BYTES));
    }
    v.add(
        new Verdict(
            FLOAT,
            "123.",
            true,
            false,
            "XML Schema float: the mantissa is a decimal and '123.' is one (XSD 1.1 spells the"
                + " lexical form out as [0-9]+(\\.[0-9]*)?); the engine refuses it"));
    for (String year : List.of("2005", "2003")) {
      v.add(
          new Verdict(
              DATE,
              year + "02",
              false,
              false,
              "ISO 8601 has no YYYYMM (a month is YYYY-MM only: YYYYMM would read as the"
                  + " truncated YYMMDD); the engine accepts it"));
      v.add(new Verdict(DATE, year + "-10", true, false, REDUCED + "calendar month YYYY-MM"));
      v.add(new Verdict(DATE, year, true, false, REDUCED + "year YYYY"));
      v.add(new Verdict(DATE, year + "-258", true, false, "ISO 8601 ordinal date YYYY-DDD"));
      v.add(new Verdict(DATE, year + "016", true, false, "ISO 8601 ordinal date YYYYDDD"));
      v.add(new Verdict(DATE, year + "-W12-5", true, false, "ISO 8601 week date YYYY-Www-D"));
      v.add(new Verdict(DATE, year + "-W02", true, false, "ISO 8601 week YYYY-Www"));
      v.add(new Verdict(DATE, year + "W205", true, false, "ISO 8601 week date YYYYWwwD"));
      v.add(new Verdict(DATE, year + "W15", true, false, "ISO 8601 week YYYYWww"));
    }
    for (String hour : List.of("23", "03")) {
      v.add(new Verdict(TIME, hour + ":15", true, false, REDUCED + "time hh:mm"));
      v.add(new Verdict(TIME, hour + "15", true, false, REDUCED + "time hhmm"));
      v.add(new Verdict(TIME, hour, true, false, REDUCED + "time hh"));
    }
    v.add(
        new Verdict(
            TIME,
            "23:33:30+01",
            true,
            false,
            "ISO 8601 allows a UTC offset of whole hours, ±hh (the engine refuses it too)"));
    v.add(
        new Verdict(
            TIME,
            "23:33:30+0152",
            false,
            false,
            "ISO 8601 does not mix formats: an extended time takes the extended offset ±hh:mm"
                + " (the engine refuses it)"));
    return List.copyOf(v);
  }

  /** A command whose outcome on our tree deliberately differs from the engine's. */
  record Deviation(String command, int occurrence, StatusCode ours, String why) {}

  private static final List<Deviation> DEVIATIONS =
      List.of(
          new Deviation(
              "createl ./UnitTest/Profiles/1/CurProfile 12", 1, StatusCode.OK, PRIVATE_MDF),
          new Deviation(
              "createl ./UnitTest/Profiles/2/CurProfile 12", 1, StatusCode.OK, PRIVATE_MDF),
          new Deviation("delete ./DMAcc/12", 1, StatusCode.OK, PRIVATE_MDF));

  enum Aspect {
    KIND,
    NAME,
    FORMAT,
    TYPE,
    TITLE,
    ACL,
    SIZE,
    VERNO,
    VALUE,
    CHILDREN,
    STRUCTURE,
    OUTCOME
  }

  /**
   * One comparison: what the transcript (or, where noted, TND) expects and what our tree said.
   * {@code expected} may list alternatives as {@code a|b}.
   */
  record Check(Aspect aspect, String where, String expected, String actual, String note) {
    boolean matches() {
      return List.of(expected.split("\\|", -1)).contains(actual);
    }

    @Override
    public String toString() {
      return aspect
          + " "
          + where
          + ": expected '"
          + expected
          + "', our tree '"
          + actual
          + "'"
          + (note.isEmpty() ? "" : " (" + note + ")");
    }
  }

  /** What became of a node block of the transcript. */
  enum Fate {
    /** Compared, aspect by aspect. */
    COMPARED,
    /** Compared, but the node was seeded from this very block: its Format and value are not. */
    SEEDED,
    /** The engine has the node, our tree deliberately or pendingly not: 404 asserted. */
    ABSENT_HERE,
    /** Both trees have the node with different histories (a refused write). */
    DIVERGED,
    /** A command that was not replayed changed the node in the engine's tree. */
    TAINTED,
    /** Under one of the engine's test plug-ins. */
    PLUGIN
  }

  private static Replay replay;

  @BeforeAll
  static void replayTheTranscript() throws Exception {
    replay = new Replay(script());
    replay.run();
  }

  private static List<Step> script() throws IOException {
    return AospScript.load(
        ThirdPartyVectors.path(DIR + "testinput12"), ThirdPartyVectors.path(DIR + "testoutput12"));
  }

  // ---- the comparisons

  @Test
  void the_transcript_pairs_every_command_with_what_the_engine_printed() {
    List<Step> steps = replay.steps;
    // The vectors are fixed: exact counts catch a parser that starts to miss commands or nodes.
    assertThat(steps.size()).as("commands").isEqualTo(334);
    assertThat(steps.stream().mapToInt(s -> s.nodes().size()).sum()).as("nodes").isEqualTo(169);
    assertThat(steps.get(0).command().verb()).isEqualTo("startCounter");
    assertThat(steps.get(steps.size() - 1).command().verb()).isEqualTo("quit");
    Set<String> verbs = new TreeSet<>();
    steps.forEach(s -> verbs.add(s.command().verb()));
    Set<String> known = new TreeSet<>(SKIPPED.keySet());
    known.addAll(WRITES.keySet());
    known.addAll(List.of("createi", "setESN", "get", "dump", "delete", "begin", "rollback"));
    assertThat(known).containsAll(verbs);
  }

  @Test
  void formats_and_sizes_match_the_aosp_transcript() {
    assertMatch(Aspect.FORMAT, 68);
    // Leaves: Size is the value's length in bytes on both engines. Interior nodes: the engine
    // prints size=0, our tree answers 406 because TND says Size MUST NOT be supported on interior
    // nodes (asserted as such in the same checks).
    assertMatch(Aspect.SIZE, 93);
  }

  @Test
  void acls_match_the_aosp_transcript() {
    // The engine prints the ACL as stored: the root's, and empty for every other node. DM 1.3
    // answers a Get of an empty ACL with 217 and the inherited ACL (here always the root's). So an
    // empty acl= must read 217 and the transcript's root ACL on our tree, a stored one 200 and
    // the same text.
    assertMatch(Aspect.ACL, 93);
  }

  @Test
  void kinds_names_types_values_and_children_match_the_aosp_transcript() {
    assertMatch(Aspect.KIND, 93);
    assertMatch(Aspect.NAME, 93);
    assertMatch(Aspect.TYPE, 93);
    assertMatch(Aspect.TITLE, 93);
    assertMatch(Aspect.VALUE, 50);
    assertMatch(Aspect.CHILDREN, 18);
    assertMatch(Aspect.STRUCTURE, 4);
  }

  @Test
  void version_numbers_count_value_changes_as_tnd_asks() {
    // TND: VerNo counts changes of the node's value (ours also ACL changes, as TND asks). Plain
    // leaves agree with the engine's version=. Interior nodes have no value: the engine counts
    // changes below them (./UnitTest/NewDataType/MyApp reaches 51), our tree does not. A setESN
    // write counts twice on the engine (version 2 after one write), once on ours. For those
    // nodes the checks expect our count, as the replay tracks it.
    assertMatch(Aspect.VERNO, 93);
    assertThat(replay.checks(Aspect.VERNO).stream().filter(c -> !c.note().isEmpty()).count())
        .as("VerNo checks where our count deliberately differs from the engine's")
        .isGreaterThanOrEqualTo(21);
  }

  @Test
  void command_outcomes_match_the_aosp_engine_or_a_documented_difference() {
    // Fewer once FormatCheck is fixed: nodes it refuses today are then compared, not found absent.
    assertMatch(Aspect.OUTCOME, 170);
    assertThat(replay.deviationsUsed)
        .as("every documented deviation met exactly once")
        .containsExactlyInAnyOrderElementsOf(DEVIATIONS);
  }

  @Test
  void every_printed_node_is_compared_or_accounted_for() {
    int printed = replay.steps.stream().mapToInt(s -> s.nodes().size()).sum();
    int accounted = replay.fates.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(accounted).as("node blocks with a fate, of %s printed", printed).isEqualTo(printed);
    assertThat(replay.fates.get(Fate.COMPARED) + replay.fates.get(Fate.SEEDED))
        .as("nodes compared aspect by aspect")
        .isGreaterThanOrEqualTo(93);
    assertThat(replay.fates.get(Fate.COMPARED))
        .as("of them, not seeded")
        .isGreaterThanOrEqualTo(58);
    assertThat(replay.fates.get(Fate.PLUGIN)).isEqualTo(21);
    assertThat(replay.fates.get(Fate.TAINTED)).isEqualTo(4);
    assertThat(replay.problems).as("replay inconsistencies").isEmpty();
    assertThat(replay.skipped.keySet()).as("skipped kinds met").isEqualTo(SKIPPED.keySet());
  }

  /**
   * Every value the console wrote (create or set) on a fresh leaf of its Format: accepted or
   * refused as the engine did, or as TND says for the contested ones. PENDING values are left to
   * {@link #iso8601_dates_and_times_follow_tnd}.
   */
  @TestFactory
  Stream<DynamicTest> value_verdicts_match_the_aosp_engine() throws IOException {
    Map<String, DynamicTest> tests = new LinkedHashMap<>();
    for (Step step : script()) {
      Command c = step.command();
      NodeFormat format = WRITES.get(c.verb());
      if (format == null || c.path() == null || isPlugin(NodeUri.of(c.path()))) {
        continue;
      }
      boolean aospValid = !step.failed();
      if (step.failed() && step.status().orElse(0) != 415) {
        continue; // refused for the node's state or a private constraint, not for the value
      }
      Optional<Verdict> contested = contested(format, c.argument());
      if (contested.map(Verdict::pending).orElse(false)) {
        continue;
      }
      boolean valid = contested.map(Verdict::valid).orElse(aospValid);
      boolean create = c.verb().startsWith("create");
      String name =
          c.verb()
              + " "
              + Objects.requireNonNullElse(c.argument(), "")
              + (valid ? " is accepted" : " is refused with 415")
              + contested
                  .map(v -> " (the engine: " + (aospValid ? "accepted" : "415") + ")")
                  .orElse("");
      tests.putIfAbsent(
          name,
          DynamicTest.dynamicTest(
              name, () -> assertVerdict(create, format, bytes(c.argument()), valid)));
    }
    assertThat(tests.size()).as("distinct value verdicts").isGreaterThanOrEqualTo(100);
    return tests.values().stream();
  }

  /**
   * What TND 1.3 asks of the contested values: ISO 8601 reduced precision, ordinal and week dates
   * and reduced times are valid (the engine accepts them), a UTC offset ±hh is valid, an extended
   * time with a basic offset is not.
   */
  @Test
  void iso8601_dates_and_times_follow_tnd() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    for (Verdict v : CONTESTED) {
      if (v.format() == DATE || v.format() == TIME) {
        Trees trees = Trees.inMemory();
        int status =
            outcome(
                () ->
                    trees.device().addLeaf(NodeUri.of("./V"), NodeValue.of(v.value(), v.format())));
        soft.assertThat(status)
            .as("%s %s: %s", v.format(), v.value(), v.why())
            .isEqualTo(v.valid() ? 200 : 415);
      }
    }
    soft.assertAll();
  }

  // ---- helpers of the tests

  private static void assertMatch(Aspect aspect, int atLeast) {
    List<Check> checks = replay.checks(aspect);
    assertThat(checks.stream().filter(c -> !c.matches()).map(Check::toString))
        .as("%s mismatches", aspect)
        .isEmpty();
    assertThat(checks.size()).as("%s comparisons", aspect).isGreaterThanOrEqualTo(atLeast);
  }

  private static void assertVerdict(boolean create, NodeFormat format, byte[] value, boolean valid)
      throws DmException {
    Trees trees = Trees.inMemory();
    TreeOperations d = trees.device();
    NodeUri leaf = NodeUri.of("./V/Leaf");
    if (!create) {
      d.addLeaf(leaf, NodeValue.of(SEED_VALUES.get(format), format));
    }
    int status =
        outcome(
            () -> {
              NodeValue v = NodeValue.of(value, format, null);
              if (create) {
                d.addLeaf(leaf, v);
              } else {
                d.replace(leaf, v);
              }
            });
    assertThat(status).isEqualTo(valid ? 200 : 415);
    if (valid) {
      assertThat(d.getProperty(leaf, NodeProperty.FORMAT).value()).isEqualTo(format.wireName());
      assertThat(d.getProperty(leaf, NodeProperty.SIZE).value())
          .isEqualTo(Integer.toString(value.length));
    } else if (create) {
      assertThat(outcome(() -> d.get(leaf))).as("a refused Add leaves no node").isEqualTo(404);
    } else {
      assertThat(d.get(leaf).value().orElseThrow().text())
          .as("a refused Replace keeps the value")
          .isEqualTo(SEED_VALUES.get(format));
    }
  }

  private static final Map<NodeFormat, String> SEED_VALUES =
      Map.of(CHR, "x", BIN, "", BOOL, "true", FLOAT, "0", DATE, "2005-10-15", TIME, "23:15:25");

  private static Optional<Verdict> contested(NodeFormat format, String value) {
    return CONTESTED.stream()
        .filter(v -> v.format() == format && v.value().equals(value))
        .findFirst();
  }

  private static boolean isPlugin(NodeUri uri) {
    return PLUGINS.stream().anyMatch(p -> p.isAncestorOrSelfOf(uri));
  }

  /** The console's argument as bytes: {@code \xNN} is one raw byte, the rest ASCII. */
  private static byte[] bytes(String argument) {
    if (argument == null) {
      return new byte[0];
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < argument.length(); i++) {
      char ch = argument.charAt(i);
      if (ch == '\\' && i + 3 < argument.length() && argument.charAt(i + 1) == 'x') {
        out.write(Integer.parseInt(argument.substring(i + 2, i + 4), 16));
        i += 3;
      } else {
        out.write(ch);
      }
    }
    return out.toByteArray();
  }

  private interface TreeCall {
    void run() throws DmException;
  }

  /** 200 when the call succeeds, else the status of its DmException. */
  private static int outcome(TreeCall call) {
    try {
      call.run();
      return 200;
    } catch (DmException e) {
      return e.status().code();
    }
  }

  // ---- the replay

  /** Where the two trees stand apart, by node (a node counts for its whole subtree). */
  private static final class State {
    final Map<NodeUri, String> absent = new HashMap<>(); // the engine has it, our tree not
    final Map<NodeUri, String> extra = new HashMap<>(); // our tree has it, the engine not
    final Map<NodeUri, String> diverged = new HashMap<>(); // both, with different histories
    final Map<NodeUri, String> tainted = new HashMap<>(); // changed by a command not replayed
    final Map<NodeUri, Integer> verNo = new HashMap<>(); // our VerNo as TND counts it
    final Set<NodeUri> esn = new HashSet<>(); // leaves the engine wrote through setESN
    final Set<NodeUri> seeded = new HashSet<>(); // seeded from a block, unchanged since

    State copy() {
      State s = new State();
      s.absent.putAll(absent);
      s.extra.putAll(extra);
      s.diverged.putAll(diverged);
      s.tainted.putAll(tainted);
      s.verNo.putAll(verNo);
      s.esn.addAll(esn);
      s.seeded.addAll(seeded);
      return s;
    }

    static Optional<String> find(Map<NodeUri, String> set, NodeUri uri) {
      return set.entrySet().stream()
          .filter(e -> e.getKey().isAncestorOrSelfOf(uri))
          .map(Map.Entry::getValue)
          .findFirst();
    }

    /** Forgets everything at and below {@code uri}: both trees lost it. */
    void forget(NodeUri uri) {
      for (Map<NodeUri, ?> m : List.of(absent, extra, diverged, tainted, verNo)) {
        m.keySet().removeIf(uri::isAncestorOrSelfOf);
      }
      esn.removeIf(uri::isAncestorOrSelfOf);
      seeded.removeIf(uri::isAncestorOrSelfOf);
    }

    /** A write: the node's value is no longer the one it was seeded with. */
    void written(NodeUri uri) {
      seeded.remove(uri);
    }
  }

  /**
   * Our expectation for one command, and why when it is not simply the engine's outcome. {@code
   * or}: another status that is just as right (-1: none).
   */
  private record Expected(int status, int or, String note, boolean pending) {
    Expected(int status, String note, boolean pending) {
      this(status, -1, note, pending);
    }

    boolean accepts(int ours) {
      return ours == status || ours == or;
    }

    String text() {
      return or < 0 ? Integer.toString(status) : status + "|" + or;
    }
  }

  private interface Write {
    void on(TreeOperations ops) throws DmException;
  }

  private static final class Replay {
    final Trees trees = Trees.inMemory();
    final List<Step> steps;
    final List<Check> checks = new ArrayList<>();
    final Map<Fate, Integer> fates = new EnumMap<>(Fate.class);
    final Map<String, Integer> skipped = new TreeMap<>(); // verbs of SKIPPED
    final Map<String, Integer> uncompared = new TreeMap<>(); // plug-in, tainted, diverged
    final List<String> pending = new ArrayList<>();
    final List<Deviation> deviationsUsed = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    State state = new State();
    State beforeTransaction;
    TreeTransaction tx;
    String rootAcl;

    Replay(List<Step> steps) {
      this.steps = steps;
      for (Fate f : Fate.values()) {
        fates.put(f, 0);
      }
    }

    List<Check> checks(Aspect aspect) {
      return checks.stream().filter(c -> c.aspect() == aspect).toList();
    }

    TreeOperations ops() {
      return tx != null ? tx : trees.device();
    }

    void run() throws DmException, IOException {
      seed();
      for (Step step : steps) {
        Command c = step.command();
        if (SKIPPED.containsKey(c.verb())) {
          skip(step);
        } else if (c.path() != null && isPlugin(NodeUri.of(c.path()))) {
          uncompared.merge("plug-in " + c.verb(), 1, Integer::sum);
          step.nodes().forEach(n -> fate(Fate.PLUGIN));
        } else {
          replay(step);
        }
      }
      if (tx != null) {
        problems.add("a transaction is still open at the end");
      }
    }

    private void replay(Step step) throws DmException, IOException {
      Command c = step.command();
      switch (c.verb()) {
        case "get" -> get(step);
        case "dump" -> dump(step);
        case "begin" -> {
          tx = trees.tree.begin(Principal.device());
          beforeTransaction = state.copy();
        }
        case "rollback" -> {
          tx.rollback();
          tx = null;
          state = beforeTransaction;
        }
        case "createi" -> write(step, true, false, ops -> ops.addInterior(uri(c), null));
        case "delete" -> write(step, false, true, ops -> ops.delete(uri(c)));
        case "setESN" -> {
          byte[] data = esnFile(c.argument());
          write(
              step,
              false,
              false,
              ops -> {
                NodeUri uri = uri(c);
                NodeFormat f =
                    NodeFormat.fromWireName(ops.getProperty(uri, NodeProperty.FORMAT).value())
                        .orElseThrow();
                ops.replace(
                    uri, NodeValue.of(data, f, ops.getProperty(uri, NodeProperty.TYPE).value()));
              });
        }
        default -> {
          NodeFormat format = WRITES.get(c.verb());
          if (format == null) {
            throw new IllegalStateException("a command the replay does not know: " + c);
          }
          NodeValue value = NodeValue.of(bytes(c.argument()), format, null);
          boolean create = c.verb().startsWith("create");
          write(
              step,
              create,
              false,
              ops -> {
                if (create) {
                  ops.addLeaf(uri(c), value);
                } else {
                  ops.replace(uri(c), value);
                }
              });
        }
      }
    }

    // -- seeding

    private void seed() throws DmException {
      TreeOperations d = trees.device();
      Node root = firstStep("get", ".").nodes().get(0);
      rootAcl = root.acl();
      d.replaceProperty(NodeUri.ROOT, NodeProperty.ACL, rootAcl);
      state.verNo.put(NodeUri.ROOT, 1); // the ACL change counts (TND: VerNo changes with the ACL)
      state.seeded.add(NodeUri.ROOT);
      List<Node> printed = new ArrayList<>(List.of(root));
      for (String path : SEED_DUMPS) {
        printed.addAll(firstStep("dump", path).nodes());
      }
      Set<NodeUri> seen = new HashSet<>();
      for (Node n : printed) {
        NodeUri uri = NodeUri.of(n.path());
        seen.add(uri);
        if (!uri.isRoot()) {
          if (n.leaf()) {
            d.addLeaf(
                uri,
                NodeValue.of(
                    n.value().getBytes(StandardCharsets.ISO_8859_1),
                    NodeFormat.fromWireName(n.format()).orElseThrow(),
                    n.type()));
          } else {
            d.addInterior(uri, null);
          }
          state.seeded.add(uri);
        }
      }
      // Children the engine listed without printing them (./DMAcc, ./UnitTest, ./TEST, ./CLONE,
      // ./SyncML/DMAcc, ./SyncML/Con): interior nodes, as the Adds below them show (for
      // ./SyncML/DMAcc, below nothing, only the name counts: in the child list of ./SyncML).
      for (Node n : printed) {
        for (String child : n.leaf() ? List.<String>of() : n.children()) {
          NodeUri uri = NodeUri.of(n.path()).child(child);
          if (!seen.contains(uri) && !isPlugin(uri)) {
            d.addInterior(uri, null);
          }
        }
      }
    }

    private Step firstStep(String verb, String path) {
      return steps.stream()
          .filter(s -> s.command().verb().equals(verb) && path.equals(s.command().path()))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no '" + verb + " " + path + "'"));
    }

    // -- commands not replayed

    private void skip(Step step) {
      Command c = step.command();
      skipped.merge(c.verb(), 1, Integer::sum);
      step.nodes().forEach(n -> problems.add(c + " printed a node the replay cannot compare"));
      switch (c.verb()) {
        case "connectsid" ->
            step.notifiedUris()
                .forEach(u -> state.tainted.put(NodeUri.of(u), c + ": " + SKIPPED.get(c.verb())));
        case "clone" ->
            state.tainted.put(NodeUri.of(c.argument()), c + ": " + SKIPPED.get("clone"));
        default -> {
          if (step.changedTree()) {
            problems.add(c + " is not replayed but changed the engine's tree");
          }
        }
      }
    }

    // -- reads

    private void get(Step step) {
      if (!step.nodes().isEmpty()) {
        step.nodes().forEach(n -> compare(step, n));
        return;
      }
      NodeUri uri = uri(step.command());
      if (State.find(state.tainted, uri).isPresent()) {
        uncompared.merge("tainted get", 1, Integer::sum);
        return;
      }
      Optional<String> extra = State.find(state.extra, uri);
      int expected = extra.isPresent() ? 200 : aospStatus(step);
      check(
          Aspect.OUTCOME,
          step,
          uri,
          expected,
          outcome(() -> ops().get(uri)),
          extra.map(r -> "our tree has the node: " + r).orElse(""));
    }

    private void dump(Step step) throws DmException {
      NodeUri root = uri(step.command());
      step.nodes().forEach(n -> compare(step, n));
      if (step.failed()) {
        // ./SyncML: the engine printed the node, then failed to list its children (406); only
        // the printed node is compared.
        if (step.nodes().isEmpty()) {
          problems.add(step.command() + ": a failed dump the replay does not model");
        }
        return;
      }
      if (State.find(state.tainted, root).isPresent()
          || State.find(state.absent, root).isPresent()) {
        return;
      }
      Set<String> theirs = new TreeSet<>();
      for (Node n : step.nodes()) {
        NodeUri uri = NodeUri.of(n.path());
        if (State.find(state.absent, uri).isEmpty() && State.find(state.tainted, uri).isEmpty()) {
          theirs.add(n.path());
        }
      }
      Set<String> ours = new TreeSet<>();
      for (NodeResult r : ops().listStructure(root, true)) {
        if (State.find(state.extra, r.uri()).isEmpty()
            && State.find(state.tainted, r.uri()).isEmpty()) {
          ours.add(r.uri().toString());
        }
      }
      check(Aspect.STRUCTURE, step, root, theirs.toString(), ours.toString(), "");
    }

    /** One node block against our tree. */
    private void compare(Step step, Node n) {
      NodeUri uri = NodeUri.of(n.path());
      Optional<String> tainted = State.find(state.tainted, uri);
      Optional<String> absent = State.find(state.absent, uri);
      if (tainted.isPresent()) {
        fate(Fate.TAINTED);
        return;
      }
      if (absent.isPresent()) {
        fate(Fate.ABSENT_HERE);
        check(Aspect.OUTCOME, step, uri, 404, outcome(() -> ops().get(uri)), absent.get());
        return;
      }
      if (State.find(state.diverged, uri).isPresent()) {
        fate(Fate.DIVERGED);
        return;
      }
      boolean seeded = state.seeded.contains(uri);
      fate(seeded ? Fate.SEEDED : Fate.COMPARED);
      TreeOperations ops = ops();
      NodeResult r;
      try {
        r = ops.get(uri);
      } catch (DmException e) {
        check(Aspect.KIND, step, uri, n.leaf() ? "leaf" : "interior", e.status().toString(), "");
        return;
      }
      check(
          Aspect.KIND,
          step,
          uri,
          n.leaf() ? "leaf" : "interior",
          r.isLeaf() ? "leaf" : "interior",
          "");
      check(Aspect.NAME, step, uri, n.name(), property(ops, uri, NodeProperty.NAME), "");
      if (!(seeded && n.leaf())) {
        check(Aspect.FORMAT, step, uri, n.format(), property(ops, uri, NodeProperty.FORMAT), "");
      }
      check(Aspect.TYPE, step, uri, n.type(), property(ops, uri, NodeProperty.TYPE), "");
      check(Aspect.TITLE, step, uri, n.title(), property(ops, uri, NodeProperty.TITLE), "");
      compareAcl(step, uri, n);
      if (n.leaf()) {
        check(
            Aspect.SIZE,
            step,
            uri,
            Integer.toString(n.size()),
            property(ops, uri, NodeProperty.SIZE),
            "");
      } else {
        check(
            Aspect.SIZE,
            step,
            uri,
            406,
            outcome(() -> ops.getProperty(uri, NodeProperty.SIZE)),
            "TND: Size MUST NOT be supported on interior nodes; the engine prints size="
                + n.size());
      }
      compareVerNo(step, uri, n);
      if (n.leaf() && !seeded) {
        String ours = new String(r.value().orElseThrow().data(), StandardCharsets.ISO_8859_1);
        // The engine prints a file-backed (ESN) value on the lines below value=: compare stripped;
        // the Size check above compares it byte for byte.
        check(Aspect.VALUE, step, uri, n.value().strip(), ours.strip(), "");
      }
      if (!n.leaf()) {
        Set<String> theirs = new TreeSet<>();
        for (String child : n.children()) {
          NodeUri c = NodeUris.child(uri, child);
          if (!isPlugin(c)
              && State.find(state.absent, c).isEmpty()
              && State.find(state.tainted, c).isEmpty()) {
            theirs.add(child);
          }
        }
        Set<String> ours = new TreeSet<>();
        for (String child : r.children()) {
          NodeUri c = NodeUris.child(uri, child);
          if (State.find(state.extra, c).isEmpty() && State.find(state.tainted, c).isEmpty()) {
            ours.add(child);
          }
        }
        check(Aspect.CHILDREN, step, uri, theirs.toString(), ours.toString(), "");
      }
    }

    private void compareAcl(Step step, NodeUri uri, Node n) {
      String ours;
      try {
        PropertyResult acl = ops().getProperty(uri, NodeProperty.ACL);
        ours = acl.status().code() + " " + acl.value();
      } catch (DmException e) {
        ours = e.status().toString();
      }
      if (n.acl().isEmpty()) {
        check(
            Aspect.ACL,
            step,
            uri,
            "217 " + rootAcl,
            ours,
            "empty ACL: DM 1.3 answers 217 with the inherited ACL, the engine prints the empty one");
      } else {
        check(Aspect.ACL, step, uri, "200 " + n.acl(), ours, "");
      }
    }

    private void compareVerNo(Step step, NodeUri uri, Node n) {
      String ours = property(ops(), uri, NodeProperty.VERNO);
      int count = state.verNo.getOrDefault(uri, 0);
      if (n.leaf() && !state.esn.contains(uri)) {
        check(Aspect.VERNO, step, uri, Integer.toString(n.version()), ours, "");
      } else {
        check(
            Aspect.VERNO,
            step,
            uri,
            Integer.toString(count),
            ours,
            n.leaf()
                ? "TND: one value change, one VerNo step; the engine counts 2 per setESN write ("
                    + n.version()
                    + ")"
                : "interior: no value to change; the engine counts changes below it ("
                    + n.version()
                    + ")");
      }
    }

    // -- writes

    /** A write, then the node the engine printed after it, if any. */
    private void write(Step step, boolean create, boolean delete, Write op) {
      applyWrite(step, create, delete, op);
      step.nodes().forEach(n -> compare(step, n));
    }

    private void applyWrite(Step step, boolean create, boolean delete, Write op) {
      Command c = step.command();
      NodeUri uri = uri(c);
      boolean aospOk = !step.failed();
      if (State.find(state.tainted, uri).isPresent()) {
        uncompared.merge("tainted " + c.verb(), 1, Integer::sum);
        if (delete && aospOk) {
          // Realign: after the engine's Delete neither tree has the node, whatever it held.
          int ours = attempt(op, 0, true);
          if (ours != 200 && ours != 404) {
            problems.add(c + ": our Delete of a tainted node answered " + ours);
          }
          state.forget(uri);
        }
        return;
      }
      if (!create && !delete && aospOk && State.find(state.diverged, uri).isPresent()) {
        uncompared.merge("diverged " + c.verb(), 1, Integer::sum);
        return;
      }
      if (create && !uri.isRoot() && State.find(state.absent, uri.parent()).isPresent()) {
        problems.add(c + ": an Add below a node our tree lacks is not modelled");
        return;
      }
      Expected e = expect(step, uri, create, delete);
      int ours = attempt(op, e.status(), false);
      boolean applied = ours == 200 && e.status() == 200 || ours == 200 && tx != null;
      if (!e.accepts(ours) && e.pending()) {
        pending.add(c + ": our tree " + ours + ", TND " + e.text() + " — " + e.note());
      } else {
        check(Aspect.OUTCOME, step, uri, e.text(), ours, e.note());
      }
      String why = c + ": " + (e.note().isEmpty() ? "unexpected outcome" : e.note());
      if (create) {
        boolean ourNode = State.find(state.extra, uri).isPresent();
        if (aospOk && applied) {
          state.verNo.put(uri, 0);
        } else if (aospOk && ourNode) {
          state.extra.keySet().removeIf(uri::isAncestorOrSelfOf);
          state.diverged.put(uri, why);
        } else if (aospOk) {
          state.absent.put(uri, why);
        } else if (applied) {
          state.verNo.put(uri, 0);
          state.extra.put(uri, why);
        }
      } else if (delete) {
        if (aospOk && (applied || State.find(state.absent, uri).isPresent())) {
          state.forget(uri);
        } else if (aospOk) {
          state.forget(uri);
          state.extra.put(uri, why);
        } else if (applied) {
          state.forget(uri);
          state.absent.put(uri, why);
        }
      } else {
        if (aospOk && applied) {
          state.verNo.merge(uri, 1, Integer::sum);
          state.written(uri);
          if (c.verb().equals("setESN")) {
            state.esn.add(uri);
          }
        } else if (aospOk != applied && State.find(state.absent, uri).isEmpty()) {
          if (applied) {
            state.verNo.merge(uri, 1, Integer::sum);
          }
          state.diverged.put(uri, why);
        }
      }
    }

    /**
     * Runs a write. Outside the transcript's own transactions it runs in one of ours, committed
     * only when the write succeeds as expected, so that a wrongly accepted write does not leave the
     * two trees apart. {@code any}: commit whatever succeeds.
     */
    private int attempt(Write op, int expected, boolean any) {
      if (tx != null) {
        return outcome(() -> op.on(tx));
      }
      try (TreeTransaction probe = trees.tree.begin(Principal.device())) {
        int ours = outcome(() -> op.on(probe));
        if (ours == 200 && (any || expected == 200)) {
          probe.commit();
        }
        return ours;
      } catch (DmException e) {
        throw new IllegalStateException("commit failed", e);
      }
    }

    private Expected expect(Step step, NodeUri uri, boolean create, boolean delete) {
      Command c = step.command();
      int aosp = aospStatus(step);
      for (Deviation d : DEVIATIONS) {
        if (d.command().equals(c.text()) && d.occurrence() == c.occurrence()) {
          deviationsUsed.add(d);
          return new Expected(d.ours().code(), "the engine " + aosp + "; " + d.why(), false);
        }
      }
      NodeFormat format = WRITES.get(c.verb());
      Optional<Verdict> verdict =
          format == null ? Optional.empty() : contested(format, c.argument());
      // Whether our tree may refuse the value: invalid, or valid but pending the FormatCheck fix.
      boolean valueRefusable = verdict.map(v -> !v.valid() || v.pending()).orElse(aosp == 415);
      Optional<String> ourNode =
          State.find(state.extra, uri).or(() -> State.find(state.diverged, uri));
      // A command that fails twice over (the node's state and its value) may answer either: TND
      // does not say which check comes first.
      if (create && ourNode.isPresent()) {
        return new Expected(
            418,
            valueRefusable ? 415 : -1,
            "our tree already has the node: " + ourNode.get(),
            false);
      }
      Optional<String> absent = State.find(state.absent, uri);
      if (!create && absent.isPresent()) {
        return new Expected(
            404,
            valueRefusable ? 415 : -1,
            "our tree does not have the node: " + absent.get(),
            false);
      }
      if (verdict.isPresent()) {
        Verdict v = verdict.get();
        String note =
            (v.pending() ? "PENDING FormatCheck fix; " : "")
                + "the engine "
                + aosp
                + "; TND: "
                + v.why();
        return new Expected(v.valid() ? 200 : 415, note, v.pending());
      }
      return new Expected(aosp, "", false);
    }

    // -- bookkeeping

    private void fate(Fate f) {
      fates.merge(f, 1, Integer::sum);
    }

    private void check(
        Aspect a, Step step, NodeUri uri, Object expected, Object actual, String note) {
      checks.add(
          new Check(
              a,
              step.command() + " @ " + uri,
              String.valueOf(expected),
              String.valueOf(actual),
              note));
    }

    private String property(TreeOperations ops, NodeUri uri, NodeProperty p) {
      try {
        return ops.getProperty(uri, p).value();
      } catch (DmException e) {
        return e.status().toString();
      }
    }

    private static int aospStatus(Step step) {
      if (!step.failed()) {
        return 200;
      }
      return step.status()
          .orElseThrow(() -> new IllegalStateException(step.command() + ": error without status"));
    }

    private static NodeUri uri(Command c) {
      return NodeUri.of(c.path());
    }

    private static byte[] esnFile(String argument) throws IOException {
      if (argument == null || !argument.startsWith("unittest/")) {
        throw new IllegalStateException("setESN of an unexpected file: " + argument);
      }
      return Files.readAllBytes(ThirdPartyVectors.path("aosp-omadm/test/" + argument.substring(9)));
    }
  }
}
