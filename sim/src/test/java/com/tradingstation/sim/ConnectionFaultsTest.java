package com.tradingstation.sim;

import com.tradingstation.core.instrument.Venue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionFaultsTest extends SimTestBase
{
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int OP_TEXT = 1;
    private static final int OP_CLOSE = 8;
    private static final int OP_PING = 9;
    private static final int OP_PONG = 10;

    private static SimConfig.Builder spot()
    {
        // 60 market seconds at recorded pace: the timeline outlives every test.
        return SimConfig.builder().synthetic(new SimConfig.Synthetic(Venue.BINANCE_SPOT, 1, 60, 10, 10, 41)).speed(1);
    }

    private WsClient ws(final String path) throws Exception
    {
        final WsClient c = WsClient.connect(sim.wsBaseUrl() + path);
        running.closeAfter(c);
        return c;
    }

    private RawWsClient raw(final String path) throws Exception
    {
        final RawWsClient c = new RawWsClient(sim.port(), path);
        running.closeAfter(c);
        assertThat(c.statusLine).startsWith("HTTP/1.1 101");
        return c;
    }

    /** Reads until the server's close frame (returned) or the end of the stream (null), answering pings as told. */
    private static RawWsClient.Frame untilClose(final RawWsClient c, final String pongPayload, final int[] pings)
        throws Exception
    {
        RawWsClient.Frame f;
        while ((f = c.read()) != null)
        {
            if (f.opcode() == OP_CLOSE)
            {
                return f;
            }
            if (f.opcode() == OP_PING)
            {
                pings[0]++;
                if (pongPayload != null)
                {
                    c.send(OP_PONG, pongPayload.getBytes(StandardCharsets.US_ASCII), true);
                }
            }
        }
        return null;
    }

    @Test
    void aPongMustEchoThePingPayloadOrTheConnectionIsClosed() throws Exception
    {
        start(spot().pingIntervalMs(100).pongTimeoutMs(500).maxIncomingPerSecond(100));
        final WsClient echoing = ws("/ws/btcusdt@trade");

        final RawWsClient silent = raw("/ws/btcusdt@trade");
        final int[] silentPings = {0};
        final RawWsClient.Frame silentClose = untilClose(silent, null, silentPings);
        assertThat(silentPings[0]).isPositive();
        assertThat(silentClose).isNotNull();
        assertThat(silentClose.closeCode()).isEqualTo(1008);

        final RawWsClient wrong = raw("/ws/btcusdt@trade");
        final int[] wrongPings = {0};
        final RawWsClient.Frame wrongClose = untilClose(wrong, "not-the-payload", wrongPings);
        assertThat(wrongClose).isNotNull();
        assertThat(wrongClose.closeCode()).isEqualTo(1008);

        Await.until("the JDK client's automatic pongs", WAIT, () -> sim.stats().pings().pongsReceived() >= 3);
        final SimStats s = sim.stats();
        assertThat(echoing.isClosed()).as("a client echoing the payload stays").isFalse();
        assertThat(echoing.pings()).isPositive();
        // The last wrong pong may race the server's close, so it is not always counted.
        assertThat(s.pings().pongMismatches()).isPositive().isLessThanOrEqualTo(wrongPings[0]);
        assertThat(s.pings().pongTimeouts()).isEqualTo(2);
        assertThat(s.pings().pingsSent()).isGreaterThanOrEqualTo(silentPings[0] + wrongPings[0]);
        Await.until("both closes counted", WAIT,
            () -> sim.stats().connections().closedByReason().getOrDefault("pong-timeout", 0L) == 2);
        assertThat(sim.stats().connectionDetails().get(0).open()).isTrue();
    }

    @Test
    void aClientPingIsAnsweredWithItsPayload() throws Exception
    {
        start(spot());
        final RawWsClient c = raw("/ws");
        c.send(OP_PING, "hello".getBytes(StandardCharsets.US_ASCII), true);
        RawWsClient.Frame f;
        do
        {
            f = c.read();
        }
        while (f != null && f.opcode() != OP_PONG);
        assertThat(f).isNotNull();
        assertThat(f.text()).isEqualTo("hello");
    }

    @Test
    void unmaskedClientFramesAreAProtocolError() throws Exception
    {
        start(spot());
        final RawWsClient c = raw("/ws");
        c.send(OP_TEXT, "{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":1}".getBytes(StandardCharsets.US_ASCII), false);
        final RawWsClient.Frame close = untilClose(c, null, new int[1]);
        assertThat(close).isNotNull();
        assertThat(close.closeCode()).isEqualTo(1002);
        Await.until("the close counted", WAIT,
            () -> sim.stats().connections().closedByReason().containsKey("protocol"));
    }

    @Test
    void connectionsAreClosedAtTheirMaximumAge() throws Exception
    {
        start(spot().maxConnAgeMs(300));
        final WsClient c = ws("/stream?streams=btcusdt@trade");
        assertThat(c.awaitClose(WAIT)).isEqualTo(1001);
        Await.until("the close counted", WAIT, () -> sim.stats().connections().closedByReason().containsKey("max-age"));
        assertThat(sim.stats().faults().maxAgeCloses()).isEqualTo(1);
        assertThat(sim.stats().connectionDetails().get(0).closeReason()).isEqualTo("max-age");
    }

    @Test
    void serverShutdownIsAnnouncedOnSpotThenTheConnectionCloses() throws Exception
    {
        start(spot().synthetic(new SimConfig.Synthetic(Venue.BINANCE_COINM, 1, 60, 10, 10, 42))
            .serverShutdown(300, 100));
        final WsClient combined = ws("/stream?streams=btcusdt@trade");
        final WsClient rawStream = ws("/ws/btcusdt@trade");
        final WsClient coinm = ws("/ws/btcusd_perp@trade");
        assertThat(combined.awaitClose(WAIT)).isEqualTo(1001);
        assertThat(rawStream.awaitClose(WAIT)).isEqualTo(1001);
        assertThat(combined.messages())
            .anyMatch(m -> m.matches("\\{\"stream\":\"!serverShutdown\",\"data\":\\{\"e\":\"serverShutdown\"," +
                "\"E\":\\d{13}}}"));
        assertThat(rawStream.messages()).anyMatch(m -> m.matches("\\{\"e\":\"serverShutdown\",\"E\":\\d{13}}"));
        final List<String> raws = rawStream.messages();
        assertThat(raws.get(raws.size() - 1)).as("the event precedes the close").contains("serverShutdown");
        assertThat(coinm.isClosed()).as("COIN-M has no serverShutdown").isFalse();
        assertThat(coinm.messages()).noneMatch(m -> m.contains("serverShutdown"));
        Await.until("both closes counted", WAIT,
            () -> sim.stats().connections().closedByReason().getOrDefault("shutdown", 0L) == 2);
        assertThat(sim.stats().faults().serverShutdowns()).isEqualTo(2);
    }

    @Test
    void theDisconnectFaultDropsTheTcpConnectionWithoutACloseFrame() throws Exception
    {
        start(spot().disconnectEveryMs(200).seed(3));
        final RawWsClient c = raw("/ws/btcusdt@trade");
        assertThat(untilClose(c, "x", new int[1])).as("end of stream, no close frame").isNull();
        Await.until("the close counted", WAIT,
            () -> sim.stats().connections().closedByReason().containsKey("disconnect-fault"));
        assertThat(sim.stats().faults().disconnects()).isEqualTo(1);
    }

    @Test
    void aStalledConnectionLosesItsFramesButStaysOpen() throws Exception
    {
        start(spot().stall(400, 200));
        final WsClient c = ws("/ws/btcusdt@depth");
        Await.until("a stall that cost frames", WAIT, () -> sim.stats().connectionDetails().get(0).framesStalled() > 0);
        final SimStats.Connection conn = sim.stats().connectionDetails().get(0);
        assertThat(conn.open()).isTrue();
        assertThat(sim.stats().faults().stalls()).isPositive();
        Await.until("the client has what was sent", WAIT, () -> c.count() >= conn.framesSent());
        assertThat(c.isClosed()).isFalse();
    }
}
