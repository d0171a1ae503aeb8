package com.tradingstation.app;

import com.tradingstation.json.JsonReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class RunCommandTest extends CommandTestBase
{
    /** A private redis-server of the size the tests need, and no /metrics port. */
    private static final String QUIET = "station.redis.maxmemory=256mb\nstation.http.port=-1\n";

    @TempDir
    Path dir;

    private Path properties(final String name, final String text) throws IOException
    {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path session() throws IOException
    {
        final Path file = dir.resolve("s.gz");
        assertThat(run("synth", "--symbols", "5", "--duration", "20", "-o", file.toString())).isZero();
        out.getBuffer().setLength(0);
        return file;
    }

    @Test
    void runsConfiguredSourcesIntoAPrivateRedisAndPrintsFinalStats() throws IOException
    {
        final Path file = session();
        final Path config = properties("station.properties", "station.sources=" + file + "\n" + QUIET +
            "station.status.intervalMs=100\nstation.sink.bookLevels=5\n");
        assertThat(run("run", "--config", config.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("station final:", "HFT OrderBook:", "\"state\":\"finished\"",
            "\"instruments\":5", "\"drops\":0", "\"errors\":0");
        assertThat(err.toString()).contains("private redis-server");
    }

    @Test
    void eachFlagDefaultsToItsConfigKeyWhereverConfigStandsAndTheFlagWins() throws IOException
    {
        final Path file = session();
        final Path config = properties("p.properties", "station.redis.maxmemory=256mb\nstation.http.port=70000\n");
        assertThat(run("run", file.toString(), "--config", config.toString())).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().trim()).hasLineCount(1)
            .contains("station.http.port (--http-port) must be -1..65535, got 70000");
        final Path off = properties("off.properties", QUIET);
        assertThat(run("run", file.toString(), "--config", off.toString())).as(err.toString()).isZero();
        assertThat(err.toString()).doesNotContain("/metrics");
        assertThat(run("run", "--http-port", "0", file.toString(), "--config", off.toString())).as(err.toString())
            .isZero();
        assertThat(err.toString()).contains("/metrics and /status on http://127.0.0.1:");
    }

    @Test
    void configErrorsAreOneLineUsageErrors() throws IOException
    {
        final Path file = session();
        final Path unknown = properties("u.properties", "station.sauce=1\n");
        assertThat(run("run", "--config", unknown.toString(), file.toString())).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString()).contains("unknown key 'station.sauce'");
        final Path bad = properties("b.properties", "station.http.port=eighty\n");
        assertThat(run("run", "--config", bad.toString(), file.toString())).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString()).contains("station.http.port is not a number");
        final Path empty = properties("e.properties", "");
        assertThat(run("run", "--config", empty.toString())).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString()).contains("no sources");
        assertThat(err.toString()).doesNotContain("\tat ");
    }

    @Test
    void withAStationHomeTheRunKeepsTradingDayKpiSamples() throws IOException
    {
        final Path file = session();
        final long lines;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8)))
        {
            lines = r.lines().count();
        }
        final Path home = Files.createDirectories(dir.resolve("home"));
        final Path days = home.resolve(StationHome.KPI_DAYS);
        // About 4 s of replay: samples at 1 s, 2 s and 3 s.
        assertThat(run("run", "--config", properties("k.properties", QUIET).toString(), "--home", home.toString(),
            "--kpi-interval", "1", "--rate", String.valueOf(Math.max(1, lines / 4)), file.toString()))
            .as(err.toString()).isZero();
        assertThat(err.toString()).contains("station: kpi: sampling Redis every 1 s into " + days)
            .containsPattern("station: kpi: [1-9]\\d* sample\\(s\\) written, 0 failed");
        final List<String> samples = new ArrayList<>();
        try (Stream<Path> files = Files.list(days))
        {
            for (final Path f : files.toList())
            {
                samples.addAll(Files.readAllLines(f));
            }
        }
        assertThat(samples).isNotEmpty().allSatisfy(l -> assertThat(JsonReader.parseObject(l).get("p99_us"))
            .isInstanceOf(Double.class));
    }

    @Test
    void unreachableRedisIsExitThree() throws IOException
    {
        final Path file = session();
        final Path quiet = properties("e.properties", QUIET);
        assertThat(run("run", "--config", quiet.toString(), "--redis", "redis://127.0.0.1:1", file.toString()))
            .isEqualTo(StationMain.EXIT_UNAVAILABLE);
    }
}
