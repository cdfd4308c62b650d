package io.squidlens.recommend;

import io.squidlens.base.Checks;

/**
 * One entry squidlens recommends, in the restricted syntax every target accepts: a lower-case host
 * or IP, a {@code .zone} suffix, or a CIDR block. Never a port, a {@code *.} wildcard or upper
 * case.
 */
sealed interface NoProxyEntry
    permits NoProxyEntry.ExactHost, NoProxyEntry.DomainSuffix, NoProxyEntry.Cidr {

  /** The closed set of entry kinds (for {@code switch} until pattern switches are final). */
  enum Kind {
    EXACT_HOST,
    DOMAIN_SUFFIX,
    CIDR
  }

  /** The kind of entry. */
  Kind kind();

  /** The entry as written in a comma-separated list. */
  String value();

  /**
   * A host name or IP address. Go, curl, Python and wget also match its subdomains; Java and Node's
   * proxy-from-env match it exactly.
   *
   * @param value lower-case host or bare IP (no brackets)
   */
  record ExactHost(String value) implements NoProxyEntry {
    /** Checks the value. */
    public ExactHost {
      Checks.requireArgument(
          !value.isEmpty()
              && !value.startsWith(".")
              && value.equals(value.toLowerCase(java.util.Locale.ROOT)),
          "not a host entry: '%s'",
          value);
    }

    @Override
    public Kind kind() {
      return Kind.EXACT_HOST;
    }
  }

  /**
   * A zone written with a leading dot ({@code .svc}): subdomains only in Go, the zone and its
   * subdomains in curl and Python.
   *
   * @param value the zone with its leading dot
   */
  record DomainSuffix(String value) implements NoProxyEntry {
    /** Checks the value. */
    public DomainSuffix {
      Checks.requireArgument(
          value.length() > 1 && value.startsWith(".") && !value.startsWith(".."),
          "not a domain suffix entry: '%s'",
          value);
    }

    @Override
    public Kind kind() {
      return Kind.DOMAIN_SUFFIX;
    }
  }

  /**
   * A CIDR block; matches IP-literal destinations only (no client resolves names for this).
   *
   * @param value canonical block text
   */
  record Cidr(String value) implements NoProxyEntry {
    /** Checks the value. */
    public Cidr {
      Checks.requireArgument(value.contains("/"), "not a CIDR entry: '%s'", value);
    }

    @Override
    public Kind kind() {
      return Kind.CIDR;
    }
  }
}
