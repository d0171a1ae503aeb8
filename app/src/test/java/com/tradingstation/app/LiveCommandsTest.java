package com.tradingstation.app;

import com.tradingstation.core.instrument.Venue;
import com.tradingstation.feed.synth.SyntheticSession;
import com.tradingstation.sim.ExchangeSimulator;
import com.tradingstation.sim.SimConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code station run --live} and {@code station record} as a user runs them, against the simulator:
 * the JSON report, the recorded files, exit codes and one-line errors.
 */
class LiveCommandsTest extends CommandTestBase
{
    @TempDir
    Path dir;

    private ExchangeSimulator sim() throws Exception
    {
        final Path file = dir.resolve("s.jsonl");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            new SyntheticSession(Venue.BINANCE_USDM, 2, 20, 20, 42).write(w, 3);
        }
        final ExchangeSimulator sim = new ExchangeSimulator(SimConfig.builder()
            .capture(Venue.BINANCE_USDM, List.of(file))
            .speed(1).seed(1).pingIntervalMs(500).build());
        sim.start();
        return sim;
    }

    @Test
    void runLiveJsonReportsEverySymbolLiveWithItsVenueAndConnections() throws Exception
    {
        try (ExchangeSimulator sim = sim())
        {
            final int code = run("run", "--live", "--symbols", "binance-usdm:S0000USDT,binance-usdm:S0001USDT",
                "--ws-url", "binance-usdm=" + sim.wsBaseUrl(), "--rest-url", "binance-usdm=" + sim.restBaseUrl(),
                "--duration", "6", "--json", "--http-port", "-1");
            assertThat(code).as(err.toString()).isZero();
            assertThat(sim.isFinished()).isTrue();
            final String json = out.toString();
            assertThat(json).contains("\"mode\":\"live\"", "\"symbol\":\"S0000USDT\",\"state\":\"LIVE\"",
                "\"symbol\":\"S0001USDT\",\"state\":\"LIVE\"", "\"binance-usdm\":{\"connections\":2",
                "\"path\":\"/public/stream\"", "\"path\":\"/market/stream\"", "\"feedLatencyUs\"", "\"clean\":true");
            assertThat(err.toString()).contains("live: 2 instrument(s) on 2 connection(s)");
        }
    }

    @Test
    void recordWritesFilesThatReplayClean() throws Exception
    {
        try (ExchangeSimulator sim = sim())
        {
            final Path outDir = dir.resolve("rec");
            final int code = run("record", "--symbols", "binance-usdm:S0000USDT,binance-usdm:S0001USDT",
                "--ws-url", "binance-usdm=" + sim.wsBaseUrl(), "--rest-url", "binance-usdm=" + sim.restBaseUrl(),
                "--duration", "6", "--out", outDir.toString());
            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains("station record:", ".jsonl.gz");
            final List<Path> files;
            try (var s = Files.list(outDir))
            {
                files = s.sorted().toList();
            }
            assertThat(files).isNotEmpty();
            out.getBuffer().setLength(0);
            final String[] args = new String[files.size() + 2];
            args[0] = "replay";
            args[1] = "--json";
            for (int i = 0; i < files.size(); i++)
            {
                args[i + 2] = files.get(i).toString();
            }
            assertThat(run(args)).as(out + " " + err).isZero();
            assertThat(out.toString()).contains("\"clean\":true", "S0000USDT", "S0001USDT");
        }
    }

    @Test
    void liveUsageErrorsAreOneLine()
    {
        assertThat(run("run", "--live")).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString()).contains("no symbols");
        err.getBuffer().setLength(0);
        assertThat(run("run", "--live", "--symbols", "nasdaq:AAPL")).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().lines().count()).isEqualTo(1);
        err.getBuffer().setLength(0);
        assertThat(run("record", "--symbols", "binance-spot:BTCUSDT", "--out", dir.toString(),
            "--ws-url", "binance-spot=http://x")).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString()).contains("ws://");
        err.getBuffer().setLength(0);
        assertThat(run("run", "--live", "--symbols", "binance-spot:BTCUSDT", "--rest-url",
            "binance-spot=http://127.0.0.1:1")).isEqualTo(StationMain.EXIT_UNAVAILABLE);
        assertThat(err.toString()).contains("venue unavailable");
        assertThat(run("record", "--help")).isZero();
        assertThat(out.toString()).contains("--rotate-mb", "--symbols", "--ws-url");
    }
}
