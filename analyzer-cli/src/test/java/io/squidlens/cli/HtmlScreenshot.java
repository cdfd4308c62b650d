package io.squidlens.cli;

import io.squidlens.TestLogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;

/**
 * Writes README's screenshot of the HTML report: the sample {@code roks-vpc-before-noproxy} at
 * 1,400 pixels, the top of the page. Run by {@code ./mvnw -B -q -pl analyzer-cli
 * exec:java@screenshot} after an install (see README, Output formats).
 */
final class HtmlScreenshot {
  private HtmlScreenshot() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: HtmlScreenshot OUT.png");
    }
    if (!Chromium.installed()) {
      throw new IllegalStateException("needs chromium and chromium-driver (apt-get install)");
    }
    Path work = Files.createTempDirectory("squidlens-screenshot");
    String log =
        TestLogs.copyKeepingPath("sample-logs/roks-vpc-before-noproxy/access.log", work).toString();
    MainTest.Run r = MainTest.run("analyze", "-o", "html", "--dns", "off", log);
    if (r.code() != 0) {
      throw new IllegalStateException(r.err());
    }
    Path html = work.resolve("report.html");
    Files.writeString(html, r.out(), StandardCharsets.UTF_8);
    try (Chromium c = Chromium.start()) {
      c.driver.manage().window().setSize(new Dimension(1400, 1900));
      c.driver.get(html.toUri().toString());
      Files.write(Path.of(args[0]), c.driver.getScreenshotAs(OutputType.BYTES));
    }
  }
}
