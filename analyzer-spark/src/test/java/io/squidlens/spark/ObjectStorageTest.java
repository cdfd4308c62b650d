package io.squidlens.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.squidlens.TestLogs;
import io.squidlens.cli.LocalCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logs read from S3-compatible object storage (S3Proxy on loopback, its filesystem backend) with
 * Hadoop's s3a, as from IBM Cloud Object Storage: the report the command line gives on the same
 * files, and the report written back to the bucket.
 */
final class ObjectStorageTest {
  private static final String KEY = "squidlens-test-access";
  private static final String SECRET = "squidlens-test-secret";

  @TempDir static Path store;
  @TempDir Path dir;

  private static S3Proxy proxy;
  private static BlobStoreContext blobs;
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() throws Exception {
    Properties p = new Properties();
    p.setProperty("jclouds.filesystem.basedir", store.toString());
    blobs = ContextBuilder.newBuilder("filesystem").overrides(p).build(BlobStoreContext.class);
    proxy =
        S3Proxy.builder()
            .blobStore(blobs.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY, SECRET)
            .build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
    sc =
        new JavaSparkContext(
            new SparkConf()
                .setMaster("local[2]")
                .setAppName("squidlens-s3-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    Configuration h = sc.hadoopConfiguration();
    // What README's IBM COS settings say, pointed at the proxy.
    h.set("fs.s3a.endpoint", "http://127.0.0.1:" + proxy.getPort());
    h.set("fs.s3a.endpoint.region", "us-east-1");
    h.set("fs.s3a.path.style.access", "true");
    h.set("fs.s3a.connection.ssl.enabled", "false");
    h.set("fs.s3a.access.key", KEY);
    h.set("fs.s3a.secret.key", SECRET);
    h.set(
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    h.set("fs.s3a.attempts.maximum", "1");
    h.set("fs.s3a.retry.limit", "1");
  }

  @AfterAll
  static void stop() throws Exception {
    if (sc != null) {
      sc.stop();
    }
    if (proxy != null) {
      proxy.stop();
    }
    if (blobs != null) {
      blobs.close();
    }
  }

  private static LocalCli.Run spark(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SparkAnalyze.run(sc, new PrintWriter(out), new PrintWriter(err), args);
    return new LocalCli.Run(code, out.toString(), err.toString());
  }

  @Test
  void logsInABucket_giveTheReportOfTheSameFilesOnDisk_andTheReportGoesBackToTheBucket()
      throws IOException {
    BlobStore bs = blobs.getBlobStore();
    bs.createContainerInLocation(null, "squid-logs");
    Path local = Files.createDirectories(dir.resolve("proxy-a"));
    for (String name : new String[] {"roks-vpc-before-noproxy", "roks-vpc-rollout"}) {
      Path log = TestLogs.copyKeepingPath("sample-logs/" + name + "/access.log", dir);
      Path named = Files.copy(log, local.resolve(name + ".log"));
      bs.putBlob(
          "squid-logs",
          bs.blobBuilder("proxy-a/" + named.getFileName())
              .payload(Files.readAllBytes(named))
              .build());
    }

    LocalCli.Run remote =
        spark("-o", "json", "--dns", "off", "--part-size", "2k", "s3a://squid-logs/proxy-a");
    assertEquals(0, remote.code(), remote.err());
    LocalCli.Run onDisk = LocalCli.run("analyze", "-o", "json", "--dns", "off", local.toString());
    JsonNode expected = SparkAnalyzeTest.report(onDisk);
    JsonNode actual = SparkAnalyzeTest.report(remote);
    // The same logs under other names: the report names them as given.
    String expectedText =
        expected.toPrettyString().replace(local.toString(), "s3a://squid-logs/proxy-a");
    assertEquals(expectedText, actual.toPrettyString());

    LocalCli.Run written =
        spark(
            "-o",
            "html",
            "--dns",
            "off",
            "--output-file",
            "s3a://squid-logs/reports/egress.html",
            "s3a://squid-logs/proxy-a/*.log");
    assertEquals(0, written.code(), written.err());
    assertEquals("", written.out());
    String page =
        new String(
            bs.getBlob("squid-logs", "reports/egress.html")
                .getPayload()
                .openStream()
                .readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(page.startsWith("<!DOCTYPE html>"), page.substring(0, Math.min(200, page.length())));
    assertTrue(
        bs
            .list(
                "squid-logs",
                org.jclouds.blobstore.options.ListContainerOptions.Builder.prefix("reports/")
                    .recursive())
            .stream()
            .allMatch(m -> m.getName().equals("reports/egress.html")),
        "no temporary object left behind");
  }

  @Test
  void aMissingObject_isOneLineAndExit74() {
    LocalCli.Run missing = spark("-o", "json", "s3a://squid-logs/nope/access.log");
    assertEquals(74, missing.code(), missing.err());
    assertEquals(1, missing.err().strip().lines().count(), missing.err());
  }
}
