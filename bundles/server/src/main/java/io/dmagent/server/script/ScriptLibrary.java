package io.dmagent.server.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where scripts come from: a folder of {@code <name>.dms} files, read again when they change. A
 * device runs {@code <DevId>.dms} if the folder has one (characters other than letters, digits,
 * dot, dash and underscore written as {@code _}), otherwise the default script; when the folder has
 * no default either, the script built into the server (read DevInfo and DevDetail).
 */
public final class ScriptLibrary {
  public static final String EXTENSION = ".dms";
  private static final String BUILT_IN = "/io/dmagent/server/default.dms";

  private final Optional<Path> folder;
  private final String defaultName;
  private final Script builtIn;
  private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

  public ScriptLibrary(Optional<Path> folder, String defaultName, Script builtIn) {
    this.folder = folder;
    this.defaultName = defaultName;
    this.builtIn = builtIn;
  }

  /** The script built into the server bundle. */
  public static Script builtIn() {
    try (InputStream in = ScriptLibrary.class.getResourceAsStream(BUILT_IN)) {
      return Script.parse("default", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException | ScriptException | NullPointerException e) {
      throw new IllegalStateException("the built-in script is missing or broken", e);
    }
  }

  /** The script a device runs when none was queued for it. */
  public Script forDevice(String devId) throws ScriptException {
    Optional<Script> own = load(fileName(devId));
    if (own.isPresent()) {
      return own.get();
    }
    return load(defaultName).orElse(builtIn);
  }

  /** The script of that name in the folder. */
  public Script named(String name) throws ScriptException {
    if (!name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) {
      throw new ScriptException(name, 0, "a script name is letters, digits, '.', '-' and '_'");
    }
    String bare = name.endsWith(EXTENSION) ? name.substring(0, name.length() - 4) : name;
    return load(bare)
        .or(() -> bare.equals(defaultName) ? Optional.of(builtIn) : Optional.empty())
        .orElseThrow(
            () ->
                new ScriptException(
                    name,
                    0,
                    "no such script"
                        + folder.map(f -> " in " + f).orElse(" (no script folder configured)")));
  }

  /** A DevId as a file name: URNs and IMEIs carry ':' and other characters files should not. */
  static String fileName(String devId) {
    return devId.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private Optional<Script> load(String name) throws ScriptException {
    if (folder.isEmpty()) {
      return Optional.empty();
    }
    Path file = folder.get().resolve(name + EXTENSION);
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      Cached cached = cache.get(file);
      if (cached != null && cached.modified.equals(modified)) {
        return Optional.of(cached.script);
      }
      Script script = Script.parse(name, Files.readString(file, StandardCharsets.UTF_8));
      cache.put(file, new Cached(modified, script));
      return Optional.of(script);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new ScriptException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private record Cached(FileTime modified, Script script) {}
}
