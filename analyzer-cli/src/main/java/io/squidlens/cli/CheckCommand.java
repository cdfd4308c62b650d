package io.squidlens.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.squidlens.Analysis;
import io.squidlens.classify.Verdict;
import io.squidlens.recommend.NoProxyCheck;
import io.squidlens.recommend.NoProxySemantics;
import io.squidlens.report.Escapes;
import io.squidlens.report.TextReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code squidlens check}: what a NO_PROXY list does for each HTTP client. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Shows what a NO_PROXY list means to each HTTP client: which entries a client ignores,"
          + " which mean different things to different clients and, with access logs, whether"
          + " each logged destination would go direct (D) or through the proxy (P). Flags"
          + " internet destinations some client would send direct and private ones some client"
          + " would still send to the proxy.",
      "",
      "Clients: go (CRI-O, kubelet, oc, operators), curl (7.86+), python (urllib), requests"
          + " (2.34+), java (http.nonProxyHosts), node (proxy-from-env, axios), wget.",
      "",
      "Without FILE only the entries are checked; give '-' to read a log from standard input.",
      "",
      "Examples:",
      "  squidlens check --no-proxy '.icr.io,172.21.0.0/16' --client all",
      "  squidlens check --no-proxy \"$(cat current-no-proxy)\" --client go,java access.log",
      ""
    },
    footer = ExitCodes.FOOTER)
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin AnalysisOptions analysis;

  @Option(
      names = "--no-proxy",
      required = true,
      paramLabel = "LIST",
      description = "The NO_PROXY value to check (for java, a |-separated list works too).")
  String noProxy;

  @Option(
      names = "--client",
      paramLabel = "CLIENT",
      split = ",",
      defaultValue = "all",
      description = "go, curl, python, requests, java, node, wget, or all (default; repeatable).")
  List<String> clients = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (default) or json.")
  String output;

  @Mixin BatchOptions batch;

  @Parameters(
      paramLabel = "FILE",
      arity = "0..*",
      description = "Access logs whose destinations to check ('-': standard input).")
  List<String> files = new ArrayList<>();

  private final Context context;

  CheckCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    String format = OutputFormats.require(output, "text", "json");
    List<NoProxySemantics> semantics = new ArrayList<>();
    for (String c : clients) {
      if (c.strip().equalsIgnoreCase("all")) {
        semantics.addAll(NoProxySemantics.all());
      } else {
        try {
          semantics.add(NoProxySemantics.of(c));
        } catch (IllegalArgumentException e) {
          throw new UsageException("--client: " + e.getMessage());
        }
      }
    }
    semantics = semantics.stream().distinct().toList();
    List<Verdict> verdicts = List.of();
    if (!files.isEmpty()) {
      Analysis a = batch.analyze(context, analysis, files);
      if (batch.failsStrict(a.summary(), spec.commandLine().getErr())) {
        return ExitCodes.DATA;
      }
      verdicts = a.verdicts();
    }
    NoProxyCheck.Result r = NoProxyCheck.run(noProxy, semantics, verdicts);
    PrintWriter out = spec.commandLine().getOut();
    if (format.equals("json")) {
      json(out, r, !files.isEmpty());
    } else {
      text(out, r, !files.isEmpty());
    }
    return ExitCodes.OK;
  }

  private static void text(PrintWriter out, NoProxyCheck.Result r, boolean withLog) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "NO_PROXY check: %d entr%s, clients %s%n",
            r.entries().size(),
            r.entries().size() == 1 ? "y" : "ies",
            String.join(", ", r.clients())));
    sb.append("\nEntries\n");
    for (NoProxyCheck.EntryMeaning e : r.entries()) {
      String mark = !e.ignoredBy().isEmpty() || e.clientsDisagree() ? "!" : " ";
      sb.append(String.format(Locale.ROOT, "%s %s", mark, Escapes.terminal(e.value())));
      if (withLog) {
        sb.append(
            String.format(
                Locale.ROOT,
                "  (matches %,d logged destination%s)",
                e.matched(),
                e.matched() == 1 ? "" : "s"));
      }
      sb.append('\n');
      for (Map.Entry<String, List<String>> g : grouped(r, e).entrySet()) {
        TextReport.wrap(
            sb, "      ", Escapes.terminal(String.join(", ", g.getValue()) + ": " + g.getKey()));
      }
      if (!e.ignoredBy().isEmpty()) {
        TextReport.wrap(sb, "      ", "dead for " + String.join(", ", e.ignoredBy()));
      }
    }
    if (withLog) {
      sb.append("\nDestinations (D direct, P through the proxy)\n");
      StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-44s %-17s", "", ""));
      for (String c : r.clients()) {
        head.append(String.format(Locale.ROOT, " %-5s", abbreviate(c)));
      }
      sb.append(head.toString().stripTrailing()).append('\n');
      for (NoProxyCheck.Row row : r.destinations()) {
        String name = Escapes.terminal(row.destination());
        if (name.length() > 44) {
          name = name.substring(0, 41) + "...";
        }
        StringBuilder line =
            new StringBuilder(
                String.format(
                    Locale.ROOT,
                    "%s %-44s %-17s",
                    row.problem() == null ? " " : "!",
                    name,
                    row.destinationClass().id()));
        for (String hit : row.bypassedBy()) {
          line.append(String.format(Locale.ROOT, " %-5s", hit == null ? "P" : "D"));
        }
        sb.append(line.toString().stripTrailing()).append('\n');
        if (row.problem() != null) {
          TextReport.wrap(sb, "      ", row.problem());
        }
      }
      if (r.destinations().isEmpty()) {
        sb.append("  (no destinations in the log)\n");
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "%n%d of %d destinations have a problem%n",
              r.problems().size(),
              r.destinations().size()));
    }
    out.print(sb);
    out.flush();
  }

  /** Clients grouped by what the entry means to them, in first-seen order. */
  private static Map<String, List<String>> grouped(
      NoProxyCheck.Result r, NoProxyCheck.EntryMeaning e) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (Map.Entry<String, String> c : NoProxyCheck.byClient(r, e).entrySet()) {
      m.computeIfAbsent(c.getValue(), k -> new ArrayList<>()).add(c.getKey());
    }
    return m;
  }

  private static String abbreviate(String client) {
    return client.length() <= 5 ? client : client.substring(0, 4) + ".";
  }

  private static void json(PrintWriter out, NoProxyCheck.Result r, boolean withLog)
      throws IOException {
    JsonGenerator g = Escapes.jsonGenerator(out);
    g.useDefaultPrettyPrinter();
    g.writeStartObject();
    g.writeArrayFieldStart("clients");
    for (String c : r.clients()) {
      g.writeString(c);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("entries");
    for (NoProxyCheck.EntryMeaning e : r.entries()) {
      g.writeStartObject();
      g.writeStringField("value", e.value());
      g.writeObjectFieldStart("meaning");
      for (Map.Entry<String, String> m : NoProxyCheck.byClient(r, e).entrySet()) {
        g.writeStringField(m.getKey(), m.getValue());
      }
      g.writeEndObject();
      g.writeArrayFieldStart("ignoredBy");
      for (String c : e.ignoredBy()) {
        g.writeString(c);
      }
      g.writeEndArray();
      g.writeBooleanField("clientsDisagree", e.clientsDisagree());
      if (withLog) {
        g.writeNumberField("matchedDestinations", e.matched());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    if (withLog) {
      g.writeArrayFieldStart("destinations");
      for (NoProxyCheck.Row row : r.destinations()) {
        g.writeStartObject();
        g.writeStringField("destination", row.destination());
        g.writeStringField("destinationClass", row.destinationClass().id());
        g.writeNumberField("requests", row.requests());
        g.writeNumberField("deniedRequests", row.deniedRequests());
        g.writeObjectFieldStart("clients");
        for (int i = 0; i < r.clients().size(); i++) {
          String hit = row.bypassedBy().get(i);
          g.writeObjectFieldStart(r.clients().get(i));
          g.writeStringField("route", hit == null ? "proxy" : "direct");
          if (hit != null) {
            g.writeStringField("entry", hit);
          }
          g.writeEndObject();
        }
        g.writeEndObject();
        if (row.problem() == null) {
          g.writeNullField("problem");
        } else {
          g.writeStringField("problem", row.problem());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
    g.flush();
    out.println();
    out.flush();
  }
}
