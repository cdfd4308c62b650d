package io.squidlens.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Parameters;

/** The access logs a batch command reads. */
final class InputFiles {
  @Parameters(
      paramLabel = "FILE",
      arity = "0..*",
      description = {
        "Access logs, plain or gzip, in any order (rotated sets are read oldest first). '-' or"
            + " none: standard input."
      })
  List<String> files = new ArrayList<>();
}
