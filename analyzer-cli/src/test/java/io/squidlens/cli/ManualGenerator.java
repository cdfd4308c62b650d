package io.squidlens.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes, from the command model itself, the AsciiDoc of squidlens's man pages (squidlens(1) and
 * one page per command, which the build turns into troff) and the bash and zsh completion scripts.
 * Run by {@code mvn package} through the exec plugin; kept with the tests so picocli-codegen never
 * ships in the jar.
 */
final class ManualGenerator {
  private ManualGenerator() {}

  /**
   * Generates into two directories.
   *
   * @param args the AsciiDoc directory and the completion directory
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: ManualGenerator ADOC_DIR COMPLETION_DIR");
    }
    generate(Path.of(args[0]), Path.of(args[1]));
  }

  /**
   * The page with each run of indented lines of its description (the tables of targets and the
   * examples) in a literal block: AsciiDoc would run them into one paragraph.
   */
  static String keepIndentedLines(String page) {
    StringBuilder out = new StringBuilder();
    boolean inRun = false;
    boolean inDescription = false;
    for (String line : page.split("\n", -1)) {
      if (line.startsWith("// tag::picocli-generated-man-section-description")) {
        inDescription = true;
      } else if (line.startsWith("// end::picocli-generated-man-section-description")) {
        inDescription = false;
      }
      boolean indented = inDescription && line.startsWith("  ") && !line.isBlank();
      if (indented && !inRun) {
        out.append("\n....\n");
      } else if (!indented && inRun) {
        out.append("....\n");
      }
      inRun = indented;
      out.append(line).append('\n');
    }
    if (inRun) {
      out.append("....\n");
    }
    return out.substring(0, out.length() - 1);
  }

  /** Writes the pages' AsciiDoc to {@code adoc} and the scripts to {@code completion}. */
  static void generate(Path adoc, Path completion) throws IOException {
    Files.createDirectories(adoc);
    Files.createDirectories(completion);
    CommandLine root = Main.commandLine(Context.of(Map.of()));
    // The generated help subcommand has no page of its own worth reading.
    CommandLine.Model.CommandSpec spec = root.getCommandSpec();
    int code = ManPageGenerator.generateManPage(adoc.toFile(), null, new boolean[0], true, spec);
    if (code != 0) {
      throw new IOException("ManPageGenerator failed with " + code);
    }
    try (java.util.stream.Stream<Path> pages = Files.list(adoc)) {
      for (Path page : pages.filter(p -> p.toString().endsWith(".adoc")).toList()) {
        Files.writeString(
            page,
            keepIndentedLines(Files.readString(page, StandardCharsets.UTF_8)),
            StandardCharsets.UTF_8);
      }
    }
    Files.writeString(
        completion.resolve("squidlens.bash"),
        CompletionCommand.script(root, false),
        StandardCharsets.UTF_8);
    Files.writeString(
        completion.resolve("_squidlens"),
        CompletionCommand.script(root, true),
        StandardCharsets.UTF_8);
  }
}
