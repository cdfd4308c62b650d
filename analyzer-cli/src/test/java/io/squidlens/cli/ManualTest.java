package io.squidlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.report.Reports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The man pages and completion scripts the build generates from the command model. */
final class ManualTest {
  private static final List<String> COMMANDS =
      List.of("analyze", "recommend", "check", "follow", "parse", "explain", "diff", "completion");

  @TempDir Path dir;

  @Test
  void manPages_coverEveryCommandAndItsOptions() throws Exception {
    ManualGenerator.generate(dir.resolve("adoc"), dir.resolve("completion"));
    String main = Files.readString(dir.resolve("adoc/squidlens.adoc"), StandardCharsets.UTF_8);
    assertTrue(main.contains(":doctype: manpage"), main);
    for (String c : COMMANDS) {
      Path page = dir.resolve("adoc/squidlens-" + c + ".adoc");
      assertTrue(Files.exists(page), page + " missing");
      assertTrue(main.contains("squidlens-" + c), "squidlens(1) lists " + c);
    }
    String follow =
        Files.readString(dir.resolve("adoc/squidlens-follow.adoc"), StandardCharsets.UTF_8);
    for (String option : List.of("--metrics", "--metrics-top", "--redact", "--interval")) {
      assertTrue(follow.contains(option), option + " in squidlens-follow(1)");
    }
    String recommend =
        Files.readString(dir.resolve("adoc/squidlens-recommend.adoc"), StandardCharsets.UTF_8);
    assertTrue(
        recommend.contains("Targets:\n\n....\n  cluster "),
        "the table of targets stays a table, not one paragraph:\n" + recommend);
  }

  @Test
  void completionScripts_completeCommandsAndTargets_andMatchTheCommandsOutput() throws Exception {
    ManualGenerator.generate(dir.resolve("adoc"), dir.resolve("completion"));
    String bash =
        Files.readString(dir.resolve("completion/squidlens.bash"), StandardCharsets.UTF_8);
    assertTrue(bash.contains("complete -F _complete_squidlens -o default squidlens"), bash);
    for (String c : COMMANDS) {
      assertTrue(bash.contains(c), c + " completed");
    }
    for (String t : Reports.targets()) {
      assertTrue(bash.contains(t), "--target " + t + " completed");
    }
    assertEquals(bash, MainTest.run("completion").out());
    assertEquals(bash, MainTest.run("completion", "bash").out());
    String zsh = MainTest.run("completion", "zsh").out();
    assertTrue(zsh.startsWith("#compdef squidlens\n") && zsh.contains("bashcompinit"), zsh);
    assertEquals(
        zsh, Files.readString(dir.resolve("completion/_squidlens"), StandardCharsets.UTF_8));
    MainTest.Run fish = MainTest.run("completion", "fish");
    assertEquals(ExitCodes.USAGE, fish.code());
    assertTrue(fish.err().startsWith("squidlens: completion: unknown shell 'fish'"), fish.err());
  }

  @Test
  void bashScript_completesATargetPrefix_whenBashRunsIt() throws Exception {
    Path bash = Path.of("/bin/bash");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(bash), "no /bin/bash here");
    Path script = dir.resolve("squidlens.bash");
    Files.writeString(script, MainTest.run("completion").out(), StandardCharsets.UTF_8);
    Process p =
        new ProcessBuilder(
                bash.toString(),
                "-c",
                "source '"
                    + script
                    + "'; COMP_WORDS=(squidlens recommend --target egr); COMP_CWORD=3;"
                    + " COMP_LINE='squidlens recommend --target egr'; COMP_POINT=${#COMP_LINE};"
                    + " _complete_squidlens 2>/dev/null; echo \"${COMPREPLY[@]}\"")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, p.waitFor());
    assertEquals("egressfirewall egressnetworkpolicy egress-router-proxy", out);
  }
}
