package io.squidlens.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.squidlens.parse.LogRecord;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes parsed records one by one, as JSON Lines or CSV ({@code squidlens parse}). Not
 * thread-safe.
 */
public abstract sealed class RecordWriter implements Closeable, Flushable
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

  private RecordWriter() {}

  /** A JSON Lines writer: one object per line, {@code null} for absent fields. */
  public static RecordWriter jsonLines(Writer out) throws IOException {
    return new JsonLines(out);
  }

  /** An RFC 4180 CSV writer with a header row; absent fields are empty cells. */
  public static RecordWriter csv(Writer out) throws IOException {
    return new Csv(out);
  }

  /** Writes one record. */
  public abstract void write(LogRecord r) throws IOException;

  static final class JsonLines extends RecordWriter {
    private final Writer out;
    private final JsonGenerator g;

    JsonLines(Writer out) throws IOException {
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

    Csv(Writer out) throws IOException {
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
