package io.squidlens.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Reads the version Maven wrote into the jar. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    return new String[] {"squidlens " + version(), "Java " + System.getProperty("java.version")};
  }

  /** The squidlens version, or {@code dev} when run from unpackaged classes. */
  static String version() throws IOException {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "dev";
      }
      p.load(in);
    }
    return p.getProperty("version", "dev");
  }
}
