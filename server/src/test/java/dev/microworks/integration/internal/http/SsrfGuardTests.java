package dev.microworks.integration.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microworks.integration.internal.http.TestServer.Reply;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No test here sends a packet anywhere but 127.0.0.1. */
class SsrfGuardTests {

  static final HostResolver FAKE_DNS =
      host ->
          switch (host) {
            case "intranet.example" -> List.of(InetAddress.getByAddress(host, bytes(10, 1, 2, 3)));
            case "mixed.example" ->
                List.of(
                    InetAddress.getByAddress(host, bytes(93, 184, 215, 14)),
                    InetAddress.getByAddress(host, bytes(192, 168, 1, 5)));
            case "public.example" ->
                List.of(InetAddress.getByAddress(host, bytes(93, 184, 215, 14)));
            default -> throw new java.net.UnknownHostException(host);
          };

  static void check(Set<String> allowed, String url) {
    Target target = new Target("test-sor", "", "GET", URI.create(url), SentSecrets.none());
    new SsrfGuard(allowed, FAKE_DNS).check(target);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1/",
        "http://127.1.2.3:8080/x",
        "http://10.0.0.1/",
        "http://172.16.5.4/",
        "http://192.168.0.1/",
        "http://169.254.169.254/latest/meta-data",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://[::1]/",
        "http://[::]/",
        "http://[fc00::1]/",
        "http://[fd12:3456::1]/",
        "http://[fe80::1]/",
        "http://[ff02::1]/",
        "http://224.0.0.1/",
        "http://[::ffff:169.254.169.254]/",
        "http://[::ffff:7f00:1]/",
        "http://[64:ff9b::a00:1]/",
        "http://intranet.example/api",
        "http://mixed.example/api"
      })
  void refusesInternalAddresses(String url) {
    assertThatThrownBy(() -> check(Set.of(), url))
        .isInstanceOf(SsrfRefusedException.class)
        .hasMessageContaining("refused GET " + url.replace("[", "").replace("]", "").split("/")[0])
        .hasMessageContaining("allowed-hosts in the integration spec");
  }

  @Test
  void theRefusalSaysWhichHostWhichAddressAndWhy() {
    assertThatThrownBy(() -> check(Set.of(), "https://intranet.example/api/v2"))
        .hasMessageContaining("refused GET https://intranet.example/api/v2")
        .hasMessageContaining("host 'intranet.example' resolves to 10.1.2.3")
        .hasMessageContaining("a private (site-local) address")
        .hasMessageContaining("add 'intranet.example' to allowed-hosts");
    assertThatThrownBy(() -> check(Set.of(), "http://169.254.169.254/latest/meta-data"))
        .hasMessageContaining("link-local address (this includes cloud metadata services)");
    assertThatThrownBy(() -> check(Set.of(), "http://[::ffff:10.0.0.1]/"))
        .hasMessageContaining("private");
  }

  @Test
  void ipv4MappedIpv6AddressesAreJudgedByTheirIpv4Address() throws Exception {
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    mapped[12] = (byte) 169;
    mapped[13] = (byte) 254;
    mapped[14] = (byte) 169;
    mapped[15] = (byte) 254;
    InetAddress address = Inet6Address.getByAddress(null, mapped, -1);

    assertThat(SsrfGuard.forbidden(address))
        .hasValueSatisfying(why -> assertThat(why).contains("link-local"));
  }

  @Test
  void publicAddressesPass() {
    assertThatCode(() -> check(Set.of(), "https://public.example/api")).doesNotThrowAnyException();
    assertThatCode(() -> check(Set.of(), "https://93.184.215.14/")).doesNotThrowAnyException();
    assertThatCode(() -> check(Set.of(), "https://[2001:4860:4860::8888]/"))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/",
        "http://intranet.example/api"
      })
  void allowListedHostsPass(String url) {
    String host = SsrfGuard.normalizeHost(URI.create(url).getHost());

    assertThatCode(() -> check(Set.of(host.toUpperCase()), url)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"file:///etc/passwd", "ftp://public.example/x", "gopher://public.example/"})
  void refusesSchemesOtherThanHttp(String url) {
    assertThatThrownBy(() -> check(Set.of("public.example"), url))
        .isInstanceOf(SsrfRefusedException.class)
        .hasMessageContaining("is not allowed, only http and https");
  }

  @Test
  void theEngineRefusesLoopbackBeforeConnecting() throws Exception {
    try (TestServer sor = TestServer.start(request -> Reply.json("{}"))) {
      HttpEngine notAllowed =
          Engines.engine(
              Engines.settings().withAllowedHosts(Set.of()),
              new FakeTime(),
              RequestAuthenticators.none());

      assertThatThrownBy(() -> notAllowed.fetchOne(RequestTemplate.get(sor.uri("/x"))))
          .isInstanceOf(SsrfRefusedException.class)
          .hasMessageContaining("host '127.0.0.1' resolves to 127.0.0.1, a loopback address");
      assertThatThrownBy(
              () -> notAllowed.fetchOne(RequestTemplate.get(URI.create("file:///etc/passwd"))))
          .isInstanceOf(SsrfRefusedException.class);
      assertThat(sor.received()).isEmpty();

      assertThat(Engines.engine(new FakeTime()).fetchOne(RequestTemplate.get(sor.uri("/x"))))
          .isNotNull();
      assertThat(sor.received()).hasSize(1);
    }
  }

  @Test
  void aRedirectToTheMetadataServiceIsRefused() throws Exception {
    try (TestServer sor =
        TestServer.start(
            request ->
                Reply.status(302, "")
                    .withHeader("Location", "http://169.254.169.254/latest/meta-data"))) {

      assertThatThrownBy(
              () -> Engines.engine(new FakeTime()).fetchOne(RequestTemplate.get(sor.uri("/r"))))
          .isInstanceOf(SsrfRefusedException.class)
          .hasMessageContaining("refused GET http://169.254.169.254/latest/meta-data")
          .hasMessageContaining("link-local");
      assertThat(sor.received()).hasSize(1);
    }
  }

  @Test
  void aRedirectToALoopbackNameNotOnTheListIsRefusedAndAllowedOnceListed() throws Exception {
    try (TestServer sor = TestServer.start(request -> Reply.json("{\"arrived\":true}"))) {
      TestServer target =
          TestServer.start(
              request ->
                  Reply.status(307, "")
                      .withHeader("Location", "http://localhost:" + sor.port() + "/end"));
      try (target) {
        assertThatThrownBy(
                () ->
                    Engines.engine(new FakeTime())
                        .fetchOne(RequestTemplate.get(target.uri("/start"))))
            .isInstanceOf(SsrfRefusedException.class)
            .hasMessageContaining("host 'localhost' resolves to 127.0.0.1, a loopback address")
            .hasMessageContaining("add 'localhost' to allowed-hosts");
        assertThat(sor.received()).isEmpty();

        HttpEngine allowing =
            Engines.engine(
                Engines.settings().withAllowedHosts(Set.of("127.0.0.1", "localhost")),
                new FakeTime(),
                RequestAuthenticators.none());
        assertThat(
                allowing
                    .fetchOne(RequestTemplate.get(target.uri("/start")))
                    .get("arrived")
                    .asBoolean())
            .isTrue();
        assertThat(sor.received()).hasSize(1);
      }
    }
  }

  static byte[] bytes(int a, int b, int c, int d) {
    return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
  }
}
