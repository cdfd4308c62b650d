package io.squidlens.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.squidlens.Analysis;
import io.squidlens.LiveAnalysis;
import io.squidlens.LiveAnalysis.NewDestination;
import io.squidlens.classify.TrafficClass;
import io.squidlens.classify.Verdict;
import io.squidlens.recommend.Recommendation;
import io.squidlens.recommend.Recommendation.Target;
import io.squidlens.recommend.Recommendations;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes follow mode's events as JSON Lines, one object per event, flushed at once so {@code | jq}
 * sees each as it happens: {@code new-destination}, {@code snapshot} (every interval and a final
 * one) and {@code notice}. Not thread-safe.
 */
final class LiveJsonLines {
  /** Destinations listed in a snapshot's {@code top}. */
  static final int TOP = 10;

  private final Writer out;

  /** Writes to {@code out}. */
  LiveJsonLines(Writer out) {
    this.out = out;
  }

  /** {@code {"type":"new-destination",...}}: a destination seen for the first time. */
  void newDestination(NewDestination d) throws IOException {
    JsonGenerator g = start("new-destination");
    String time = Times.iso(d.epochMillis());
    if (time != null) {
      g.writeStringField("time", time);
    }
    g.writeStringField("destination", d.destination().toString());
    g.writeStringField("host", d.destination().host());
    if (d.destination().port() >= 0) {
      g.writeNumberField("port", d.destination().port());
    }
    TrafficClass c = d.classification().destinationClass();
    g.writeStringField("class", d.denied() ? TrafficClass.DENIED.id() : c.id());
    g.writeStringField("destinationClass", c.id());
    g.writeStringField("reason", d.classification().reason());
    g.writeBooleanField("misrouted", d.misrouted());
    if (d.peer() != null) {
      g.writeStringField("peer", d.peer());
    }
    if (d.client() != null) {
      g.writeStringField("client", d.client());
    }
    if (d.user() != null) {
      g.writeStringField("user", d.user());
    }
    if (d.noProxyEntry() != null) {
      g.writeStringField("noProxyEntry", d.noProxyEntry());
    }
    g.writeStringField("source", d.source());
    g.writeNumberField("line", d.line());
    end(g);
  }

  /**
   * {@code {"type":"reclassified",...}}: a destination announced in one class that the latest
   * snapshot shows in another, with both classes and reasons.
   */
  void reclassified(LiveAnalysis.Reclassified r) throws IOException {
    JsonGenerator g = start("reclassified");
    NewDestination d = r.now();
    g.writeStringField("destination", d.destination().toString());
    g.writeStringField("host", d.destination().host());
    if (d.destination().port() >= 0) {
      g.writeNumberField("port", d.destination().port());
    }
    g.writeStringField("oldClass", r.was().destinationClass().id());
    g.writeStringField("oldReason", r.was().reason());
    g.writeStringField("newClass", d.classification().destinationClass().id());
    g.writeStringField("reason", d.classification().reason());
    g.writeBooleanField("misrouted", d.misrouted());
    if (d.noProxyEntry() != null) {
      g.writeStringField("noProxyEntry", d.noProxyEntry());
    }
    end(g);
  }

  /** {@code {"type":"snapshot",...}}: everything so far; {@code last} marks the final one. */
  void snapshot(Analysis a, boolean last) throws IOException {
    JsonGenerator g = start("snapshot");
    g.writeBooleanField("final", last);
    g.writeNumberField("lines", a.summary().lines());
    g.writeNumberField("parsedLines", a.summary().parsedLines());
    g.writeNumberField("malformedLines", a.summary().malformedLines());
    if (a.summary().hasRecords()) {
      g.writeStringField("firstSeen", Times.iso(a.summary().firstSeen()));
      g.writeStringField("lastSeen", Times.iso(a.summary().lastSeen()));
    }
    g.writeStringField("profile", a.profile().id());
    g.writeObjectFieldStart("classes");
    for (TrafficClass c : TrafficClass.values()) {
      g.writeObjectFieldStart(c.id());
      g.writeNumberField("requests", a.totals(c).requests());
      g.writeNumberField("bytes", a.totals(c).bytes());
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeNumberField("destinations", a.verdicts().size());
    List<Verdict> top = new ArrayList<>(a.verdicts());
    top.sort(ReportFacts.BY_REQUESTS);
    g.writeArrayFieldStart("top");
    for (Verdict v : top.subList(0, Math.min(TOP, top.size()))) {
      g.writeStartObject();
      g.writeStringField("destination", ReportFacts.name(v));
      g.writeStringField("class", v.trafficClass().id());
      g.writeStringField("destinationClass", v.destinationClass().id());
      g.writeNumberField("requests", v.stats().requests());
      g.writeNumberField("deniedRequests", v.stats().deniedRequests());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeObjectFieldStart("recommendations");
    for (Target t : List.of(Target.CLUSTER, Target.CRIO)) {
      Recommendation r = a.recommendations().get(t);
      g.writeObjectFieldStart(t.id());
      g.writeStringField("noProxy", r.noProxy());
      g.writeArrayFieldStart("new");
      for (Recommendation.Entry e : r.entries()) {
        if (e.status() == Recommendation.Status.NEW) {
          g.writeString(e.value());
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeArrayFieldStart("squidAllowlist");
    for (Recommendations.AllowlistAdvice x : a.recommendations().squidAllowlist()) {
      g.writeString(x.host());
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeArrayFieldStart("warnings");
    for (String w : a.warnings()) {
      g.writeString(w);
    }
    g.writeEndArray();
    end(g);
  }

  /** {@code {"type":"notice","message":...}}: rotation, truncation, waiting, caps. */
  void notice(String message) throws IOException {
    JsonGenerator g = start("notice");
    g.writeStringField("message", message);
    end(g);
  }

  private JsonGenerator start(String type) throws IOException {
    JsonGenerator g = Escapes.jsonGenerator(out);
    g.writeStartObject();
    g.writeStringField("type", type);
    return g;
  }

  private void end(JsonGenerator g) throws IOException {
    g.writeEndObject();
    g.flush();
    out.write('\n');
    out.flush();
  }
}
