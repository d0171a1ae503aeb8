package com.tradingstation.sim;

import com.tradingstation.core.instrument.Venue;
import com.tradingstation.json.JsonReader;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class RestApiTest extends SimTestBase
{
    private final HttpClient http = HttpClient.newHttpClient();

    static SimConfig.Builder threeVenues()
    {
        return SimConfig.builder()
            .synthetic(new SimConfig.Synthetic(Venue.BINANCE_SPOT, 2, 5, 10, 20, 11))
            .synthetic(new SimConfig.Synthetic(Venue.BINANCE_USDM, 1, 5, 10, 20, 12))
            .synthetic(new SimConfig.Synthetic(Venue.BINANCE_COINM, 1, 5, 10, 20, 13));
    }

    private HttpResponse<String> get(final String path) throws Exception
    {
        return http.send(HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static long usedWeight(final HttpResponse<String> r)
    {
        return Long.parseLong(r.headers().firstValue(RestApi.USED_WEIGHT_HEADER).orElseThrow());
    }

    private static int levels(final String body, final String side)
    {
        final int start = body.indexOf("\"" + side + "\":[");
        final int end = body.indexOf("]]", start);
        if (end < 0 || body.startsWith("\"" + side + "\":[]", start))
        {
            return 0;
        }
        return body.substring(start, end).split("\\],\\[").length;
    }

    @Test
    void depthWeightsFollowTheLimitAndEveryResponseReportsTheMinutesWeight() throws Exception
    {
        start(threeVenues());
        final String[][] spot = {{"5", "5"}, {"100", "5"}, {"101", "25"}, {"500", "25"}, {"1000", "50"},
            {"5000", "250"}};
        long previous = usedWeight(get("/api/v3/ping"));
        for (final String[] c : spot)
        {
            final HttpResponse<String> r = get("/api/v3/depth?symbol=S0000USDT&limit=" + c[0]);
            assertThat(r.statusCode()).isEqualTo(200);
            final long used = usedWeight(r);
            final long w = Long.parseLong(c[1]);
            // A new calendar minute may begin between two requests; then only this request counts.
            assertThat(used == previous + w || used == w).as("limit %s weight %s: %d after %d", c[0], w, used, previous)
                .isTrue();
            previous = used;
            assertThat(r.body()).startsWith("{\"lastUpdateId\":").contains("\"bids\":[[\"").contains("\"asks\":[[\"");
            assertThat(levels(r.body(), "bids")).isLessThanOrEqualTo(Integer.parseInt(c[0]));
        }
        assertThat(levels(get("/api/v3/depth?symbol=S0000USDT&limit=5").body(), "asks")).isEqualTo(5);

        final String[][] futures = {{"5", "2"}, {"50", "2"}, {"100", "5"}, {"500", "10"}, {"1000", "20"}};
        previous = usedWeight(get("/fapi/v1/ping"));
        for (final String[] c : futures)
        {
            final HttpResponse<String> r = get("/fapi/v1/depth?symbol=BTCUSDT&limit=" + c[0]);
            assertThat(r.statusCode()).isEqualTo(200);
            final long used = usedWeight(r);
            final long w = Long.parseLong(c[1]);
            assertThat(used == previous + w || used == w).as("usdm limit %s", c[0]).isTrue();
            previous = used;
            assertThat(r.body()).matches("\\{\"lastUpdateId\":\\d+,\"E\":\\d{13},\"T\":\\d{13},\"bids\":.*");
        }
        final HttpResponse<String> coinm = get("/dapi/v1/depth?symbol=BTCUSD_PERP&limit=10");
        assertThat(coinm.body()).matches(
            "\\{\"lastUpdateId\":\\d+,\"symbol\":\"BTCUSD_PERP\",\"pair\":\"BTCUSD\",\"E\":\\d{13},\"T\":\\d{13}," +
            "\"bids\":.*");
        assertThat(levels(coinm.body(), "bids")).isEqualTo(10);
        assertThat(get("/fapi/v1/depth?symbol=BTCUSDT&limit=7").body()).contains("-1130");
        assertThat(sim.stats().rest().peakWeightPerMinute().get("binance-spot")).isGreaterThanOrEqualTo(250);
        assertThat(sim.stats().rest().requestsByEndpoint().get("/api/v3/depth")).isEqualTo(7);
    }

    @Test
    void errorsAreTheVenuesJsonWithItsCodes() throws Exception
    {
        start(threeVenues());
        final HttpResponse<String> bad = get("/api/v3/depth?symbol=NOPEUSDT");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
        assertThat(bad.headers().firstValue(RestApi.USED_WEIGHT_HEADER)).isPresent();
        assertThat(get("/api/v3/depth").body()).contains("\"code\":-1102");
        assertThat(get("/api/v3/depth?symbol=BTCUSD_PERP").statusCode()).as("a COIN-M symbol is not spot's")
            .isEqualTo(400);
        assertThat(get("/api/v3/nothing").statusCode()).isEqualTo(404);
        assertThat(get("/elsewhere").statusCode()).isEqualTo(404);
        assertThat(get("/api/v3/ping").body()).isEqualTo("{}");
        assertThat(get("/dapi/v1/ping").body()).isEqualTo("{}");
        assertThat(get("/fapi/v1/time").body()).matches("\\{\"serverTime\":\\d{13}}");
    }

    @Test
    void errorMessagesAreEscapedAsJson()
    {
        final String body = RestApi.errorBody(-1121, "Invalid stream name 'a\"b\\c'");

        assertThat(body).isEqualTo("{\"code\":-1121,\"msg\":\"Invalid stream name 'a\\\"b\\\\c'\"}");
        assertThat(JsonReader.parseObject(body)).containsEntry("msg", "Invalid stream name 'a\"b\\c'");
    }

    @Test
    void everyNthRequestGets429WithRetryAfterOneSecond() throws Exception
    {
        start(threeVenues().http429Every(3));
        final int[] statuses = new int[6];
        for (int i = 0; i < 6; i++)
        {
            // The fault opens a one-second Retry-After period on its venue, so after a 429 move to another venue.
            final String[] paths = {"/api/v3/time", "/fapi/v1/time", "/api/v3/time", "/fapi/v1/time", "/dapi/v1/time",
                "/dapi/v1/time"};
            final HttpResponse<String> r = get(paths[i]);
            statuses[i] = r.statusCode();
            if (r.statusCode() == 429)
            {
                assertThat(r.headers().firstValue("Retry-After")).contains("1");
                assertThat(r.body()).startsWith("{\"code\":-1003,");
            }
        }
        assertThat(statuses).containsExactly(200, 200, 429, 200, 200, 429);
        assertThat(sim.stats().rest().http429Sent()).isEqualTo(2);
        assertThat(sim.stats().rest().http429Injected()).isEqualTo(2);
    }

    @Test
    void overTheWeightLimit429UntilTheMinuteEndsThenBannedWith418() throws Exception
    {
        start(threeVenues().weightLimit(Venue.BINANCE_SPOT, 12).ban(1, 30));
        HttpResponse<String> r = null;
        int served = 0;
        for (int i = 0; i < 8 && (r == null || r.statusCode() != 429); i++)
        {
            r = get("/api/v3/depth?symbol=S0001USDT&limit=100");
            if (r.statusCode() == 200)
            {
                served++;
                assertThat(usedWeight(r)).isLessThanOrEqualTo(12);
            }
        }
        assertThat(r.statusCode()).as("two limit-100 requests fit in 12, a third does not").isEqualTo(429);
        assertThat(served).isBetween(2, 4);
        final long retryAfter = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(r.body()).contains("-1003");
        // One more during the Retry-After period is tolerated (allowance 1), the next is banned.
        final HttpResponse<String> again = get("/api/v3/ping");
        final HttpResponse<String> banned = get("/api/v3/ping");
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(banned.statusCode()).isEqualTo(418);
        assertThat(banned.headers().firstValue("Retry-After")).contains("30");
        assertThat(get("/fapi/v1/ping").statusCode()).as("limits are per venue").isEqualTo(200);
        final SimStats.Rest rest = sim.stats().rest();
        assertThat(rest.http429Sent()).isEqualTo(2);
        assertThat(rest.http418Sent()).isEqualTo(1);
        assertThat(rest.peakWeightPerMinute().get("binance-spot")).isBetween(10L, 12L);
    }

    @Test
    void exchangeInfoInfersTickAndStepFromTheSession() throws Exception
    {
        start(threeVenues());
        final HttpResponse<String> all = get("/api/v3/exchangeInfo");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body())
            .contains("\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":6000")
            .contains("\"symbol\":\"S0000USDT\"").contains("\"symbol\":\"S0001USDT\"");
        // Synthetic prices have 2 decimals and quantities 5; spot writes 8.
        assertThat(all.body())
            .contains("\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"0.01000000\",\"maxPrice\":\"1000000.00000000\"," +
                "\"tickSize\":\"0.01000000\"")
            .contains("\"stepSize\":\"0.00001000\"").contains("\"baseAsset\":\"S0000\"")
            .contains("\"quoteAsset\":\"USDT\"");
        final long weightBefore = usedWeight(all);
        final HttpResponse<String> one = get("/api/v3/exchangeInfo?symbols=" +
            URLEncoder.encode("[\"S0001USDT\"]", StandardCharsets.UTF_8));
        assertThat(one.body()).contains("\"symbol\":\"S0001USDT\"").doesNotContain("S0000USDT");
        assertThat(usedWeight(one) == weightBefore + 20 || usedWeight(one) == 20).isTrue();
        assertThat(get("/api/v3/exchangeInfo?symbol=S0000USDT").body()).contains("S0000USDT")
            .doesNotContain("S0001USDT");
        assertThat(get("/api/v3/exchangeInfo?symbol=XXX").body()).contains("-1121");

        final String usdm = get("/fapi/v1/exchangeInfo").body();
        assertThat(usdm).contains("\"limit\":2400")
            .contains("\"symbol\":\"BTCUSDT\",\"pair\":\"BTCUSDT\",\"contractType\":\"PERPETUAL\"," +
                "\"status\":\"TRADING\"")
            .contains("\"pricePrecision\":2,\"quantityPrecision\":5").contains("\"tickSize\":\"0.01\"")
            .contains("\"stepSize\":\"0.00001\"");
        final String coinm = get("/dapi/v1/exchangeInfo").body();
        assertThat(coinm)
            .contains("\"symbol\":\"BTCUSD_PERP\",\"pair\":\"BTCUSD\",\"contractType\":\"PERPETUAL\"," +
                "\"contractStatus\":\"TRADING\"")
            .contains("\"baseAsset\":\"BTC\",\"quoteAsset\":\"USD\"");
        final Matcher m = Pattern.compile("\"tickSize\":\"([0-9.]+)\"").matcher(coinm);
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo("0.01");
    }

    @Test
    void tickAndStepUnitsAreWrittenAsTheVenueDoes()
    {
        assertThat(ExchangeInfo.unit(2, 8)).isEqualTo("0.01000000");
        assertThat(ExchangeInfo.unit(5, 8)).isEqualTo("0.00001000");
        assertThat(ExchangeInfo.unit(0, 8)).isEqualTo("1.00000000");
        assertThat(ExchangeInfo.unit(1, 2)).isEqualTo("0.10");
        assertThat(ExchangeInfo.unit(0, 0)).isEqualTo("1");
        assertThat(SessionLoader.trimmedDecimals("61234.56000000")).isEqualTo(2);
        assertThat(SessionLoader.trimmedDecimals("3.00000000")).isZero();
        assertThat(SessionLoader.rawDecimals("61234.56000000")).isEqualTo(8);
    }

    @Test
    void statsAreServedAsJson() throws Exception
    {
        start(threeVenues());
        get("/api/v3/ping");
        final HttpResponse<String> r = get("/sim/stats");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("{\"timeline\":{\"started\":false,\"finished\":false,")
            .contains("\"requestsByEndpoint\":{\"/api/v3/ping\":1")
            .contains("\"symbol\":\"BTCUSD_PERP\"");
        assertThat(r.body()).isEqualTo(r.body().trim());
    }
}
