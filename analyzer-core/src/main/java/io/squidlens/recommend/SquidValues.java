package io.squidlens.recommend;

/** What squid.conf accepts as a literal ACL value from log text. Stateless. */
final class SquidValues {
  private SquidValues() {}

  /**
   * Whether {@code host} is a host name squid.conf reads as itself in a {@code dstdomain} ACL: two
   * or more labels of letters, digits, hyphens and underscores, none starting or ending with a
   * hyphen. That rules out what would change the ACL: a leading dot (every subdomain), a leading
   * {@code -} (a flag such as {@code -i}), quotes (squid.conf reads a quoted value as a file of
   * values), {@code all}, {@code *} and a bare top-level name.
   */
  static boolean isHostName(String host) {
    if (host.isEmpty() || host.length() > 253) {
      return false;
    }
    String[] labels = host.split("\\.", -1);
    if (labels.length < 2) {
      return false;
    }
    for (String l : labels) {
      if (l.isEmpty() || l.length() > 63 || l.charAt(0) == '-' || l.charAt(l.length() - 1) == '-') {
        return false;
      }
      for (int i = 0; i < l.length(); i++) {
        char c = l.charAt(i);
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
          return false;
        }
      }
    }
    return true;
  }
}
