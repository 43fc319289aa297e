package io.dmagent.console;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code dm:help}: every {@code dm:} command with what it does, and {@code dm:help <command>} with
 * the arguments it takes. A command says what it does with Gogo's {@code @Descriptor} on its
 * methods or, for a command that is a Gogo {@code Function} (such as {@code dm:add-node}, whose
 * name no method can have), with the service properties {@value #HELP} and {@value #USAGE}.
 */
@Component(
    service = HelpCommand.class,
    property = {"osgi.command.scope=dm", "osgi.command.function=help"})
public final class HelpCommand {
  static final String HELP = "dmagent.command.help";
  static final String USAGE = "dmagent.command.usage";
  static final String NONE = "(no help text)";

  private final BundleContext context;

  @Activate
  public HelpCommand(BundleContext context) {
    this.context = context;
  }

  @Descriptor("Lists every dm: command with what it does")
  public String help() {
    StringBuilder out = new StringBuilder();
    commands().forEach((name, h) -> out.append(String.format("%-14s %s%n", name, h.summary())));
    return out.toString().stripTrailing();
  }

  @Descriptor("Shows what a dm: command does and the arguments it takes")
  public String help(@Descriptor("the command, e.g. dm:set or set") String command) {
    String name = command.startsWith("dm:") ? command : "dm:" + command;
    Help h = commands().get(name);
    if (h == null) {
      return "error 404: no command " + name + " (dm:help lists them)";
    }
    return name + ": " + h.summary() + "\n" + String.join("\n", h.usages());
  }

  /** What one command says about itself. */
  record Help(String summary, List<String> usages) {}

  private Map<String, Help> commands() {
    Map<String, Help> all = new TreeMap<>();
    ServiceReference<?>[] refs;
    try {
      refs = context.getServiceReferences((String) null, "(osgi.command.scope=dm)");
    } catch (InvalidSyntaxException e) {
      throw new IllegalStateException(e);
    }
    for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
      Object service = context.getService(ref);
      if (service == null) {
        continue;
      }
      try {
        for (String function : functions(ref)) {
          all.put("dm:" + function, describe(function, ref, service.getClass()));
        }
      } finally {
        context.ungetService(ref);
      }
    }
    return all;
  }

  private static List<String> functions(ServiceReference<?> ref) {
    Object f = ref.getProperty("osgi.command.function");
    return f instanceof String[] names ? List.of(names) : List.of(String.valueOf(f));
  }

  static Help describe(String function, ServiceReference<?> ref, Class<?> type) {
    String summary = null;
    List<String> usages = new ArrayList<>();
    for (Method m : type.getMethods()) {
      if (!m.getName().equalsIgnoreCase(function)) {
        continue;
      }
      Descriptor d = m.getAnnotation(Descriptor.class);
      if (d != null && summary == null) {
        summary = d.value();
      }
      usages.add(usage(function, m));
    }
    if (ref.getProperty(HELP) instanceof String text) {
      summary = text;
    }
    if (ref.getProperty(USAGE) instanceof String text) {
      usages = List.of("  usage: dm:" + function + " " + text);
    }
    return new Help(summary != null ? summary : NONE, usages);
  }

  /** {@code usage: dm:set [-f|--format <format>] <target> <value>}, with each argument's text. */
  private static String usage(String function, Method m) {
    StringBuilder line = new StringBuilder("  usage: dm:").append(function);
    StringBuilder details = new StringBuilder();
    Annotation[][] annotations = m.getParameterAnnotations();
    Class<?>[] types = m.getParameterTypes();
    int position = 0;
    for (int i = 0; i < types.length; i++) {
      if (types[i] == CommandSession.class) {
        continue;
      }
      Descriptor d = find(annotations[i], Descriptor.class);
      Parameter p = find(annotations[i], Parameter.class);
      String name;
      if (p == null) {
        name = "<" + ++position + ">";
        line.append(' ').append(name);
      } else {
        name = String.join("|", p.names());
        boolean flag = !Parameter.UNSPECIFIED.equals(p.presentValue());
        line.append(" [").append(name).append(flag ? "]" : " <value>]");
      }
      if (d != null) {
        details.append("\n    ").append(name).append(": ").append(d.value());
      }
    }
    return line.append(details).toString();
  }

  private static <A extends Annotation> A find(Annotation[] annotations, Class<A> type) {
    for (Annotation a : annotations) {
      if (type.isInstance(a)) {
        return type.cast(a);
      }
    }
    return null;
  }
}
