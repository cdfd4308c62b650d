package io.squidlens.cli;

import io.squidlens.AnalyzerOptions;
import io.squidlens.classify.ClusterNetworks;
import io.squidlens.classify.Profile;
import io.squidlens.parse.LogFormat;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by every command that reads and classifies logs. */
final class AnalysisOptions {
  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      defaultValue = "auto",
      description = {
        "auto (default: detect native, common or combined per input), squid, common, combined,"
            + " or a Squid logformat string such as '%ts.%03tu %6tr %>a %Ss/%03>Hs %<st %rm"
            + " %ru %un %Sh/%<a %mt'."
      })
  String logFormat;

  @Option(
      names = "--profile",
      paramLabel = "PROFILE",
      defaultValue = "auto",
      description = {
        "auto (default: chosen from what the log shows), roks-vpc, roks-classic, openshift or"
            + " kubernetes. Sets default cluster networks and the IBM Cloud rules."
      })
  String profile;

  @Option(
      names = "--service-network",
      paramLabel = "CIDR",
      split = ",",
      description = "The cluster's service network (repeatable). Default: the profile's.")
  List<String> serviceNetworks = new ArrayList<>();

  @Option(
      names = "--cluster-network",
      paramLabel = "CIDR",
      split = ",",
      description = "The cluster's pod network (repeatable). Default: the profile's.")
  List<String> clusterNetworks = new ArrayList<>();

  @Option(
      names = "--machine-network",
      paramLabel = "CIDR",
      split = ",",
      description = "The nodes' network, e.g. the VPC worker subnets (repeatable).")
  List<String> machineNetworks = new ArrayList<>();

  @Option(
      names = "--private-domain",
      paramLabel = "ZONE",
      split = ",",
      description = "A zone whose names are private endpoints, e.g. corp.example (repeatable).")
  List<String> privateDomains = new ArrayList<>();

  @Option(
      names = "--ingress-domain",
      paramLabel = "ZONE",
      split = ",",
      description = "The cluster's own ingress subdomain (repeatable).")
  List<String> ingressDomains = new ArrayList<>();

  @Option(
      names = "--proxy-url",
      paramLabel = "URL",
      description = "The proxy's URL, e.g. http://10.0.0.4:3128, used in the rendered files.")
  String proxyUrl;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Parsing threads. Default: the number of processors.")
  Integer threads;

  @Option(
      names = "--max-destinations",
      paramLabel = "N",
      defaultValue = "1000000",
      description = {
        "Distinct destinations tracked per thread (default ${DEFAULT-VALUE}); requests to"
            + " further ones are counted and reported, not classified."
      })
  int maxDestinations;

  /** The analyzer options these flags describe. */
  AnalyzerOptions.Builder toBuilder() {
    AnalyzerOptions.Builder b =
        AnalyzerOptions.builder()
            .logFormat(LogFormat.of(logFormat))
            .profile(profile.equalsIgnoreCase("auto") ? null : Profile.of(profile))
            .networks(ClusterNetworks.given(serviceNetworks, clusterNetworks, machineNetworks))
            .privateDomains(privateDomains)
            .ingressDomains(ingressDomains)
            .proxyUrl(proxyUrl)
            .maxDestinations(maxDestinations);
    if (threads != null) {
      b.threads(threads);
    }
    return b;
  }
}
