package io.squidlens.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.squidlens.Analyzer;
import io.squidlens.AnalyzerOptions;
import io.squidlens.aggregate.DestinationStats;
import io.squidlens.aggregate.Summary;
import io.squidlens.classify.Classification;
import io.squidlens.classify.ClusterNetworks;
import io.squidlens.classify.Profile;
import io.squidlens.classify.ProfileDetector;
import io.squidlens.classify.TrafficClassifier;
import io.squidlens.net.Destination;
import io.squidlens.parse.InputSources;
import io.squidlens.recommend.NoProxyRecommender;
import io.squidlens.report.Escapes;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code squidlens explain}: one destination's class and the whole chain of evidence. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Shows how squidlens classifies one destination under the current options, step by step:"
          + " address rules, name rules, the peer Squid logged, the hosts file, DNS. Give access"
          + " logs to use the peers they logged for it and to detect the profile from them.",
      "",
      "Examples:",
      "  squidlens explain --profile roks-vpc icr.io:443",
      "  squidlens explain console.apps.example.com access.log",
      "  squidlens explain --hosts worker-hosts --dns off registry.ng.bluemix.net",
      ""
    },
    footer = ExitCodes.FOOTER)
final class ExplainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin AnalysisOptions analysis;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (default) or json.")
  String output;

  @Option(
      names = "--peer",
      paramLabel = "IP",
      split = ",",
      description = "An address Squid connected to for it (HIER_DIRECT/IP), as a log would show.")
  List<String> peers = new ArrayList<>();

  @Parameters(index = "0", paramLabel = "HOST[:PORT]", description = "The destination.")
  String destination;

  @Parameters(
      index = "1..*",
      paramLabel = "FILE",
      arity = "0..*",
      description = "Access logs to take logged peers and the profile from.")
  List<String> files = new ArrayList<>();

  private final Context context;

  ExplainCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    String format = OutputFormats.require(output, "text", "json");
    Destination d = Destination.fromAuthority(destination.strip(), -1);
    if (d == null || (d.port() < 0 && hasPort(destination.strip()))) {
      throw new UsageException(
          "not a destination: '"
              + destination
              + "' (expected HOST[:PORT] with a port from 0 to 65535)");
    }
    AnalyzerOptions options = analysis.toBuilder(context).build();
    Analyzer analyzer = new Analyzer(options);
    TreeSet<String> seenPeers = new TreeSet<>();
    for (String p : peers) {
      if (Destination.parseLiteral(p.strip()) == null) {
        throw new UsageException("--peer: not an IP address: '" + p + "'");
      }
      seenPeers.add(Destination.normalizeHost(p.strip()));
    }
    Profile profile = options.profile();
    String profileReason = "given with --profile";
    long requests = 0;
    long denied = 0;
    if (!files.isEmpty()) {
      Summary s = analyzer.read(InputSources.resolve(files), null);
      if (BatchOptions.noRecords(s, spec.commandLine().getErr())) {
        return ExitCodes.DATA;
      }
      List<ProfileDetector.Observation> seen = new ArrayList<>();
      for (DestinationStats ds : s.destinations()) {
        seen.add(new ProfileDetector.Observation(ds.destination(), ds.peers()));
        if (ds.destination().host().equals(d.host())
            && (d.port() < 0 || d.port() == ds.destination().port())) {
          seenPeers.addAll(ds.peers());
          requests += ds.requests();
          denied += ds.deniedRequests();
        }
      }
      if (profile == null) {
        ProfileDetector.Choice c = ProfileDetector.detect(seen);
        profile = c.profile();
        profileReason = "auto: " + c.reason();
      }
    } else if (profile == null) {
      profile = Profile.KUBERNETES;
      profileReason = "auto, but no log to look at: assumed kubernetes (pass --profile)";
    }
    ClusterNetworks networks = options.networks().withDefaults(profile);
    TrafficClassifier classifier = analyzer.classifier(profile, networks);
    options.dns().prefetch(List.of(d.host()));
    Classification c = classifier.explain(d, new ArrayList<>(seenPeers));
    PrintWriter out = spec.commandLine().getOut();
    if (format.equals("json")) {
      json(out, d, c, profile, profileReason, networks, files.isEmpty() ? -1 : requests, denied);
    } else {
      text(out, d, c, profile, profileReason, networks, files.isEmpty() ? -1 : requests, denied);
    }
    return ExitCodes.OK;
  }

  /** Whether an authority as given carries a port ({@code host:443}, {@code [v6]:443}). */
  private static boolean hasPort(String authority) {
    int close = authority.lastIndexOf(']');
    int colon = authority.lastIndexOf(':');
    return colon > close && (close >= 0 || authority.indexOf(':') == colon);
  }

  private static void text(
      PrintWriter out,
      Destination d,
      Classification c,
      Profile profile,
      String profileReason,
      ClusterNetworks networks,
      long requests,
      long denied) {
    out.println(Escapes.terminal(d.toString()));
    out.println("  class:   " + c.destinationClass().id());
    out.println("  reason:  " + Escapes.terminal(c.reason()));
    out.println("  profile: " + profile.id() + " (" + profileReason + ")");
    out.println(
        "  networks: service "
            + String.join(",", networks.serviceNetworks())
            + "; pod "
            + String.join(",", networks.clusterNetworks())
            + (networks.machineNetworks().isEmpty()
                ? ""
                : "; machine " + String.join(",", networks.machineNetworks())));
    for (String a : networks.assumed()) {
      out.println("            " + a);
    }
    if (requests >= 0) {
      out.println("  in the log: requests " + requests + ", denied by Squid " + denied);
    }
    out.println("  evidence, in the order squidlens weighs it:");
    int i = 1;
    for (String step : c.evidence()) {
      out.println("    " + i++ + ". " + Escapes.terminal(step));
    }
    String e = NoProxyRecommender.entryFor(c, d);
    out.println(
        e == null
            ? "  NO_PROXY: none (internet destinations keep using the proxy)"
            : "  NO_PROXY entry that exempts it: " + Escapes.terminal(e));
    out.flush();
  }

  private static void json(
      PrintWriter out,
      Destination d,
      Classification c,
      Profile profile,
      String profileReason,
      ClusterNetworks networks,
      long requests,
      long denied)
      throws IOException {
    JsonGenerator g = Escapes.jsonGenerator(out);
    g.useDefaultPrettyPrinter();
    g.writeStartObject();
    g.writeStringField("host", d.host());
    if (d.port() >= 0) {
      g.writeNumberField("port", d.port());
    }
    g.writeStringField("destinationClass", c.destinationClass().id());
    g.writeStringField("reason", c.reason());
    g.writeStringField("basis", c.basis().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    g.writeStringField("profile", profile.id());
    g.writeStringField("profileReason", profileReason);
    g.writeArrayFieldStart("assumed");
    for (String a : networks.assumed()) {
      g.writeString(a);
    }
    g.writeEndArray();
    if (requests >= 0) {
      g.writeNumberField("requests", requests);
      g.writeNumberField("deniedRequests", denied);
    }
    g.writeArrayFieldStart("evidence");
    for (String step : c.evidence()) {
      g.writeString(step);
    }
    g.writeEndArray();
    String e = NoProxyRecommender.entryFor(c, d);
    if (e == null) {
      g.writeNullField("noProxyEntry");
    } else {
      g.writeStringField("noProxyEntry", e);
    }
    g.writeEndObject();
    g.flush();
    out.println();
    out.flush();
  }
}
