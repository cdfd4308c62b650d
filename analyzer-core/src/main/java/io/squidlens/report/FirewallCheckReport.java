package io.squidlens.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.squidlens.Analyzer.FirewallCheck;
import io.squidlens.recommend.Recommendations.EgressRule;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes what {@code squidlens check --egress-firewall} found: the rules as read, what they do to
 * the proxy and, with a log, to each logged destination, problems first. Stateless.
 */
final class FirewallCheckReport {
  /** Widest destination on a row; longer ones get a line of their own. */
  private static final int NAME = 44;

  private FirewallCheckReport() {}

  /** Writes the text form. */
  static void text(FirewallCheck c, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder();
    long problems = c.problems();
    sb.append(
        String.format(
            Locale.ROOT,
            "%s check: %s%s, %d rule%s%s\n",
            c.kind(),
            Escapes.terminal(c.file()),
            c.namespace().isEmpty() ? "" : " (namespace " + Escapes.terminal(c.namespace()) + ")",
            c.rules().size(),
            c.rules().size() == 1 ? "" : "s",
            problems == 0
                ? ""
                : String.format(Locale.ROOT, "; %d marked ! need attention", problems)));
    sb.append("\nRules (first match wins; what no rule matches is allowed)\n");
    int n = 0;
    for (EgressRule r : c.rules()) {
      sb.append(String.format(Locale.ROOT, "  %3d  %s\n", ++n, Escapes.terminal(ruleText(r))));
    }
    for (String note : c.notes()) {
      TextReport.wrap(sb, "  note: ", 8, Escapes.terminal(note));
    }
    if (c.proxy().isEmpty()) {
      TextReport.wrap(
          sb,
          "  note: ",
          8,
          "no proxy given (--proxy-url or --proxy-config): whether pods can reach it is not"
              + " checked");
    }
    for (FirewallCheck.Row r : c.proxy()) {
      sb.append(r.problem() == null ? "  " : "! ")
          .append("the proxy ")
          .append(Escapes.terminal(hostPort(r)))
          .append(": ")
          .append(outcome(r))
          .append('\n');
      if (r.problem() != null) {
        TextReport.wrap(sb, "      ", 6, r.problem());
      }
    }
    if (c.withLog()) {
      sb.append("\nDestinations (from pods, directly)\n");
      List<FirewallCheck.Row> rows = new ArrayList<>(c.destinations());
      rows.sort(Comparator.comparing((FirewallCheck.Row r) -> r.problem() == null));
      for (FirewallCheck.Row r : rows) {
        String name = Escapes.terminal(hostPort(r));
        String line =
            String.format(
                Locale.ROOT,
                "%-16s %,8d req  %s",
                r.destinationClass().id(),
                r.requests(),
                outcome(r));
        String mark = r.problem() == null ? "  " : "! ";
        if (name.length() > NAME) {
          sb.append(mark).append(name).append('\n');
          sb.append("  ").append(" ".repeat(NAME)).append(' ').append(line).append('\n');
        } else {
          sb.append(mark)
              .append(name)
              .append(" ".repeat(NAME - name.length()))
              .append(' ')
              .append(line)
              .append('\n');
        }
        if (r.problem() != null) {
          TextReport.wrap(sb, "      ", 6, r.problem());
        }
      }
      if (c.destinations().isEmpty()) {
        sb.append("  (no destinations in the log)\n");
      }
    }
    out.write(sb.toString());
    out.flush();
  }

  /** Writes the JSON form. */
  static void json(FirewallCheck c, Writer out) throws IOException {
    JsonGenerator g = Escapes.jsonGenerator(out);
    g.useDefaultPrettyPrinter();
    g.writeStartObject();
    g.writeObjectFieldStart("firewall");
    g.writeStringField("file", c.file());
    g.writeStringField("kind", c.kind());
    g.writeStringField("name", c.name());
    g.writeStringField("namespace", c.namespace());
    g.writeArrayFieldStart("rules");
    for (EgressRule r : c.rules()) {
      g.writeStartObject();
      JsonReport.writeRuleFields(g, r);
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("notes");
    for (String note : c.notes()) {
      g.writeString(note);
    }
    g.writeEndArray();
    g.writeEndObject();
    rows(g, "proxy", c.proxy());
    if (c.withLog()) {
      rows(g, "destinations", c.destinations());
    }
    g.writeNumberField("problems", c.problems());
    g.writeEndObject();
    g.writeRaw('\n');
    g.flush();
  }

  private static void rows(JsonGenerator g, String field, List<FirewallCheck.Row> rows)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (FirewallCheck.Row r : rows) {
      g.writeStartObject();
      g.writeStringField("host", r.host());
      if (r.port() >= 0) {
        g.writeNumberField("port", r.port());
      } else {
        g.writeNullField("port");
      }
      if (r.destinationClass() != null) {
        g.writeStringField("class", r.destinationClass().id());
        g.writeNumberField("requests", r.requests());
      }
      g.writeStringField("outcome", r.outcome().id());
      if (r.rule() > 0) {
        g.writeNumberField("rule", r.rule());
      } else {
        g.writeNullField("rule");
      }
      if (r.problem() != null) {
        g.writeStringField("problem", r.problem());
      } else {
        g.writeNullField("problem");
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static String hostPort(FirewallCheck.Row r) {
    String h = r.host().indexOf(':') >= 0 ? "[" + r.host() + "]" : r.host();
    return r.port() < 0 ? h : h + ":" + r.port();
  }

  private static String outcome(FirewallCheck.Row r) {
    return switch (r.outcome()) {
      case ALLOWED -> r.rule() > 0 ? "allowed by rule " + r.rule() : "allowed (no rule matches)";
      case BLOCKED -> "blocked by rule " + r.rule();
      case UNKNOWN ->
          "unknown: rule " + r.rule() + " is a cidrSelector and the log shows no address";
      case NOT_APPLICABLE -> "not affected (inside the cluster)";
    };
  }

  /** A rule in one line: {@code Allow cidrSelector 10.0.0.0/8 TCP/443}. */
  static String ruleText(EgressRule r) {
    StringBuilder sb =
        new StringBuilder(r.action().id())
            .append(' ')
            .append(r.selector().id())
            .append(' ')
            .append(r.value());
    for (int p : r.ports()) {
      sb.append(" TCP/").append(p);
    }
    return sb.toString();
  }
}
