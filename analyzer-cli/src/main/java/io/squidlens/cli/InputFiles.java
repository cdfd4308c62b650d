package io.squidlens.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The access logs a batch command reads. */
final class InputFiles {
  @Parameters(
      paramLabel = "FILE",
      arity = "0..*",
      description = {
        "Access logs, plain or gzip, in any order (rotated sets are read oldest first),"
            + " directories of them, or state files (--state) to merge. '-' or none: standard"
            + " input."
      })
  List<String> files = new ArrayList<>();

  @Option(
      names = "--source",
      paramLabel = "NAME=PATH",
      description = {
        "A log, or a directory of logs, from the proxy NAME (repeatable): the report breaks"
            + " each destination's requests down by proxy. A directory given as FILE is labelled"
            + " with its own name."
      })
  List<String> labelled = new ArrayList<>();
}
