package com.tradingstation.sim;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real captures in ../shared/data/binance (never copied into the repo), served as recorded.
 * Skipped with a message when they are absent.
 */
class CaptureSessionTest
{
    private static final String SPOT = "spot_btcusdt_20240808.gz";
    private static final String USDM = "usdm_btcusdt_20240808.gz";

    private static Path dataDir()
    {
        final String shared = System.getProperty("station.shared.dir");
        return shared != null ? Paths.get(shared, "data", "binance")
            : Paths.get("..", "..", "shared", "data", "binance");
    }

    private final HttpClient http = HttpClient.newHttpClient();

    private String get(final ExchangeSimulator sim, final String path) throws Exception
    {
        final HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private static long lastUpdateId(final String depth)
    {
        final Matcher m = Pattern.compile("^\\{\"lastUpdateId\":(\\d+)").matcher(depth);
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void spotAndUsdmCapturesAreServedWithInferredVenuesTicksAndSnapshots() throws Exception
    {
        final Path spot = dataDir().resolve(SPOT);
        final Path usdm = dataDir().resolve(USDM);
        Assumptions.assumeTrue(Files.isRegularFile(spot) && Files.isRegularFile(usdm),
            "SKIPPED: real Binance captures " + SPOT + ", " + USDM + " not found in " + dataDir().toAbsolutePath());
        try (ExchangeSimulator sim = new ExchangeSimulator(SimConfig.builder()
            .capture(null, List.of(spot)).capture(null, List.of(usdm)).speed(0).build()))
        {
            sim.start();
            assertThat(sim.venues()).extracting(v -> v.id()).containsExactly("binance-spot", "binance-usdm");
            final String spotInfo = get(sim, "/api/v3/exchangeInfo?symbol=BTCUSDT");
            // The step is the finest quantity seen: a few deep resting levels of this capture carry 6 decimals
            // (e.g. "25.42618900" at 200000), finer than the lot size trades show.
            assertThat(spotInfo).contains("\"tickSize\":\"0.01000000\"").contains("\"stepSize\":\"0.00000100\"");
            final String usdmInfo = get(sim, "/fapi/v1/exchangeInfo");
            assertThat(usdmInfo).contains("\"tickSize\":\"0.10\"").contains("\"stepSize\":\"0.001\"")
                .contains("\"pricePrecision\":1,\"quantityPrecision\":3");

            // Before any diff is sent the answer is the capture's first snapshot itself.
            final String first = get(sim, "/api/v3/depth?symbol=BTCUSDT&limit=5");
            assertThat(lastUpdateId(first)).isEqualTo(50_093_239_218L);
            assertThat(first).contains("[\"61837.63000000\",\"3.78826000\"]");

            try (WsClient ws = WsClient.connect(http, sim.wsBaseUrl() + "/ws/btcusdt@depth@100ms"))
            {
                assertThat(sim.awaitFinished(Duration.ofSeconds(60))).isTrue();
                final SimStats.Symbol s = sim.stats().symbols().stream()
                    .filter(x -> x.venue().equals("binance-spot")).findFirst().orElseThrow();
                Await.until("every spot diff at the client", Duration.ofSeconds(30), () -> ws.count() == s.diffsSent());
                assertThat(lastUpdateId(get(sim, "/api/v3/depth?symbol=BTCUSDT&limit=1000")))
                    .isEqualTo(s.finalUpdateId()).isEqualTo(s.lastSentUpdateId());
                assertThat(get(sim, "/fapi/v1/depth?symbol=BTCUSDT&limit=5"))
                    .matches("\\{\"lastUpdateId\":\\d+,\"E\":.*");
            }
        }
    }
}
