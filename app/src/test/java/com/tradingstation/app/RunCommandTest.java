package com.tradingstation.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
    void unreachableRedisIsExitThree() throws IOException
    {
        final Path file = session();
        final Path quiet = properties("e.properties", QUIET);
        assertThat(run("run", "--config", quiet.toString(), "--redis", "redis://127.0.0.1:1", file.toString()))
            .isEqualTo(StationMain.EXIT_UNAVAILABLE);
    }
}
