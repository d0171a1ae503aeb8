package com.tradingstation.app;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

class ExchangeSimCommandTest extends CommandTestBase
{
    @Test
    void helpListsTheOptions()
    {
        assertThat(run("exchange-sim", "--help")).isZero();
        assertThat(out.toString()).contains("--capture").contains("--speed").contains("--drop-pct")
            .contains("--weight-limit").contains("--tls-keystore").contains("--exit-when-finished");
    }

    @Test
    void badInputIsOneLineAndExitTwo()
    {
        assertThat(run("exchange-sim", "--speed", "fast", "--synth-venue", "binance-spot"))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(run("exchange-sim", "--no-such-flag")).isEqualTo(StationMain.EXIT_USAGE);
        err.getBuffer().setLength(0);
        assertThat(run("exchange-sim", "--capture", "binance-spot=/no/such/capture.gz"))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString()).contains("/no/such/capture.gz").doesNotContain("\tat ");
        assertThat(err.toString().trim().lines().count()).isEqualTo(1);
        assertThat(run("exchange-sim", "--capture", "nasdaq=/tmp/x.gz")).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(run("exchange-sim")).as("nothing to serve").isEqualTo(StationMain.EXIT_USAGE);
    }

    @Test
    void aPortInUseIsExitThree() throws Exception
    {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")))
        {
            assertThat(run("exchange-sim", "--synth-venue", "binance-spot", "--synth-duration", "2",
                "--port", String.valueOf(taken.getLocalPort()), "--duration", "1"))
                .isEqualTo(StationMain.EXIT_UNAVAILABLE);
            assertThat(err.toString()).contains("cannot bind");
        }
    }

    @Test
    void runsForItsDurationPrintingTheLiveFlagsAndTheStats()
    {
        assertThat(run("exchange-sim", "--synth-venue", "binance-usdm", "--synth-symbols", "2", "--synth-duration", "2",
            "--duration", "0.3", "--json")).as(err.toString()).isZero();
        assertThat(err.toString()).containsPattern(
            "binance-usdm: --ws-url binance-usdm=ws://127\\.0\\.0\\.1:\\d+ --rest-url " +
            "binance-usdm=http://127\\.0\\.0\\.1:\\d+");
        assertThat(out.toString()).startsWith("{\"timeline\":{\"started\":false,").contains("\"symbol\":\"S0001USDT\"");
    }
}
