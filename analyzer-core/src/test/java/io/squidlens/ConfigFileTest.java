package io.squidlens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.squidlens.base.BadValueException;
import io.squidlens.base.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ConfigFileTest {
  @TempDir Path dir;

  @Test
  void read_yaml_resolvesPathsNextToTheFile() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("squidlens.yaml"),
            """
            profile: roks-vpc
            serviceNetworks: [172.21.0.0/16]
            machineNetworks: 10.0.0.0/16
            hosts: worker-hosts.txt
            dns: off
            """);
    ConfigFile c = ConfigFile.read(f, "--config");
    assertEquals("roks-vpc", c.profile());
    assertEquals(List.of("172.21.0.0/16"), c.serviceNetworks());
    assertEquals(List.of("10.0.0.0/16"), c.machineNetworks());
    assertEquals(dir.resolve("worker-hosts.txt").toAbsolutePath().toString(), c.hosts());
    assertEquals("off", c.dns());
  }

  @Test
  void read_json_works() throws Exception {
    Path f = Files.writeString(dir.resolve("c.json"), "{\"proxyUrl\": \"http://10.0.0.4:3128\"}");
    assertEquals("http://10.0.0.4:3128", ConfigFile.read(f, "--config").proxyUrl());
  }

  @Test
  void read_unknownKey_namesItAndTheKnownOnes() throws Exception {
    Path f = Files.writeString(dir.resolve("c.yaml"), "serviceNetwork: 172.21.0.0/16\n");
    BadValueException e =
        assertThrows(BadValueException.class, () -> ConfigFile.read(f, "--config"));
    assertTrue(e.getMessage().contains("unknown key 'serviceNetwork'"), e.getMessage());
    assertTrue(e.getMessage().contains("serviceNetworks"), e.getMessage());
  }

  @Test
  void read_duplicateKey_refused() throws Exception {
    Path f = Files.writeString(dir.resolve("c.json"), "{\"dns\": \"off\", \"dns\": \"system\"}");
    BadValueException e =
        assertThrows(BadValueException.class, () -> ConfigFile.read(f, "--config"));
    assertTrue(e.getMessage().contains("dns"), e.getMessage());
  }

  @Test
  void read_missingFile_isAnInputErrorNamingIt() {
    InputException e =
        assertThrows(
            InputException.class, () -> ConfigFile.read(dir.resolve("none.yaml"), "--config"));
    assertTrue(e.getMessage().contains("none.yaml: no such file"), e.getMessage());
  }

  @Test
  void read_everyOptionTheReadmeNames_isAccepted() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("all.yaml"),
            """
            profile: roks-vpc
            logFormat: squid
            serviceNetworks: [172.21.0.0/16]
            clusterNetworks: [172.17.0.0/18]
            machineNetworks: [10.240.0.0/18]
            networkConfig: network.json
            privateDomains: [corp.example.com]
            ingressDomains: [apps.example.com]
            hosts: hosts.txt
            dns: 10.0.0.2,10.0.0.3
            dnsBudget: 1500ms
            proxyUrl: http://10.0.0.4:3128
            proxyConfig: proxy.json
            currentNoProxy: .svc,localhost
            threads: 2
            maxDestinations: 1000
            keepUnsafe: true
            """);
    ConfigFile c = ConfigFile.read(f, "--config");
    assertEquals(java.time.Duration.ofMillis(1500), c.dnsBudget());
    assertEquals(2, c.threads());
    assertEquals(1000, c.maxDestinations());
    assertTrue(c.keepUnsafe());
    assertEquals(List.of("10.240.0.0/18"), c.machineNetworks());
  }

  @Test
  void read_wrongType_namesTheFileAndKeyWithoutJavaTypes() throws Exception {
    Path f = Files.writeString(dir.resolve("t.yaml"), "threads: two\nserviceNetworks: {a: 1}\n");
    BadValueException e =
        assertThrows(BadValueException.class, () -> ConfigFile.read(f, "--config"));
    assertTrue(e.getMessage().startsWith("--config " + f + ": key '"), e.getMessage());
    assertTrue(!e.getMessage().contains("java."), e.getMessage());
  }

  @Test
  void read_notYaml_saysWhereWithoutJavaTypes() throws Exception {
    Path f = Files.writeString(dir.resolve("bad.yaml"), "profile: [unclosed\n");
    BadValueException e =
        assertThrows(BadValueException.class, () -> ConfigFile.read(f, "--config"));
    assertTrue(e.getMessage().contains("line"), e.getMessage());
    assertTrue(
        !e.getMessage().contains("java.") && !e.getMessage().contains("Exception"), e.getMessage());
  }

  @Test
  void read_devicesDirectoriesAndHugeFiles_getTheirOwnMessages() throws Exception {
    InputException dirError =
        assertThrows(InputException.class, () -> ConfigFile.read(dir, "--config"));
    assertTrue(dirError.getMessage().endsWith("is a directory, not a file"), dirError.getMessage());
    Path big = dir.resolve("big.yaml");
    Files.write(big, new byte[io.squidlens.base.SmallFiles.LIMIT + 10]);
    InputException bigError =
        assertThrows(InputException.class, () -> ConfigFile.read(big, "--config"));
    assertTrue(bigError.getMessage().contains("larger than the 4 MiB"), bigError.getMessage());
    Path zero = Path.of("/dev/zero");
    if (Files.exists(zero)) {
      long t0 = System.nanoTime();
      InputException z =
          assertThrows(InputException.class, () -> ConfigFile.read(zero, "--config"));
      assertTrue(z.getMessage().contains("larger than"), z.getMessage());
      assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "refused at once");
    }
    Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
    InputException e = assertThrows(InputException.class, () -> ConfigFile.read(empty, "--config"));
    assertTrue(e.getMessage().endsWith("is empty"), e.getMessage());
  }
}
