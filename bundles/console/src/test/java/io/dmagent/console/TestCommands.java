package io.dmagent.console;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;

/**
 * Commands of scope {@code t}, on Gogo's real command processor, as the console's tests use them.
 */
public final class TestCommands {
  private final Map<String, String> values = new LinkedHashMap<>();

  public String set(String key, String value) {
    boolean added = values.put(key, value) == null;
    return (added ? "added " : "replaced ") + key;
  }

  public String get(String key) {
    String value = values.get(key);
    return value != null ? value : "error 404: " + key + " not found";
  }

  public String feature(String action) {
    return action;
  }

  public String fail(String why) {
    throw new IllegalStateException(why, new java.io.IOException("disk full"));
  }

  public String wrapped() {
    throw new RuntimeException(new IllegalStateException("Invalid BundleContext"));
  }

  /** Gogo's command processor with these commands; close it to give System.out back. */
  record Gogo(ThreadIOImpl threadIo, CommandProcessorImpl processor) implements AutoCloseable {
    static Gogo start() {
      ThreadIOImpl threadIo = new ThreadIOImpl();
      threadIo.start();
      CommandProcessorImpl processor = new CommandProcessorImpl(threadIo);
      TestCommands commands = new TestCommands();
      for (String name : new String[] {"set", "get", "feature", "fail", "wrapped"}) {
        processor.addCommand("t", commands, name);
      }
      return new Gogo(threadIo, processor);
    }

    @Override
    public void close() {
      processor.stop();
      threadIo.stop();
    }
  }
}
