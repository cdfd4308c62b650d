package io.squidlens.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.squidlens.Analyzer;
import io.squidlens.parse.LogRecord;
import io.squidlens.parse.ParseProblem;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes parsed records one by one, as JSON Lines or CSV ({@code squidlens parse}): as the {@link
 * Analyzer#records} sink, each record (with its people pseudonymised when a redactor is given) and
 * each malformed line ({@code FILE:LINE: malformed line: REASON}, on the problems writer). Not
 * thread-safe. Used by the {@code parse} command.
 */
public abstract sealed class RecordWriter implements Analyzer.RecordSink, Closeable, Flushable
    permits RecordWriter.JsonLines, RecordWriter.Csv {

  /** The record keys, in output order: the JSON Lines keys and the CSV header. */
  public static final List<String> KEYS =
      List.of(
          "source",
          "line",
          "epochMillis",
          "elapsedMs",
          "client",
          "resultCode",
          "status",
          "bytes",
          "method",
          "url",
          "host",
          "port",
          "user",
          "hierarchy",
          "peer",
          "mimeType",
          "extra");

  private final Writer problems;
  private final Redactor redactor;

  private RecordWriter(Writer problems, Redactor redactor) {
    this.problems = problems;
    this.redactor = redactor;
  }

  /** A JSON Lines writer: one object per line, {@code null} for absent fields. */
  public static RecordWriter jsonLines(Writer out) throws IOException {
    return new JsonLines(out, null, null);
  }

  /** An RFC 4180 CSV writer with a header row; absent fields are empty cells. */
  public static RecordWriter csv(Writer out) throws IOException {
    return new Csv(out, null, null);
  }

  /**
   * A writer in {@code format} ({@code jsonl} or {@code csv}) that prints malformed lines on {@code
   * problems} and, when {@code redactor} is not null, writes records with clients, users, URL paths
   * and extra fields pseudonymised (keyed hashes: records stream out, so there is no numbering to
   * keep).
   *
   * @throws IllegalArgumentException for an unknown format
   */
  public static RecordWriter of(String format, Writer out, Writer problems, Redactor redactor)
      throws IOException {
    return switch (format) {
      case "jsonl" -> new JsonLines(out, problems, redactor);
      case "csv" -> new Csv(out, problems, redactor);
      default -> throw new IllegalArgumentException("unknown format '" + format + "'");
    };
  }

  /** Writes one record as it is. */
  public abstract void write(LogRecord r) throws IOException;

  @Override
  public void record(LogRecord r) throws IOException {
    LogRecord shown = r;
    if (redactor != null) {
      shown =
          r.withPeople(
              redactor.streamedClient(r.client()),
              redactor.streamedUser(r.user()),
              Redactor.streamedUrl(r.url()),
              Redactor.mask(r.extra()));
    }
    write(shown);
  }

  @Override
  public void malformed(ParseProblem p) throws IOException {
    if (problems != null) {
      problems.write(
          Escapes.terminal(p.source()) + ":" + p.line() + ": malformed line: " + p.reason() + '\n');
      problems.flush();
    }
  }

  static final class JsonLines extends RecordWriter {
    private final Writer out;
    private final JsonGenerator g;

    JsonLines(Writer out, Writer problems, Redactor redactor) throws IOException {
      super(problems, redactor);
      this.out = out;
      this.g = Escapes.jsonGenerator(out);
      // One object per line: the root separator is the newline, not the default space.
      g.setRootValueSeparator(null);
    }

    @Override
    public void write(LogRecord r) throws IOException {
      g.writeStartObject();
      g.writeStringField("source", r.source());
      g.writeNumberField("line", r.line());
      g.writeNumberField("epochMillis", r.epochMillis());
      number(g, "elapsedMs", r.elapsedMs());
      g.writeStringField("client", r.client());
      g.writeStringField("resultCode", r.resultCode());
      number(g, "status", r.status() == null ? null : r.status().longValue());
      number(g, "bytes", r.bytes());
      g.writeStringField("method", r.method());
      g.writeStringField("url", r.url());
      g.writeStringField("host", r.host());
      number(g, "port", r.port() == null ? null : r.port().longValue());
      g.writeStringField("user", r.user());
      g.writeStringField("hierarchy", r.hierarchy());
      g.writeStringField("peer", r.peer());
      g.writeStringField("mimeType", r.mimeType());
      g.writeStringField("extra", r.extra());
      g.writeEndObject();
      g.flush();
      out.write('\n');
    }

    private static void number(JsonGenerator g, String field, Long v) throws IOException {
      if (v == null) {
        g.writeNullField(field);
      } else {
        g.writeNumberField(field, v);
      }
    }

    @Override
    public void flush() throws IOException {
      g.flush();
      out.flush();
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  static final class Csv extends RecordWriter {
    private final CSVPrinter p;

    Csv(Writer out, Writer problems, Redactor redactor) throws IOException {
      super(problems, redactor);
      CSVFormat format =
          CSVFormat.DEFAULT
              .builder()
              .setHeader(KEYS.toArray(new String[0]))
              .setRecordSeparator("\r\n")
              .get();
      this.p = new CSVPrinter(out, format);
    }

    @Override
    public void write(LogRecord r) throws IOException {
      p.printRecord(
          CsvCells.text(r.source()),
          r.line(),
          r.epochMillis(),
          r.elapsedMs(),
          CsvCells.text(r.client()),
          CsvCells.text(r.resultCode()),
          r.status(),
          r.bytes(),
          CsvCells.text(r.method()),
          CsvCells.text(r.url()),
          CsvCells.text(r.host()),
          r.port(),
          CsvCells.text(r.user()),
          CsvCells.text(r.hierarchy()),
          CsvCells.text(r.peer()),
          CsvCells.text(r.mimeType()),
          CsvCells.text(r.extra()));
    }

    @Override
    public void flush() throws IOException {
      p.flush();
    }

    @Override
    public void close() throws IOException {
      p.flush();
    }
  }
}
