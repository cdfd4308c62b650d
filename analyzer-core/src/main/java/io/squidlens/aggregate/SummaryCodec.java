package io.squidlens.aggregate;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.squidlens.net.Destination;
import io.squidlens.parse.InputSource;
import io.squidlens.parse.ParseProblem;
import io.squidlens.parse.ReadResult.SourceStats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Summary} as a tree of fields and reads it back exactly: what a state file holds.
 * Every field is written, so a summary read back equals the one written. Stateless.
 */
final class SummaryCodec {
  private SummaryCodec() {}

  static void write(Summary s, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeArrayFieldStart("sources");
    for (SourceStats src : s.sources()) {
      g.writeStartObject();
      g.writeStringField("name", src.name());
      g.writeNumberField("bytes", src.bytes());
      g.writeStringField("compression", src.compression().name());
      g.writeStringField("format", src.format());
      g.writeStringField("formatNote", src.formatNote());
      g.writeNumberField("lines", src.lines());
      g.writeNumberField("parsedLines", src.parsedLines());
      g.writeNumberField("malformedLines", src.malformedLines());
      g.writeNumberField("outsideWindowLines", src.outsideWindowLines());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("records", s.records());
    g.writeNumberField("bytes", s.bytes());
    g.writeNumberField("firstSeen", s.firstSeen());
    g.writeNumberField("lastSeen", s.lastSeen());
    g.writeNumberField("authChallenges", s.authChallenges());
    g.writeNumberField("peerQueries", s.peerQueries());
    counts(g, "noDestination", s.noDestination());
    counts(g, "resultCodes", s.resultCodes());
    counts(g, "users", s.users());
    g.writeArrayFieldStart("destinations");
    for (DestinationStats d : s.destinations()) {
      TrafficStats t = d.stats();
      g.writeStartObject();
      g.writeStringField("host", d.destination().host());
      g.writeNumberField("port", d.destination().port());
      strings(g, "peers", t.peers());
      g.writeBooleanField("morePeers", t.morePeers());
      g.writeNumberField("requests", t.requests());
      g.writeNumberField("deniedRequests", t.deniedRequests());
      g.writeNumberField("authChallenges", t.authChallenges());
      g.writeNumberField("bytes", t.bytes());
      g.writeNumberField("deniedBytes", t.deniedBytes());
      g.writeNumberField("firstSeen", t.firstSeen());
      g.writeNumberField("lastSeen", t.lastSeen());
      g.writeArrayFieldStart("examples");
      for (long e : t.examples()) {
        g.writeNumber(e);
      }
      g.writeEndArray();
      strings(g, "clients", t.clients());
      g.writeBooleanField("moreClients", t.moreClients());
      TrafficStats.Buckets b = t.buckets();
      g.writeArrayFieldStart("buckets");
      for (int i = 0; i < b.size(); i++) {
        g.writeNumber(b.index(i));
        g.writeNumber(b.carried(i));
        g.writeNumber(b.denied(i));
      }
      g.writeEndArray();
      g.writeArrayFieldStart("sources");
      for (TrafficStats.Share sh : t.sources()) {
        g.writeStartObject();
        g.writeStringField("name", sh.name());
        g.writeNumberField("requests", sh.requests());
        g.writeNumberField("firstSeen", sh.firstSeen());
        g.writeNumberField("lastSeen", sh.lastSeen());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    Summary.Overflow o = s.overflow();
    g.writeObjectFieldStart("overflow");
    g.writeNumberField("limit", o.limit());
    g.writeNumberField("requests", o.requests());
    g.writeNumberField("deniedRequests", o.deniedRequests());
    g.writeNumberField("bytes", o.bytes());
    long[] words = o.names().words();
    if (words != null) {
      g.writeArrayFieldStart("names");
      for (long w : words) {
        g.writeNumber(w);
      }
      g.writeEndArray();
    }
    g.writeBooleanField("ipv4", o.names().hasIpv4());
    g.writeBooleanField("ipv6", o.names().hasIpv6());
    g.writeEndObject();
    g.writeObjectFieldStart("malformedReasons");
    for (Map.Entry<ParseProblem.Reason, Long> e : s.malformedReasons().entrySet()) {
      g.writeNumberField(e.getKey().name(), e.getValue());
    }
    g.writeEndObject();
    g.writeArrayFieldStart("malformed");
    for (ParseProblem p : s.malformed()) {
      g.writeStartObject();
      g.writeStringField("source", p.source());
      g.writeNumberField("line", p.line());
      g.writeNumberField("column", p.column());
      g.writeStringField("reason", p.reason());
      g.writeStringField("excerpt", p.excerpt());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("generationSignals", s.generationSignals());
    g.writeNumberField("bucketMillis", s.bucketMillis());
    g.writeEndObject();
  }

  private static void counts(JsonGenerator g, String field, Map<String, Long> m)
      throws IOException {
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, Long> e : m.entrySet()) {
      g.writeNumberField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  private static void strings(JsonGenerator g, String field, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @throws IllegalArgumentException when a field is missing or of the wrong kind
   */
  static Summary read(JsonNode n) {
    List<SourceStats> sources = new ArrayList<>();
    for (JsonNode x : array(n, "sources")) {
      sources.add(
          new SourceStats(
              text(x, "name"),
              number(x, "bytes"),
              InputSource.Compression.valueOf(text(x, "compression")),
              text(x, "format"),
              text(x, "formatNote"),
              number(x, "lines"),
              number(x, "parsedLines"),
              number(x, "malformedLines"),
              number(x, "outsideWindowLines")));
    }
    List<DestinationStats> destinations = new ArrayList<>();
    for (JsonNode x : array(n, "destinations")) {
      JsonNode bs = array(x, "buckets");
      int k = bs.size() / 3;
      long[] ix = new long[k];
      long[] ca = new long[k];
      long[] de = new long[k];
      for (int i = 0; i < k; i++) {
        ix[i] = bs.get(3 * i).asLong();
        ca[i] = bs.get(3 * i + 1).asLong();
        de[i] = bs.get(3 * i + 2).asLong();
      }
      List<Long> examples = new ArrayList<>();
      for (JsonNode e : array(x, "examples")) {
        examples.add(e.asLong());
      }
      List<TrafficStats.Share> shares = new ArrayList<>();
      for (JsonNode sh : array(x, "sources")) {
        shares.add(
            new TrafficStats.Share(
                text(sh, "name"),
                number(sh, "requests"),
                number(sh, "firstSeen"),
                number(sh, "lastSeen")));
      }
      Destination d = Destination.of(text(x, "host"), (int) number(x, "port"));
      destinations.add(
          new DestinationStats(
              d,
              new TrafficStats(
                  strings(x, "peers"),
                  bool(x, "morePeers"),
                  number(x, "requests"),
                  number(x, "deniedRequests"),
                  number(x, "authChallenges"),
                  number(x, "bytes"),
                  number(x, "deniedBytes"),
                  number(x, "firstSeen"),
                  number(x, "lastSeen"),
                  examples,
                  strings(x, "clients"),
                  bool(x, "moreClients"),
                  TrafficStats.Buckets.of(ix, ca, de),
                  shares)));
    }
    JsonNode o = field(n, "overflow");
    long[] words = null;
    if (o.has("names")) {
      JsonNode w = o.get("names");
      words = new long[w.size()];
      for (int i = 0; i < words.length; i++) {
        words[i] = w.get(i).asLong();
      }
    }
    Map<ParseProblem.Reason, Long> reasons = new EnumMap<>(ParseProblem.Reason.class);
    for (Map.Entry<String, JsonNode> e : field(n, "malformedReasons").properties()) {
      reasons.put(ParseProblem.Reason.valueOf(e.getKey()), e.getValue().asLong());
    }
    List<ParseProblem> malformed = new ArrayList<>();
    for (JsonNode x : array(n, "malformed")) {
      malformed.add(
          new ParseProblem(
              text(x, "source"),
              number(x, "line"),
              (int) number(x, "column"),
              text(x, "reason"),
              text(x, "excerpt")));
    }
    return new Summary(
        sources,
        number(n, "records"),
        number(n, "bytes"),
        number(n, "firstSeen"),
        number(n, "lastSeen"),
        number(n, "authChallenges"),
        number(n, "peerQueries"),
        counts(n, "noDestination"),
        counts(n, "resultCodes"),
        counts(n, "users"),
        destinations,
        new Summary.Overflow(
            number(o, "limit"),
            number(o, "requests"),
            number(o, "deniedRequests"),
            number(o, "bytes"),
            OverflowNames.of(words, bool(o, "ipv4"), bool(o, "ipv6"))),
        reasons,
        malformed,
        number(n, "generationSignals"),
        number(n, "bucketMillis"));
  }

  private static JsonNode field(JsonNode n, String name) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing field '" + name + "'");
    }
    return v;
  }

  private static JsonNode array(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (!v.isArray()) {
      throw new IllegalArgumentException("field '" + name + "' is not a list");
    }
    return v;
  }

  private static String text(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (!v.isTextual()) {
      throw new IllegalArgumentException("field '" + name + "' is not text");
    }
    return v.asText();
  }

  private static long number(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (!v.isIntegralNumber()) {
      throw new IllegalArgumentException("field '" + name + "' is not a whole number");
    }
    return v.asLong();
  }

  private static boolean bool(JsonNode n, String name) {
    JsonNode v = field(n, name);
    if (!v.isBoolean()) {
      throw new IllegalArgumentException("field '" + name + "' is not true or false");
    }
    return v.asBoolean();
  }

  private static List<String> strings(JsonNode n, String name) {
    List<String> out = new ArrayList<>();
    for (JsonNode v : array(n, name)) {
      out.add(v.asText());
    }
    return out;
  }

  private static Map<String, Long> counts(JsonNode n, String name) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : field(n, name).properties()) {
      m.put(e.getKey(), e.getValue().asLong());
    }
    return m;
  }
}
