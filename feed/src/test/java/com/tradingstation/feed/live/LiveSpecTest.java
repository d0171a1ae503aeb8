package com.tradingstation.feed.live;

import com.tradingstation.core.instrument.Venue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The venue facts, exchangeInfo parsing, symbol lists, the weight budget and the handshake key.
 */
class LiveSpecTest
{
    @Test
    void depthWeightsAndLimitsAsTheVenuesDocumentThem()
    {
        assertThat(VenueSpec.SPOT.depthWeight(VenueSpec.SPOT.depthLimit(100))).isEqualTo(5);
        assertThat(VenueSpec.SPOT.depthWeight(VenueSpec.SPOT.depthLimit(1000))).isEqualTo(50);
        assertThat(VenueSpec.SPOT.depthWeight(VenueSpec.SPOT.depthLimit(5000))).isEqualTo(250);
        assertThat(VenueSpec.USDM.depthLimit(300)).isEqualTo(500);
        assertThat(VenueSpec.USDM.depthLimit(5000)).isEqualTo(1000);
        assertThat(VenueSpec.USDM.depthWeight(1000)).isEqualTo(20);
        assertThat(VenueSpec.COINM.depthWeight(50)).isEqualTo(2);
    }

    @Test
    void usdmRoutesHighFrequencyStreamsUnderPublicAndTradesUnderMarket()
    {
        assertThat(VenueSpec.USDM.wsPath(StreamKind.DEPTH)).isEqualTo("/public");
        assertThat(VenueSpec.USDM.wsPath(StreamKind.BOOK_TICKER)).isEqualTo("/public");
        assertThat(VenueSpec.USDM.wsPath(StreamKind.TRADE)).isEqualTo("/market");
        assertThat(VenueSpec.SPOT.wsPath(StreamKind.TRADE)).isEmpty();
        assertThat(VenueSpec.USDM.streamName("BTCUSDT", StreamKind.DEPTH, "0ms")).isEqualTo("btcusdt@depth@0ms");
        assertThat(VenueSpec.USDM.streamName("BTCUSDT", StreamKind.TRADE, "")).isEqualTo("btcusdt@aggTrade");
        assertThat(VenueSpec.SPOT.streamName("BTCUSDT", StreamKind.TRADE, "")).isEqualTo("btcusdt@trade");
        assertThat(VenueSpec.COINM.streamName("BTCUSD_PERP", StreamKind.BOOK_TICKER, ""))
            .isEqualTo("btcusd_perp@bookTicker");
    }

    @Test
    void exchangeInfoGivesEachSymbolItsScales()
    {
        final String json = "{\"timezone\":\"UTC\",\"rateLimits\":[{\"rateLimitType\":\"REQUEST_WEIGHT\"," +
            "\"limit\":6000}],\"symbols\":[{\"symbol\":\"BTCUSDT\",\"status\":\"TRADING\"," +
            "\"filters\":[{\"filterType\":\"PRICE_FILTER\"," +
            "\"minPrice\":\"0.01000000\",\"tickSize\":\"0.01000000\"},{\"filterType\":\"LOT_SIZE\"," +
            "\"stepSize\":\"0.00001000\"}," +
            "{\"filterType\":\"NOTIONAL\",\"minNotional\":\"5.00000000\"}],\"permissions\":[]}," +
            "{\"symbol\":\"BTCUSD_PERP\",\"contractStatus\":\"TRADING\"," +
            "\"filters\":[{\"filterType\":\"PRICE_FILTER\"," +
            "\"tickSize\":\"0.1\"},{\"filterType\":\"LOT_SIZE\",\"stepSize\":\"1\"}]}]}";
        final ExchangeInfo info = ExchangeInfo.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(info.symbol("BTCUSDT").priceScale()).isEqualTo(2);
        assertThat(info.symbol("BTCUSDT").qtyScale()).isEqualTo(5);
        assertThat(info.symbol("BTCUSD_PERP").priceScale()).isEqualTo(1);
        assertThat(info.symbol("BTCUSD_PERP").qtyScale()).isZero();
        assertThat(info.symbol("BTCUSD_PERP").status()).isEqualTo("TRADING");
        assertThat(info.symbol("ETHUSDT")).isNull();
        assertThatThrownBy(() -> ExchangeInfo.parse("{\"code\":-1121}".getBytes(StandardCharsets.UTF_8)))
            .hasMessageContaining("not an exchangeInfo");
    }

    @Test
    void symbolListsParseAndRejectClearly()
    {
        assertThat(SymbolRef.parseList("binance-spot:btcusdt, binance-usdm:ETHUSDT,binance-spot:BTCUSDT"))
            .containsExactly(new SymbolRef(Venue.BINANCE_SPOT, "BTCUSDT"),
                new SymbolRef(Venue.BINANCE_USDM, "ETHUSDT"));
        assertThatThrownBy(() -> SymbolRef.parseList("BTCUSDT")).hasMessageContaining("binance-spot:BTCUSDT");
        assertThatThrownBy(() -> SymbolRef.parseList("nasdaq:AAPL")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SymbolRef.parseList("binance-spot:BTC}{USDT"))
            .hasMessageContaining("not a venue symbol");
    }

    @Test
    void weightBudgetCountsItsOwnRequestsAndTheVenuesHeaderAndPausesOnRetryAfter()
    {
        final WeightBudget b = new WeightBudget(100);
        final long t = 1_000_000L * 60_000; // a minute boundary
        assertThat(b.tryAcquire(50, t)).isTrue();
        assertThat(b.tryAcquire(50, t + 1)).isTrue();
        assertThat(b.tryAcquire(5, t + 2)).as("budget used up").isFalse();
        assertThat(b.tryAcquire(50, t + 60_001)).as("the first request left the window").isTrue();
        b.onServerUsed(95, t + 60_002); // other processes behind the same IP used the rest
        assertThat(b.tryAcquire(10, t + 60_003)).isFalse();
        b.pause(2, false, t + 120_000);
        assertThat(b.tryAcquire(1, t + 121_000)).isFalse();
        assertThat(b.tryAcquire(1, t + 122_001)).isTrue();
        assertThat(b.usage().throttled()).isEqualTo(1);
        assertThat(b.peakUsed()).isEqualTo(100);
    }

    @Test
    void handshakeAcceptIsTheRfcExample()
    {
        assertThat(WebSocketConnection.acceptFor("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void settingsRejectBadValuesInOneLine()
    {
        assertThatThrownBy(() -> LiveSettings.builder().wsBase(Venue.BINANCE_SPOT, "http://x"))
            .hasMessageContaining("wss://");
        assertThatThrownBy(() -> LiveSettings.builder().streamsPerConnection(2000)).hasMessageContaining("1..1024");
        final LiveSettings s = LiveSettings.builder().build();
        assertThat(s.silenceMs(Venue.BINANCE_SPOT)).isEqualTo(30_000);
        assertThat(s.silenceMs(Venue.BINANCE_USDM)).isEqualTo(270_000);
        assertThat(s.weightBudget(Venue.BINANCE_SPOT)).isEqualTo(3000);
        assertThat(List.of(s.wsBase(Venue.BINANCE_USDM), s.restBase(Venue.BINANCE_COINM)))
            .containsExactly("wss://fstream.binance.com", "https://dapi.binance.com");
    }
}
