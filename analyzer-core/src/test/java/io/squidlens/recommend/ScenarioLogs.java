package io.squidlens.recommend;

import io.squidlens.Analysis;
import io.squidlens.Analyzer;
import io.squidlens.AnalyzerOptions;
import io.squidlens.parse.InputSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds small Squid native logs line by line and analyzes them. */
final class ScenarioLogs {
  private final List<String> lines = new ArrayList<>();
  private long time = 1763712000L;

  /** A successful CONNECT; {@code peer} is the address Squid logged (null: none). */
  ScenarioLogs tunnel(String authority, String peer) {
    return line("TCP_TUNNEL/200", "CONNECT", authority, peer);
  }

  /** A CONNECT Squid denied by policy. */
  ScenarioLogs denied(String authority) {
    return line("TCP_DENIED/403", "CONNECT", authority, null);
  }

  /** A plain HTTP GET. */
  ScenarioLogs get(String url, String peer) {
    return line("TCP_MISS/200", "GET", url, peer);
  }

  private ScenarioLogs line(String code, String method, String url, String peer) {
    time++;
    lines.add(
        String.format(
            Locale.ROOT,
            "%d.000     12 10.240.0.15 %s 4100 %s %s - %s -",
            time,
            code,
            method,
            url,
            peer == null ? "HIER_NONE/-" : "HIER_DIRECT/" + peer));
    return this;
  }

  /** Writes the log to {@code dir} and analyzes it with the options {@code options} builds. */
  Analysis analyze(Path dir, AnalyzerOptions.Builder options) {
    try {
      return analyze(dir, options.build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the log to {@code dir} and analyzes it with {@code options}. */
  Analysis analyze(Path dir, AnalyzerOptions options) {
    try {
      Path log = Files.createTempFile(dir, "access", ".log");
      Files.write(log, lines, StandardCharsets.UTF_8);
      return new Analyzer(options)
          .analyze(new Analyzer.Inputs(InputSource.resolve(List.of(log.toString()))), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
