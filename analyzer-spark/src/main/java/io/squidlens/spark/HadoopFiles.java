package io.squidlens.spark;

import io.squidlens.Analyzer;
import io.squidlens.base.InputException;
import io.squidlens.cli.Engine;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Logs on Hadoop's file systems ({@code file://}, {@code hdfs://}, {@code s3a://}, ...): what the
 * names on a command line stand for, their bytes for the tasks, and the report's file. The settings
 * travel to the tasks with it, so it is serializable; file systems are opened where used.
 */
final class HadoopFiles implements Serializable {
  private static final long serialVersionUID = 1;

  private final HashMap<String, String> settings;

  HadoopFiles(Configuration conf) {
    this.settings = new HashMap<>();
    for (Map.Entry<String, String> e : conf) {
      settings.put(e.getKey(), e.getValue());
    }
  }

  Configuration conf() {
    Configuration c = new Configuration(false);
    settings.forEach(c::set);
    return c;
  }

  /** What a name on the command line is, before its bytes are looked at. */
  record Named(String name, String label, long size) {}

  /**
   * The logs that names stand for, in the order given: a file; a directory's files (hidden ones
   * left out, sorted), labelled with the directory's name; a glob's files, sorted. {@code labelled}
   * as {@code NAME=PATH}, after the others.
   *
   * @throws InputException naming what does not exist or cannot be listed
   */
  List<Named> resolve(List<String> names, List<String> labelled) throws IOException {
    if (names.isEmpty() && labelled.isEmpty()) {
      throw new InputException(
          "-",
          "no logs given: name files, directories or globs (standard input is not read on a"
              + " cluster)",
          null);
    }
    List<String[]> all = new ArrayList<>();
    names.forEach(n -> all.add(new String[] {n, null}));
    for (String l : labelled) {
      int eq = l.indexOf('=');
      io.squidlens.base.BadValueException.require(
          eq > 0 && eq < l.length() - 1,
          "'%s': expected NAME=PATH, such as proxy-a=s3a://logs/proxy-a/",
          l);
      all.add(new String[] {l.substring(eq + 1), l.substring(0, eq).strip()});
    }
    Configuration conf = conf();
    List<Named> out = new ArrayList<>();
    for (String[] item : all) {
      String name = item[0];
      String label = item[1];
      if (name.equals("-")) {
        throw new InputException(
            name, "-: standard input is not read on a cluster; name the logs' paths", null);
      }
      Path path = new Path(name);
      FileSystem fs = fileSystem(name, path, conf);
      if (isGlob(name)) {
        FileStatus[] found = fs.globStatus(path, p -> !p.getName().startsWith("."));
        List<FileStatus> files = new ArrayList<>();
        if (found != null) {
          for (FileStatus f : found) {
            if (f.isFile()) {
              files.add(f);
            }
          }
        }
        if (files.isEmpty()) {
          throw new InputException(name, name + ": no log file matches", null);
        }
        files.sort(Comparator.comparing(f -> f.getPath().toString()));
        for (FileStatus f : files) {
          out.add(new Named(f.getPath().toString(), label, f.getLen()));
        }
        continue;
      }
      FileStatus st;
      try {
        st = fs.getFileStatus(path);
      } catch (FileNotFoundException e) {
        throw new InputException(name, name + ": no such file", e);
      } catch (IOException e) {
        throw new InputException(name, name + ": cannot read: " + InputException.reason(e), e);
      }
      if (st.isDirectory()) {
        FileStatus[] listed = fs.listStatus(path, p -> !p.getName().startsWith("."));
        Arrays.sort(listed, Comparator.comparing(f -> f.getPath().getName()));
        String dir = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        String l = label != null ? label : path.getName().isEmpty() ? dir : dirName(fs, path);
        int before = out.size();
        for (FileStatus f : listed) {
          if (f.isFile()) {
            out.add(new Named(dir + "/" + f.getPath().getName(), l, f.getLen()));
          }
        }
        if (out.size() == before) {
          throw new InputException(name, name + ": a directory without a log file in it", null);
        }
      } else {
        out.add(new Named(name, label, st.getLen()));
      }
    }
    return out;
  }

  /** A directory's own name, as the command line labels it ({@code .} becomes its real name). */
  private static String dirName(FileSystem fs, Path path) {
    return fs.makeQualified(path).getName();
  }

  private static boolean isGlob(String name) {
    return name.indexOf('*') >= 0
        || name.indexOf('?') >= 0
        || name.indexOf('[') >= 0
        || name.indexOf('{') >= 0;
  }

  private static FileSystem fileSystem(String name, Path path, Configuration conf)
      throws InputException {
    try {
      return path.getFileSystem(conf);
    } catch (IOException e) {
      throw new InputException(
          name, name + ": no file system for it: " + InputException.reason(e), e);
    }
  }

  /** Opens a log's bytes at a position, for a task. */
  Analyzer.Opener opener(String name) {
    return position -> {
      Path path = new Path(name);
      FSDataInputStream in = path.getFileSystem(conf()).open(path, 1 << 20);
      if (position > 0) {
        in.seek(position);
      }
      return in;
    };
  }

  /** The first bytes of a log as stored (compressed or not), up to {@code n}. */
  byte[] magic(String name, int n) throws IOException {
    try (InputStream in = opener(name).open(0)) {
      return in.readNBytes(n);
    }
  }

  /**
   * A writer of {@code file} on a cluster file system, written aside and renamed over it when
   * closed; null for a file of this machine, which the command line writes itself.
   */
  Engine.Output create(String file) throws IOException {
    Path target = new Path(file);
    String scheme = target.toUri().getScheme();
    if (scheme == null || scheme.equals("file")) {
      return null;
    }
    FileSystem fs = target.getFileSystem(conf());
    if (fs.exists(target) && fs.getFileStatus(target).isDirectory()) {
      throw new IOException("is a directory");
    }
    Path tmp =
        new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
    Writer out = new OutputStreamWriter(fs.create(tmp, false), StandardCharsets.UTF_8);
    return new Engine.Output() {
      private boolean closed;

      @Override
      public void write(char[] c, int off, int len) throws IOException {
        out.write(c, off, len);
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        if (closed) {
          return;
        }
        closed = true;
        out.close();
        // HDFS and object stores rename without replacing: the old report goes first.
        if (fs.exists(target)) {
          fs.delete(target, false);
        }
        if (!fs.rename(tmp, target)) {
          fs.delete(tmp, false);
          throw new IOException("cannot move the report into place");
        }
      }

      @Override
      public void abort() {
        closed = true;
        try {
          out.close();
          fs.delete(tmp, false);
        } catch (IOException e) {
          // The report failed already; a temporary file left behind is hidden and named.
        }
      }
    };
  }
}
