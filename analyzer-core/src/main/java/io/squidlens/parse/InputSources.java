package io.squidlens.parse;

import io.squidlens.base.InputException;
import io.squidlens.parse.InputSource.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resolves the inputs named on a command line: existence, compression, and rotation order. */
final class InputSources {
  private static final Pattern NUMBERED = Pattern.compile("(.*)\\.(\\d{1,6})");
  private static final Pattern DATED = Pattern.compile("(.*)-(\\d{8}(?:\\d{2})?)");

  private InputSources() {}

  /**
   * Checks every named input and orders rotated sets oldest first ({@code access.log.2.gz}, {@code
   * access.log.1}, {@code access.log}; logrotate's {@code -YYYYMMDD} names by date). Unrelated
   * files keep the order given. No name, or {@code -}, means standard input.
   *
   * @throws InputException naming the first input that is missing, unreadable, a directory,
   *     compressed in a way squidlens cannot read, or given twice
   */
  static List<InputSource> resolve(List<String> names) throws InputException {
    if (names.isEmpty()) {
      return List.of(InputSource.stdin());
    }
    List<InputSource> sources = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    boolean stdinSeen = false;
    for (String name : names) {
      if (name.equals("-")) {
        if (stdinSeen) {
          throw new InputException(name, "-: standard input given twice", null);
        }
        stdinSeen = true;
        sources.add(InputSource.stdin());
        continue;
      }
      InputSource source = open(name);
      Path real;
      try {
        real = source.path().toRealPath();
      } catch (IOException e) {
        real = source.path().toAbsolutePath().normalize();
      }
      if (!seen.add(real)) {
        throw new InputException(
            name, name + ": given twice (it would be counted twice); name each input once", null);
      }
      sources.add(source);
    }
    return order(sources);
  }

  /**
   * Checks one file and detects its compression. A file that is not a regular one (a named pipe, a
   * process substitution such as {@code <(zcat access.log.1.gz)}, a device) is read once, as
   * standard input is, so nothing is taken from it before reading starts.
   */
  static InputSource open(String name) throws InputException {
    Path path = Path.of(name);
    if (Files.isDirectory(path)) {
      throw new InputException(name, name + ": is a directory, not a log file", null);
    }
    if (!Files.exists(path)) {
      throw new InputException(name, name + ": no such file", null);
    }
    if (!Files.isRegularFile(path)) {
      if (!Files.isReadable(path)) {
        throw new InputException(name, name + ": permission denied", null);
      }
      return new InputSource(name, path, -1, Compression.NONE, false);
    }
    byte[] magic = new byte[6];
    int n;
    try (InputStream in = Files.newInputStream(path)) {
      n = in.readNBytes(magic, 0, magic.length);
    } catch (NoSuchFileException e) {
      throw new InputException(name, name + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new InputException(name, name + ": permission denied", e);
    } catch (IOException e) {
      throw new InputException(name, name + ": cannot read: " + e.getMessage(), e);
    }
    Compression compression = Compression.NONE;
    if (n >= 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B) {
      compression = Compression.GZIP;
    } else {
      String other = otherCompression(magic, n);
      if (other != null) {
        throw new InputException(
            name,
            String.format(
                "%s: %s-compressed input is not supported; decompress it into a pipe, for"
                    + " example: %s %s | squidlens analyze -",
                name,
                other,
                other.equals("bzip2") ? "bzcat" : other.equals("xz") ? "xzcat" : "zstdcat",
                name),
            null);
      }
    }
    long size;
    try {
      size = Files.size(path);
    } catch (IOException e) {
      throw new InputException(name, name + ": cannot read size: " + e.getMessage(), e);
    }
    return new InputSource(name, path, size, compression, compression == Compression.NONE);
  }

  private static String otherCompression(byte[] m, int n) {
    if (n >= 3 && m[0] == 'B' && m[1] == 'Z' && m[2] == 'h') {
      return "bzip2";
    }
    if (n >= 6
        && (m[0] & 0xFF) == 0xFD
        && m[1] == '7'
        && m[2] == 'z'
        && m[3] == 'X'
        && m[4] == 'Z'
        && m[5] == 0) {
      return "xz";
    }
    if (n >= 4
        && (m[0] & 0xFF) == 0x28
        && (m[1] & 0xFF) == 0xB5
        && (m[2] & 0xFF) == 0x2F
        && (m[3] & 0xFF) == 0xFD) {
      return "zstd";
    }
    return null;
  }

  /** Orders each rotated set oldest first; sets stay in order of first appearance. */
  static List<InputSource> order(List<InputSource> sources) {
    Map<String, List<InputSource>> groups = new LinkedHashMap<>();
    Map<InputSource, Long> rank = new HashMap<>();
    for (InputSource s : sources) {
      String base = s.isStdin() ? "-" : baseName(s.name());
      long r = Long.MAX_VALUE;
      Matcher numbered = NUMBERED.matcher(base);
      Matcher dated = DATED.matcher(base);
      if (numbered.matches()) {
        base = numbered.group(1);
        r = -Long.parseLong(numbered.group(2));
      } else if (dated.matches()) {
        base = dated.group(1);
        r = Long.parseLong(dated.group(2));
      }
      rank.put(s, r);
      groups.computeIfAbsent(base, k -> new ArrayList<>()).add(s);
    }
    List<InputSource> ordered = new ArrayList<>(sources.size());
    for (List<InputSource> group : groups.values()) {
      group.sort(Comparator.comparingLong(rank::get));
      ordered.addAll(group);
    }
    return List.copyOf(ordered);
  }

  private static String baseName(String name) {
    String n = name;
    for (String ext : new String[] {".gz", ".gzip"}) {
      if (n.endsWith(ext)) {
        n = n.substring(0, n.length() - ext.length());
      }
    }
    return n;
  }
}
