package com.tradingstation.sim;

import com.tradingstation.core.instrument.Venue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsTest
{
    private static final String PASSWORD = "changeit";

    @TempDir
    Path dir;

    private Path keystore() throws Exception
    {
        final Path ks = dir.resolve("sim.p12");
        final String keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool").toString();
        final Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "sim", "-keyalg", "EC",
            "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=localhost", "-ext",
            "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
            "-keystore", ks.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
            .redirectErrorStream(true).start();
        final String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return ks;
    }

    private static SSLContext trusting(final Path ks) throws Exception
    {
        final KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks))
        {
            store.load(in, PASSWORD.toCharArray());
        }
        final TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        final SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    @Test
    void theSamePortServesHttpsAndWssOnly() throws Exception
    {
        final Path ks = keystore();
        try (ExchangeSimulator sim = new ExchangeSimulator(SimConfig.builder()
            .synthetic(new SimConfig.Synthetic(Venue.BINANCE_SPOT, 1, 30, 10, 10, 51)).speed(1).tls(ks, PASSWORD)
            .build()))
        {
            sim.start();
            assertThat(sim.restBaseUrl()).startsWith("https://127.0.0.1:");
            assertThat(sim.wsBaseUrl()).startsWith("wss://127.0.0.1:");
            final HttpClient https = HttpClient.newBuilder().sslContext(trusting(ks))
                .connectTimeout(Duration.ofSeconds(5)).build();
            final HttpResponse<String> r = https.send(
                HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + "/api/v3/depth?symbol=BTCUSDT&limit=5")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).startsWith("{\"lastUpdateId\":");

            try (WsClient ws = WsClient.connect(https, sim.wsBaseUrl() + "/ws/btcusdt@trade"))
            {
                assertThat(ws.awaitMessage("\"e\":\"trade\"", Duration.ofSeconds(20))).startsWith("{\"e\":\"trade\"");
            }

            final HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> plain.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.port() + "/api/v3/ping"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        }
    }
}
