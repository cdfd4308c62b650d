package io.squidlens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.squidlens.report.Provenance;
import io.squidlens.report.Reports;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logs read elsewhere, part by part (as a cluster reads them), give the report a local read gives:
 * parts cut anywhere, read and merged in any order.
 */
final class ElsewhereTest {
  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A reader in this process that does what a cluster does: cut, read every part on its own, place,
   * and merge in a random tree.
   */
  private static final class ShuffledReader implements Analyzer.Reader {
    private final Analyzer analyzer;
    private final long partBytes;
    private final Random random;

    ShuffledReader(Analyzer analyzer, long partBytes, long seed) {
      this.analyzer = analyzer;
      this.partBytes = partBytes;
      this.random = new Random(seed);
    }

    @Override
    public Analyzer.Read read(List<Analyzer.Source> logs) throws IOException {
      List<Analyzer.Part> parts = Analyzer.parts(logs, partBytes);
      List<Integer> order = new ArrayList<>();
      for (int k = 0; k < parts.size(); k++) {
        order.add(k);
      }
      Collections.shuffle(order, random);
      Analyzer.Partial[] read = new Analyzer.Partial[parts.size()];
      for (int k : order) {
        Analyzer.Part p = parts.get(k);
        // Through bytes, as a cluster moves them.
        read[k] = Analyzer.Partial.fromBytes(analyzer.readPart(p, opener(p.source())).toBytes());
      }
      List<Long> numbered = new ArrayList<>();
      List<Long> consumed = new ArrayList<>();
      for (Analyzer.Partial p : read) {
        numbered.add(p.numberedLines());
        consumed.add(p.consumed());
      }
      Analyzer.Placing placing = Analyzer.placing(logs, parts, numbered, consumed);
      List<String> names = logs.stream().map(Analyzer.Source::name).toList();
      List<Analyzer.Partial> pool = new ArrayList<>();
      for (int k = 0; k < read.length; k++) {
        pool.add(read[k].placed(placing.linesBefore().get(k), names));
      }
      while (pool.size() > 1) {
        Analyzer.Partial a = pool.remove(random.nextInt(pool.size()));
        Analyzer.Partial b = pool.remove(random.nextInt(pool.size()));
        pool.add(Analyzer.Partial.fromBytes(a.merge(b).toBytes()));
      }
      return new Analyzer.Read(pool.get(0), placing.consumed());
    }

    @Override
    public List<byte[]> heads(List<Analyzer.Source> logs) throws IOException {
      List<byte[]> heads = new ArrayList<>();
      for (Analyzer.Source s : logs) {
        heads.add(Analyzer.head(s, opener(s), Analyzer.STATE_HEAD));
      }
      return heads;
    }
  }

  private static Analyzer.Opener opener(Analyzer.Source s) {
    return position -> {
      FileChannel ch = FileChannel.open(Path.of(s.name()), StandardOpenOption.READ);
      ch.position(position);
      return Channels.newInputStream(ch);
    };
  }

  private static Analyzer.Source source(Path p, String label) throws IOException {
    byte[] magic = new byte[2];
    try (InputStream in = Files.newInputStream(p)) {
      in.readNBytes(magic, 0, 2);
    }
    boolean gz = (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B;
    return new Analyzer.Source(p.toString(), label, Files.size(p), gz);
  }

  private static AnalyzerOptions.Builder options() {
    return AnalyzerOptions.builder().threads(2).dns("off");
  }

  /** The JSON report without what differs between runs by design (when, where, how read). */
  private static JsonNode json(Analysis a) throws IOException {
    StringWriter w = new StringWriter();
    Reports.analysis(
        a,
        "json",
        w,
        new Provenance("test", List.of("squidlens"), false, Instant.EPOCH, "test"),
        false,
        false);
    ObjectNode root = (ObjectNode) JSON.readTree(w.toString());
    root.remove("run");
    return root;
  }

  private JsonNode local(AnalyzerOptions.Builder b, List<Path> logs, List<String> labelled)
      throws IOException {
    Analyzer a = new Analyzer(b.build());
    return json(a.analyze(a.inputs(logs.stream().map(Path::toString).toList(), labelled), null));
  }

  private JsonNode elsewhere(
      AnalyzerOptions.Builder b, List<Analyzer.Source> logs, long partBytes, long seed)
      throws IOException {
    Analyzer a = new Analyzer(b.build());
    return json(a.analyze(new ShuffledReader(a, partBytes, seed), a.inputs(logs), null));
  }

  private static void assertSameReport(JsonNode expected, JsonNode actual) {
    JsonReports.assertSameReport(expected, actual);
  }

  private Path sample(String name) {
    return TestLogs.copyKeepingPath("sample-logs/" + name + "/access.log", dir);
  }

  @Test
  void sampleLogs_cutIntoPartsReadInAnyOrder_giveTheLocalReport() throws IOException {
    for (String name : TestLogs.sampleLogs()) {
      Path log = sample(name);
      JsonNode expected = local(options(), List.of(log), List.of());
      for (long partBytes : new long[] {31, 509, 1 << 20}) {
        JsonNode actual =
            elsewhere(options(), List.of(source(log, null)), partBytes, name.hashCode());
        assertSameReport(expected, actual);
      }
    }
  }

  @Test
  void malformedLines_keepTheirFileAndLine_whereverThePartsAreCut() throws IOException {
    Path oddity = TestLogs.copyKeepingPath("sample-logs/every-oddity/malformed.log", dir);
    Path other = sample("roks-vpc-before-noproxy");
    JsonNode expected = local(options(), List.of(other, oddity), List.of());
    assertTrue(expected.path("malformed").size() > 0, expected::toString);
    for (long seed = 0; seed < 5; seed++) {
      assertSameReport(
          expected,
          elsewhere(
              options(), List.of(source(other, null), source(oddity, null)), 61 + seed, seed));
    }
  }

  @Test
  void rotatedSets_gzipAndLabels_areOrderedAndCountedAsLocally() throws IOException {
    Path base = sample("roks-vpc-before-noproxy");
    List<String> lines = Files.readAllLines(base, StandardCharsets.ISO_8859_1);
    Path d = Files.createDirectories(dir.resolve("proxy-a"));
    Path current = d.resolve("access.log");
    Path one = d.resolve("access.log.1");
    Path two = d.resolve("access.log.2.gz");
    int third = lines.size() / 3;
    Files.write(current, lines.subList(2 * third, lines.size()), StandardCharsets.ISO_8859_1);
    Files.write(one, lines.subList(third, 2 * third), StandardCharsets.ISO_8859_1);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(two))) {
      out.write(
          (String.join("\n", lines.subList(0, third)) + "\n")
              .getBytes(StandardCharsets.ISO_8859_1));
    }
    JsonNode expected = local(options(), List.of(), List.of("proxy-a=" + d));
    // Given newest first, as a listing might: the rotation order is the core's.
    List<Analyzer.Source> logs =
        List.of(source(current, "proxy-a"), source(one, "proxy-a"), source(two, "proxy-a"));
    assertSameReport(expected, elsewhere(options(), logs, 200, 7));
  }

  @Test
  void aTimeWindow_countsTheSameLinesOutside() throws IOException {
    Path log = sample("roks-vpc-rollout");
    AnalyzerOptions.Builder window = options().since("2025-11-21T10:42:00Z");
    JsonNode expected = local(window, List.of(log), List.of());
    assertTrue(expected.path("input").path("outsideWindowLines").asLong() > 0, expected::toString);
    assertSameReport(expected, elsewhere(window, List.of(source(log, null)), 333, 3));
  }

  @Test
  void aStateWrittenElsewhere_isContinuedLocally_likeALocalState() throws IOException {
    Path base = sample("roks-vpc-before-noproxy");
    List<String> lines = Files.readAllLines(base, StandardCharsets.ISO_8859_1);
    Path log = dir.resolve("grow.log");
    int half = lines.size() / 2;
    // The first run sees an unfinished last line: it is left for the next.
    String first =
        String.join("\n", lines.subList(0, half)) + "\n" + lines.get(half).substring(0, 20);
    Files.writeString(log, first, StandardCharsets.ISO_8859_1);

    Analyzer a = new Analyzer(options().build());
    Path remoteState = dir.resolve("remote.state");
    Path localState = dir.resolve("local.state");
    ShuffledReader reader = new ShuffledReader(a, 500, 11);
    JsonNode remoteFirst =
        json(a.analyze(reader, a.inputs(List.of(source(log, null))), remoteState));
    JsonNode localFirst = json(a.analyze(a.inputs(List.of(log.toString())), null, localState));
    assertSameReport(localFirst, remoteFirst);

    Files.writeString(
        log,
        lines.get(half).substring(20)
            + "\n"
            + String.join("\n", lines.subList(half + 1, lines.size()))
            + "\n",
        StandardCharsets.ISO_8859_1,
        StandardOpenOption.APPEND);
    JsonNode localOnRemote = json(a.analyze(a.inputs(List.of(log.toString())), null, remoteState));
    JsonNode localOnLocal = json(a.analyze(a.inputs(List.of(log.toString())), null, localState));
    assertSameReport(localOnLocal, localOnRemote);
    JsonNode once = local(options(), List.of(log), List.of());
    assertEquals(once.path("destinations"), localOnRemote.path("destinations"));
  }

  @Test
  void aStateContinuedElsewhere_readsOnlyWhatWasAdded() throws IOException {
    Path base = sample("roks-vpc-before-noproxy");
    List<String> lines = Files.readAllLines(base, StandardCharsets.ISO_8859_1);
    Path log = dir.resolve("grow.log");
    int half = lines.size() / 2;
    Files.write(log, lines.subList(0, half), StandardCharsets.ISO_8859_1);
    Analyzer a = new Analyzer(options().build());
    Path state = dir.resolve("s.state");
    a.analyze(a.inputs(List.of(log.toString())), null, state);
    Files.write(
        log,
        lines.subList(half, lines.size()),
        StandardCharsets.ISO_8859_1,
        StandardOpenOption.APPEND);
    JsonNode continued =
        json(a.analyze(new ShuffledReader(a, 300, 5), a.inputs(List.of(source(log, null))), state));
    JsonNode once = local(options(), List.of(log), List.of());
    assertEquals(once.path("destinations"), continued.path("destinations"));
    assertEquals(once.path("totals"), continued.path("totals"));
  }
}
