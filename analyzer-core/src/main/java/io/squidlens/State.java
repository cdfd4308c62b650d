package io.squidlens;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.squidlens.aggregate.Summary;
import io.squidlens.base.InputException;
import io.squidlens.parse.InputSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * What squidlens keeps between runs: the summary of every input read so far and, per input, how to
 * recognise it again and how far it was read, so a daily run over {@code access.log*} counts every
 * line once through renames ({@code access.log} to {@code access.log.1}) and compression ({@code
 * .1} to {@code .2.gz}). A gzipped CBOR document, versioned. Immutable.
 *
 * @param inputs the inputs read so far, in the order first read
 * @param summary everything they held
 */
record State(List<Entry> inputs, Summary summary) {
  /*
   * Implementation notes.
   *
   * An input is recognised by its first 4 KiB of content (decompressed for gzip): a log's first
   * lines carry timestamps, so two different logs never share them, while a renamed or compressed
   * copy does. The device and inode are kept too, to prefer the same file when two entries would
   * match. A file shorter than its recorded read (truncated, copy-truncate) is a new input.
   *
   * Writing is atomic: a temporary file in the same directory, flushed to disk, renamed over the
   * old state, the directory flushed; a crash at any point leaves the old state or the new one.
   */

  /** The version this squidlens writes and the newest it reads. */
  static final int VERSION = 1;

  /** What the document says it is, so a state is recognised by its content. */
  static final String FORMAT = "squidlens-state";

  /** Content bytes hashed to recognise an input. */
  static final int HEAD = 4096;

  private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

  /** Copies the list. */
  State {
    inputs = List.copyOf(inputs);
    Objects.requireNonNull(summary, "summary");
  }

  /** A state holding nothing. */
  static State empty(long destinationLimit) {
    return new State(List.of(), Summary.empty(destinationLimit));
  }

  /**
   * One input read so far.
   *
   * @param name the name it had when last read
   * @param label the proxy it came from, or null
   * @param device its device, or -1 when unknown
   * @param inode its inode, or -1 when unknown
   * @param head the hash of its first {@code headLength} content bytes
   * @param headLength how many bytes {@code head} covers (at most {@link #HEAD})
   * @param consumed content bytes read, up to the end of the last complete line
   * @param lines lines counted
   */
  record Entry(
      String name,
      String label,
      long device,
      long inode,
      String head,
      int headLength,
      long consumed,
      long lines) {

    /** This entry under another name. */
    Entry named(String newName) {
      return new Entry(newName, label, device, inode, head, headLength, consumed, lines);
    }
  }

  /** What identifies an input now: its file and its first content bytes. */
  static final class Identity {
    private final long device;
    private final long inode;
    private final byte[] head;
    private final long size;
    private final boolean compressed;

    Identity(long device, long inode, byte[] head, long size, boolean compressed) {
      this.device = device;
      this.inode = inode;
      this.head = head.clone();
      this.size = size;
      this.compressed = compressed;
    }

    long device() {
      return device;
    }

    long inode() {
      return inode;
    }

    /** How many content bytes the head holds (at most {@link #HEAD}). */
    int headLength() {
      return head.length;
    }

    long size() {
      return size;
    }

    boolean compressed() {
      return compressed;
    }

    /** The hash of the first {@code n} bytes of the head (fewer when the head is shorter). */
    String hash(int n) {
      return sha256(Arrays.copyOf(head, Math.min(n, head.length)));
    }
  }

  /** The identity of a file input. */
  static Identity identify(InputSource s) throws InputException {
    Path p = s.path();
    long dev = -1;
    long ino = -1;
    try {
      dev = ((Number) Files.getAttribute(p, "unix:dev")).longValue();
      ino = ((Number) Files.getAttribute(p, "unix:ino")).longValue();
    } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
      // Not a POSIX file system: the head alone identifies the input.
    }
    boolean gz = s.compression() == InputSource.Compression.GZIP;
    byte[] head;
    try (InputStream raw = Files.newInputStream(p);
        InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw) {
      head = in.readNBytes(HEAD);
    } catch (IOException e) {
      throw new InputException(s.name(), s.name() + ": cannot read: " + e.getMessage(), e);
    }
    return new Identity(dev, ino, head, s.size(), gz);
  }

  /**
   * The entry an input now identified as {@code id} continues, or null for a new input: the same
   * first bytes, preferably the same file, not shorter than what was read of it.
   */
  Entry match(Identity id) {
    Entry best = null;
    for (Entry e : inputs) {
      if (id.headLength() < e.headLength() || !id.hash(e.headLength()).equals(e.head())) {
        continue;
      }
      if (!id.compressed() && id.size() < e.consumed()) {
        continue;
      }
      boolean sameFile = e.inode() >= 0 && e.inode() == id.inode() && e.device() == id.device();
      if (best == null || sameFile) {
        best = e;
      }
    }
    return best;
  }

  private static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Whether {@code file} holds a state (recognised by its content, not its name). */
  static boolean isState(Path file) {
    // GZIPInputStream refuses a stream without the gzip magic bytes: a plain log is not a state.
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      byte[] start = in.readNBytes(64);
      return new String(start, StandardCharsets.ISO_8859_1).contains(FORMAT);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads a state.
   *
   * @throws InputException naming the file when it cannot be read, is damaged, or was written by a
   *     newer squidlens ({@link InputException#unusable()}: exit 65)
   */
  static State read(Path file) throws InputException {
    String name = file.toString();
    JsonNode root;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
      root = CBOR.readTree(in);
    } catch (NoSuchFileException e) {
      throw new InputException(name, name + ": no such file", e);
    } catch (ZipException | java.io.EOFException e) {
      throw InputException.unusable(
          name, name + ": a damaged state file (" + InputException.reason(e) + ")", e);
    } catch (IOException e) {
      throw InputException.unusable(
          name, name + ": not a squidlens state file (" + InputException.reason(e) + ")", e);
    }
    if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
      throw InputException.unusable(name, name + ": not a squidlens state file", null);
    }
    int version = root.path("stateVersion").asInt(-1);
    if (version > VERSION) {
      throw InputException.unusable(
          name,
          name
              + ": written by a newer squidlens (state version "
              + version
              + "; this one reads up to "
              + VERSION
              + "): upgrade squidlens, or start a new state",
          null);
    }
    if (version < 1) {
      throw InputException.unusable(name, name + ": a damaged state file (no version)", null);
    }
    try {
      List<Entry> entries = new ArrayList<>();
      for (JsonNode e : root.path("inputs")) {
        entries.add(
            new Entry(
                e.path("name").asText(),
                e.path("label").isNull() ? null : e.path("label").asText(null),
                e.path("device").asLong(-1),
                e.path("inode").asLong(-1),
                e.path("head").asText(),
                e.path("headLength").asInt(),
                e.path("consumed").asLong(),
                e.path("lines").asLong()));
      }
      return new State(entries, Summary.read(root.path("summary")));
    } catch (IllegalArgumentException e) {
      throw InputException.unusable(
          name, name + ": a damaged state file (" + InputException.reason(e) + ")", e);
    }
  }

  /**
   * Writes this state over {@code file} atomically.
   *
   * @param beforeRename run after the new state is on disk and before it replaces the old one (a
   *     test's crash point); null for none
   * @throws InputException naming the file when it cannot be written
   */
  void write(Path file, Runnable beforeRename) throws InputException {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = dir.resolve("." + abs.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    try {
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        OutputStream raw = Channels.newOutputStream(ch);
        GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16);
        JsonGenerator g = CBOR.getFactory().createGenerator(gz);
        writeTo(g);
        g.flush();
        gz.finish();
        gz.flush();
        ch.force(true);
      }
      if (beforeRename != null) {
        beforeRename.run();
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      } catch (IOException e) {
        // Some file systems cannot flush a directory; the rename itself is atomic.
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // Nothing more to do: the old state is untouched.
      }
      throw new InputException(
          file.toString(), file + ": cannot write the state: " + e.getMessage(), e);
    }
  }

  private void writeTo(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("format", FORMAT);
    g.writeNumberField("stateVersion", VERSION);
    g.writeArrayFieldStart("inputs");
    for (Entry e : inputs) {
      g.writeStartObject();
      g.writeStringField("name", e.name());
      if (e.label() == null) {
        g.writeNullField("label");
      } else {
        g.writeStringField("label", e.label());
      }
      g.writeNumberField("device", e.device());
      g.writeNumberField("inode", e.inode());
      g.writeStringField("head", e.head());
      g.writeNumberField("headLength", e.headLength());
      g.writeNumberField("consumed", e.consumed());
      g.writeNumberField("lines", e.lines());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeFieldName("summary");
    summary.write(g);
    g.writeEndObject();
  }
}
