package io.squidlens.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.squidlens.Analysis;
import io.squidlens.aggregate.Summary;
import io.squidlens.base.LineRefs;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.Verdict;
import io.squidlens.parse.ParseProblem;
import io.squidlens.parse.ReadResult.SourceStats;
import io.squidlens.recommend.Recommendation;
import io.squidlens.recommend.Recommendation.Target;
import io.squidlens.recommend.Recommendations;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Writes the JSON report ({@code analyze -o json}), schema version {@value #SCHEMA_VERSION}. Keys
 * are camelCase and arrays are sorted, so equal input gives byte-identical output. Stateless.
 */
final class JsonReport {
  /** The version of the JSON contract this writer produces. */
  static final int SCHEMA_VERSION = 1;

  private JsonReport() {}

  /**
   * Writes {@code analysis} as one JSON object followed by a newline; {@code how} gives the version
   * and whether people were redacted.
   */
  static void write(Analysis analysis, Writer out, Provenance how) throws IOException {
    JsonGenerator g = start(analysis, out, how);
    writeProfile(g, analysis);
    writeClasses(g, analysis);
    writeTimeline(g, analysis.timeline());
    writeDestinations(g, analysis);
    writeRecommendations(g, analysis);
    writeMalformed(g, analysis.summary());
    g.writeArrayFieldStart("warnings");
    for (String w : analysis.warnings()) {
      g.writeString(w);
    }
    g.writeEndArray();
    g.writeEndObject();
    g.flush();
    out.write('\n');
    out.flush();
  }

  /**
   * Writes the object {@code analyze -o json} prints when no record was parsed: the version, the
   * input section and the error, and none of the sections that would be drawn from nothing.
   */
  static void writeNoRecords(Analysis analysis, Writer out, Provenance how, String error)
      throws IOException {
    JsonGenerator g = start(analysis, out, how);
    writeMalformed(g, analysis.summary());
    g.writeStringField("error", error);
    g.writeEndObject();
    g.flush();
    out.write('\n');
    out.flush();
  }

  /** Opens the report object: the versions and the input section every report starts with. */
  private static JsonGenerator start(Analysis analysis, Writer out, Provenance how)
      throws IOException {
    JsonGenerator g = Escapes.jsonGenerator(out);
    g.useDefaultPrettyPrinter();
    g.writeStartObject();
    g.writeNumberField("schemaVersion", SCHEMA_VERSION);
    g.writeStringField("squidlensVersion", how.version());
    writeInput(g, analysis, how.redacted());
    return g;
  }

  private static void writeInput(JsonGenerator g, Analysis a, boolean redacted) throws IOException {
    Summary s = a.summary();
    g.writeObjectFieldStart("input");
    g.writeArrayFieldStart("sources");
    for (SourceStats src : s.sources()) {
      g.writeString(src.name());
    }
    g.writeEndArray();
    g.writeNumberField("lines", s.lines());
    g.writeNumberField("parsedLines", s.parsedLines());
    g.writeBooleanField("redacted", redacted);
    g.writeNumberField("malformedLines", s.malformedLines());
    g.writeNumberField("outsideWindowLines", s.outsideWindowLines());
    g.writeObjectFieldStart("window");
    writeTime(g, "since", a.window().since());
    writeTime(g, "until", a.window().until());
    g.writeEndObject();
    writeTime(g, "firstSeen", s.firstSeen());
    writeTime(g, "lastSeen", s.lastSeen());
    g.writeStringField("squidGeneration", s.squidGeneration());
    g.writeArrayFieldStart("files");
    for (SourceStats src : s.sources()) {
      g.writeStartObject();
      g.writeStringField("name", src.name());
      g.writeNumberField("bytes", src.bytes());
      g.writeStringField(
          "compression", src.compression().name().toLowerCase(java.util.Locale.ROOT));
      g.writeStringField("format", src.format());
      g.writeStringField("formatNote", src.formatNote());
      g.writeNumberField("lines", src.lines());
      g.writeNumberField("parsedLines", src.parsedLines());
      g.writeNumberField("malformedLines", src.malformedLines());
      g.writeNumberField("outsideWindowLines", src.outsideWindowLines());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeProfile(JsonGenerator g, Analysis a) throws IOException {
    g.writeObjectFieldStart("profile");
    g.writeStringField("name", a.profile().id());
    g.writeStringField("reason", a.profileReason());
    writeStrings(g, "serviceNetworks", a.networks().serviceNetworks());
    writeStrings(g, "clusterNetworks", a.networks().clusterNetworks());
    writeStrings(g, "machineNetworks", a.networks().machineNetworks());
    writeStrings(g, "assumed", a.networks().assumed());
    writeStrings(g, "lookups", a.lookups());
    g.writeEndObject();
  }

  /** {@code timeline}: the bucket width, then every bucket from the first to the last. */
  static void writeTimeline(JsonGenerator g, Analysis.Timeline t) throws IOException {
    g.writeObjectFieldStart("timeline");
    g.writeNumberField("bucketSeconds", t.bucketMillis() / 1000);
    g.writeArrayFieldStart("buckets");
    for (Analysis.Timeline.Bucket b : t.buckets()) {
      g.writeStartObject();
      writeTime(g, "start", b.startMillis());
      g.writeObjectFieldStart("requests");
      for (TrafficClass c : TrafficClass.values()) {
        g.writeNumberField(c.id(), b.requests(c));
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeClasses(JsonGenerator g, Analysis a) throws IOException {
    g.writeObjectFieldStart("classes");
    for (TrafficClass c : TrafficClass.values()) {
      Analysis.ClassTotals t = a.totals(c);
      g.writeObjectFieldStart(c.id());
      g.writeNumberField("requests", t.requests());
      g.writeNumberField("bytes", t.bytes());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void writeDestinations(JsonGenerator g, Analysis a) throws IOException {
    List<String> names = ReportFacts.sourceNames(a);
    g.writeArrayFieldStart("destinations");
    for (Verdict v : a.verdicts()) {
      g.writeStartObject();
      g.writeStringField("host", v.host());
      g.writeArrayFieldStart("ports");
      for (int p : v.ports()) {
        g.writeNumber(p);
      }
      g.writeEndArray();
      g.writeStringField("class", v.trafficClass().id());
      g.writeStringField("destinationClass", v.destinationClass().id());
      g.writeStringField("reason", v.reason());
      g.writeNumberField("requests", v.stats().requests());
      g.writeNumberField("deniedRequests", v.stats().deniedRequests());
      g.writeNumberField("authChallenges", v.stats().authChallenges());
      g.writeNumberField("bytes", v.stats().bytes());
      writeTime(g, "firstSeen", v.stats().firstSeen());
      writeTime(g, "lastSeen", v.stats().lastSeen());
      writeStrings(g, "clients", v.stats().clients());
      g.writeBooleanField("moreClients", v.stats().moreClients());
      writeStrings(g, "peers", v.stats().peers());
      writeLines(g, "examples", v.stats().examples(), names);
      g.writeArrayFieldStart("sources");
      for (io.squidlens.aggregate.TrafficStats.Share sh : v.stats().sources()) {
        g.writeStartObject();
        g.writeStringField("name", sh.name());
        g.writeNumberField("requests", sh.requests());
        writeTime(g, "firstSeen", sh.firstSeen());
        writeTime(g, "lastSeen", sh.lastSeen());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeRecommendations(JsonGenerator g, Analysis a) throws IOException {
    List<String> names = ReportFacts.sourceNames(a);
    Recommendations recs = a.recommendations();
    g.writeObjectFieldStart("recommendations");
    for (Target t : Target.values()) {
      Recommendation r = recs.get(t);
      g.writeObjectFieldStart(t.id());
      g.writeStringField("noProxy", r.noProxy());
      g.writeStringField("artifact", r.artifact());
      writeStrings(g, "notes", r.notes());
      writeStrings(g, "warnings", r.warnings());
      writeStrings(g, "errors", r.errors());
      g.writeBooleanField("incomplete", r.incomplete());
      g.writeArrayFieldStart("entries");
      for (Recommendation.Entry e : r.entries()) {
        g.writeStartObject();
        g.writeStringField("value", e.value());
        g.writeStringField("status", e.status().id());
        g.writeStringField("reason", e.reason());
        if (e.coveredBy() != null) {
          g.writeStringField("coveredBy", e.coveredBy());
        }
        writeStrings(g, "covers", e.covers());
        g.writeNumberField("requests", e.requests());
        g.writeNumberField("deniedRequests", e.deniedRequests());
        writeTime(g, "firstSeen", e.firstSeen());
        writeTime(g, "lastSeen", e.lastSeen());
        writeLines(g, "examples", e.examples(), names);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("current");
      for (Recommendation.CurrentEntry c : r.current()) {
        g.writeStartObject();
        g.writeStringField("value", c.value());
        g.writeBooleanField("kept", c.kept());
        g.writeStringField("note", c.note());
        writeStrings(g, "covers", c.covers());
        g.writeNumberField("hosts", c.hosts());
        g.writeNumberField("requests", c.requests());
        g.writeBooleanField("unsafe", c.unsafe());
        if (c.unsafe()) {
          g.writeStringField("unsafeReason", c.unsafeReason());
        }
        g.writeArrayFieldStart("exemptsInternet");
        for (Recommendation.Exempted x : c.exemptsInternet()) {
          g.writeStartObject();
          g.writeStringField("host", x.host());
          g.writeNumberField("requests", x.requests());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    for (Recommendations.EgressTarget t : Recommendations.EgressTarget.values()) {
      writeEgress(g, recs.get(t), names);
    }
    g.writeArrayFieldStart("squidAllowlist");
    for (Recommendations.AllowlistAdvice adv : recs.squidAllowlist()) {
      g.writeStartObject();
      g.writeStringField("host", adv.host());
      g.writeNumberField("deniedRequests", adv.deniedRequests());
      g.writeStringField("acl", adv.acl());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeEgress(JsonGenerator g, Recommendations.Egress e, List<String> names)
      throws IOException {
    g.writeObjectFieldStart(e.target().id());
    g.writeStringField("kind", e.target().kind());
    g.writeStringField("value", e.value());
    g.writeStringField("artifact", e.artifact());
    writeStrings(g, "notes", e.notes());
    writeStrings(g, "warnings", e.warnings());
    writeStrings(g, "errors", e.errors());
    g.writeBooleanField("incomplete", e.incomplete());
    g.writeArrayFieldStart("rules");
    for (Recommendations.EgressRule r : e.rules()) {
      g.writeStartObject();
      writeRuleFields(g, r);
      g.writeStringField("reason", r.reason());
      writeStrings(g, "covers", r.covers());
      g.writeNumberField("requests", r.requests());
      g.writeNumberField("deniedRequests", r.deniedRequests());
      writeTime(g, "firstSeen", r.firstSeen());
      writeTime(g, "lastSeen", r.lastSeen());
      writeLines(g, "examples", r.examples(), names);
      g.writeEndObject();
    }
    g.writeEndArray();
    writeStrings(g, "leftOut", e.leftOut());
    g.writeEndObject();
  }

  /** A rule's own fields, as every JSON output writes them: type, selector, value, ports. */
  static void writeRuleFields(JsonGenerator g, Recommendations.EgressRule r) throws IOException {
    g.writeStringField("type", r.action().id());
    g.writeStringField("selector", r.selector().id());
    g.writeStringField("value", r.value());
    g.writeArrayFieldStart("ports");
    for (int p : r.ports()) {
      g.writeNumber(p);
    }
    g.writeEndArray();
  }

  private static void writeMalformed(JsonGenerator g, Summary s) throws IOException {
    g.writeArrayFieldStart("malformed");
    for (ParseProblem p : s.malformed()) {
      g.writeStartObject();
      g.writeStringField("source", p.source());
      g.writeNumberField("line", p.line());
      g.writeStringField("reason", p.reason());
      g.writeStringField("excerpt", p.excerpt());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeObjectFieldStart("malformedReasons");
    for (Map.Entry<io.squidlens.parse.ParseProblem.Reason, Long> e :
        s.malformedReasons().entrySet()) {
      g.writeNumberField(e.getKey().id(), e.getValue());
    }
    g.writeEndObject();
  }

  static void writeTime(JsonGenerator g, String field, long epochMillis) throws IOException {
    String iso = Times.iso(epochMillis);
    if (iso == null) {
      g.writeNullField(field);
    } else {
      g.writeStringField(field, iso);
    }
  }

  private static void writeStrings(JsonGenerator g, String field, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static void writeLines(JsonGenerator g, String field, List<Long> refs, List<String> names)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (long ref : refs) {
      g.writeStartObject();
      g.writeStringField("source", ReportFacts.source(ref, names));
      g.writeNumberField("line", LineRefs.line(ref));
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
