package io.squidlens.report;

import io.squidlens.Analysis;
import io.squidlens.classify.Verdict;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes one CSV row per destination host (RFC 4180, header row, CRLF): its class, reason, counts,
 * and the NO_PROXY entry recommended for it. Text cells a spreadsheet would run as a formula are
 * neutralised ({@link CsvCells}). Stateless.
 */
final class CsvReport {
  /** The header row, in column order; names match the JSON report's destination keys. */
  static final List<String> COLUMNS =
      List.of(
          "host",
          "ports",
          "class",
          "destinationClass",
          "reason",
          "requests",
          "deniedRequests",
          "authChallenges",
          "bytes",
          "firstSeen",
          "lastSeen",
          "clients",
          "moreClients",
          "peers",
          "noProxyEntry",
          "examples");

  private CsvReport() {}

  /** Writes {@code a}'s destinations as CSV. */
  static void write(Analysis a, Writer out) throws IOException {
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setHeader(COLUMNS.toArray(new String[0]))
            .setRecordSeparator("\r\n")
            .get();
    Function<Verdict, String> exemptedBy = ReportFacts.exemptingEntry(a);
    List<String> names = ReportFacts.sourceNames(a);
    CSVPrinter p = new CSVPrinter(out, format);
    for (Verdict v : a.verdicts()) {
      List<String> ports = new ArrayList<>();
      v.ports().forEach(port -> ports.add(Integer.toString(port)));
      List<String> examples = new ArrayList<>();
      for (long ref : v.stats().examples()) {
        examples.add(ReportFacts.line(ref, names));
      }
      p.printRecord(
          CsvCells.text(v.host()),
          String.join(" ", ports),
          v.trafficClass().id(),
          v.destinationClass().id(),
          CsvCells.text(v.reason()),
          v.stats().requests(),
          v.stats().deniedRequests(),
          v.stats().authChallenges(),
          v.stats().bytes(),
          Times.iso(v.stats().firstSeen()),
          Times.iso(v.stats().lastSeen()),
          CsvCells.text(String.join(" ", v.stats().clients())),
          v.stats().moreClients(),
          CsvCells.text(String.join(" ", v.stats().peers())),
          CsvCells.text(exemptedBy.apply(v)),
          CsvCells.text(String.join(" ", examples)));
    }
    p.flush();
  }
}
