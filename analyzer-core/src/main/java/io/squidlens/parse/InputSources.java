package io.squidlens.parse;

import io.squidlens.base.BadValueException;
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
   * files keep the order given. No name, or {@code -}, means standard input. A directory stands for
   * the files in it (hidden ones left out), labelled with its name: one directory per proxy.
   *
   * @param labelled inputs given as {@code NAME=PATH}, labelled NAME, after the others
   * @throws InputException naming the first input that is missing, unreadable, compressed in a way
   *     squidlens cannot read, or given twice
   * @throws BadValueException for a labelled input that is not {@code NAME=PATH}
   */
  static List<InputSource> resolve(List<String> names, List<String> labelled)
      throws InputException {
    if (names.isEmpty() && labelled.isEmpty()) {
      return List.of(InputSource.stdin());
    }
    List<InputSource> sources = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    boolean stdinSeen = false;
    List<String[]> all = new ArrayList<>();
    for (String name : names) {
      all.add(new String[] {name, null});
    }
    for (String l : labelled) {
      int eq = l.indexOf('=');
      BadValueException.require(
          eq > 0 && eq < l.length() - 1,
          "'%s': expected NAME=PATH, such as proxy-a=/var/log/squid/access.log",
          l);
      all.add(new String[] {l.substring(eq + 1), l.substring(0, eq).strip()});
    }
    for (String[] item : all) {
      String name = item[0];
      String label = item[1];
      if (name.equals("-")) {
        if (stdinSeen) {
          throw new InputException(name, "-: standard input given twice", null);
        }
        stdinSeen = true;
        sources.add(label == null ? InputSource.stdin() : InputSource.stdin().withLabel(label));
        continue;
      }
      List<InputSource> found = new ArrayList<>();
      Path dir = Path.of(name);
      if (Files.isDirectory(dir)) {
        String l =
            label != null ? label : dir.toAbsolutePath().normalize().getFileName().toString();
        List<String> files = new ArrayList<>();
        try (var listing = Files.list(dir)) {
          listing
              .filter(f -> !f.getFileName().toString().startsWith("."))
              .filter(Files::isRegularFile)
              .map(Path::toString)
              .sorted()
              .forEach(files::add);
        } catch (IOException e) {
          throw new InputException(
              name, name + ": cannot list the directory: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
          throw new InputException(name, name + ": a directory without a log file in it", null);
        }
        for (String f : files) {
          found.add(open(f).withLabel(l));
        }
      } else {
        InputSource source = open(name);
        found.add(label == null ? source : source.withLabel(label));
      }
      for (InputSource source : found) {
        Path real;
        try {
          real = source.path().toRealPath();
        } catch (IOException e) {
          real = source.path().toAbsolutePath().normalize();
        }
        if (!seen.add(real)) {
          throw new InputException(
              source.name(),
              source.name() + ": given twice (it would be counted twice); name each input once",
              null);
        }
        sources.add(source);
      }
    }
    return order(sources);
  }

  /** As {@link #resolve(List, List)}, without labelled inputs. */
  static List<InputSource> resolve(List<String> names) throws InputException {
    return resolve(names, List.of());
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
