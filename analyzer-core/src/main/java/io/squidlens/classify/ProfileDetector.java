package io.squidlens.classify;

import inet.ipaddr.IPAddress;
import io.squidlens.net.Cidrs;
import io.squidlens.net.Destination;
import java.util.ArrayList;
import java.util.List;

/** Picks a {@link Profile} from what a log shows, and says why. Stateless. */
final class ProfileDetector {
  private static final int EXAMPLES = 3;
  // IPv4 blocks as (network, prefix length): compared as ints, once per observed destination.
  private static final int[] ROKS_LOCAL = {0xAC140000, 16};
  private static final int[] IBM_SERVICE = {0xA11A0000, 16};
  private static final int[] IBM_CSE = {0xA6080000, 14};
  private static final int[] OPENSHIFT_SERVICE = {0xAC1E0000, 16};

  private static boolean in(int[] block, IPAddress address) {
    IPAddress a = Cidrs.unmap(address);
    if (!a.isIPv4()) {
      return false;
    }
    int mask = -1 << (32 - block[1]);
    return (a.toIPv4().intValue() & mask) == block[0];
  }

  private ProfileDetector() {}

  /** Chooses a profile from the observed destinations. */
  static Profile.Choice detect(List<Profile.Observation> observations) {
    List<String> ibm = new ArrayList<>();
    List<String> vpc = new ArrayList<>();
    List<String> classic = new ArrayList<>();
    List<String> openshift = new ArrayList<>();
    for (Profile.Observation o : observations) {
      Destination d = o.destination();
      String h = d.host();
      if (d.isIpLiteral()) {
        IPAddress a = d.address();
        if (in(ROKS_LOCAL, a) && (d.port() == 2040 || d.port() == 2041)) {
          add(ibm, d.toString());
        } else if (in(OPENSHIFT_SERVICE, a)) {
          add(openshift, d.toString());
          add(classic, d.toString());
        }
      } else {
        if (h.equals("icr.io")
            || h.endsWith(".icr.io")
            || h.endsWith(".bluemix.net")
            || h.endsWith(".cloud.ibm.com")
            || h.endsWith(".cloud-object-storage.appdomain.cloud")
            || h.endsWith(".containers.appdomain.cloud")) {
          add(ibm, h);
        }
        if (h.startsWith("s3.direct.")
            || h.contains(".s3.direct.")
            || h.contains(".vpe.private.")
            || h.endsWith(".private.iaas.cloud.ibm.com")) {
          add(vpc, h);
        }
        if (h.startsWith("s3.private.") || h.contains(".s3.private.")) {
          add(classic, h);
        }
        if ((h.contains(".openshift-") && (h.endsWith(".svc") || h.endsWith(".cluster.local")))
            || h.endsWith("api.openshift.com")
            || h.equals("mirror.openshift.com")
            || h.equals("registry.redhat.io")) {
          add(openshift, h);
        }
      }
      // Once three IBM examples are listed, peers can add nothing to the choice.
      for (int k = 0; k < o.peers().size() && ibm.size() < EXAMPLES; k++) {
        String p = o.peers().get(k);
        IPAddress peer = Destination.parseLiteral(p);
        if (peer != null && (in(IBM_SERVICE, peer) || in(IBM_CSE, peer)) && !ibm.contains(h)) {
          add(ibm, h + " via " + p);
          break;
        }
      }
    }
    if (!ibm.isEmpty()) {
      boolean isClassic = classic.size() > vpc.size();
      Profile p = isClassic ? Profile.ROKS_CLASSIC : Profile.ROKS_VPC;
      String why = "IBM Cloud signals " + String.join(", ", ibm);
      if (isClassic) {
        why += "; classic signals " + String.join(", ", classic);
      } else if (!vpc.isEmpty()) {
        why += "; VPC signals " + String.join(", ", vpc);
      } else {
        why += "; no classic signals, so VPC";
      }
      return new Profile.Choice(p, why);
    }
    if (!openshift.isEmpty()) {
      return new Profile.Choice(
          Profile.OPENSHIFT, "OpenShift signals " + String.join(", ", openshift));
    }
    return new Profile.Choice(
        Profile.KUBERNETES, "no OpenShift or IBM Cloud signals in the log, so plain Kubernetes");
  }

  private static void add(List<String> list, String example) {
    if (list.size() < EXAMPLES && !list.contains(example)) {
      list.add(example);
    }
  }
}
