package io.dmagent.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Keeps the evidence of a failing end-to-end test: each {@link RunningAgent} writes everything the
 * agent prints to a file in the folder this extension names for the running test (or for its class,
 * for an agent started in {@code @BeforeAll}). A failed test prints those files whole and leaves
 * them in {@code target/agent-logs/<class>/<method>}; a passed one deletes them, so passing builds
 * print nothing. Registered for every test of the module by autodetection
 * (junit-platform.properties and META-INF/services).
 */
public final class AgentLogs
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback,
        TestWatcher {
  /** The system property naming the folder where agents started now write their logs. */
  static final String FOLDER = "dmagent.test.agent-logs";

  /** {@code -Ddmagent.test.agent-logs.keep=true} keeps the logs of passing tests too. */
  static final String KEEP = "dmagent.test.agent-logs.keep";

  private static final Path ROOT = Path.of("target/agent-logs");
  private static final String FAILED = "failed";

  @Override
  public void beforeAll(ExtensionContext context) {
    System.setProperty(FOLDER, classFolder(context).toString());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    System.setProperty(FOLDER, testFolder(context).toString());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    System.setProperty(FOLDER, classFolder(context).toString());
  }

  @Override
  public void testSuccessful(ExtensionContext context) {
    delete(testFolder(context));
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    delete(testFolder(context));
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    context.getParent().orElseThrow().getStore(ExtensionContext.Namespace.GLOBAL).put(FAILED, true);
    print(classFolder(context), context.getDisplayName());
    print(testFolder(context), context.getDisplayName());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    System.clearProperty(FOLDER);
    if (context.getStore(ExtensionContext.Namespace.GLOBAL).get(FAILED) == null) {
      delete(classFolder(context));
    }
  }

  private static Path classFolder(ExtensionContext context) {
    return ROOT.resolve(context.getRequiredTestClass().getSimpleName());
  }

  /** The method's folder; each invocation of a parameterized test has its own below it. */
  private static Path testFolder(ExtensionContext context) {
    String method = context.getRequiredTestMethod().getName();
    Path folder = classFolder(context).resolve(method);
    String shown = context.getDisplayName();
    return shown.startsWith(method + "(")
        ? folder
        : folder.resolve(shown.replaceAll("[^A-Za-z0-9._-]+", "_"));
  }

  /** The agent logs directly in {@code folder} (not in its subfolders), each whole. */
  private static void print(Path folder, String test) {
    for (Path log : logs(folder)) {
      System.out.println("---- " + test + " failed; the agent's log " + log + ":");
      try {
        System.out.println(Files.readString(log, StandardCharsets.UTF_8));
      } catch (IOException e) {
        System.out.println("(cannot read it: " + e + ")");
      }
      System.out.println("---- end of " + log);
    }
  }

  private static List<Path> logs(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path folder) {
    if (!Files.exists(folder) || Boolean.getBoolean(KEEP)) {
      return;
    }
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.out.println("(agent logs in " + folder + " not deleted: " + e + ")");
    }
  }

  /**
   * A new file for one agent's log in the folder named now ({@code agent-1.log}, {@code
   * agent-2.log}, ...), or empty when none can be made (the test goes on without it).
   */
  static Optional<Path> newLog() {
    Path folder = Path.of(System.getProperty(FOLDER, ROOT.resolve("other").toString()));
    try {
      Files.createDirectories(folder);
      for (int n = 1; ; n++) {
        Path log = folder.resolve("agent-" + n + ".log");
        if (!Files.exists(log)) {
          Files.createFile(log);
          return Optional.of(log);
        }
      }
    } catch (IOException e) {
      System.out.println("(no agent log file in " + folder + ": " + e + ")");
      return Optional.empty();
    }
  }
}
