package com.tradingstation.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class SynthCommandTest extends CommandTestBase
{
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"binance-spot", "binance-usdm", "binance-coinm"})
    void synthesizedSessionsReplayCleanWithFullTickerAgreement(final String venue)
    {
        final Path file = dir.resolve(venue + ".gz");
        assertThat(run("synth", "--venue", venue, "--symbols", "20", "--duration", "30", "--rate", "10",
            "--seed", "7", "--out", file.toString())).as(err.toString()).isZero();
        assertThat(run("replay", "--json", file.toString())).as(err.toString() + out).isZero();
        final String json = out.toString();
        assertThat(json).contains("\"clean\":true");
        assertThat(count(json, "\"venue\":\"" + venue + "\"")).isEqualTo(20);
        assertThat(count(json, "\"gaps\":0,")).isEqualTo(20);
        assertThat(count(json, "\"crossed\":0,")).isEqualTo(20);
        assertThat(count(json, "\"state\":\"LIVE\"")).isEqualTo(20);
        final Matcher m = Pattern.compile("\"tickerChecks\":(\\d+),\"tickerAgree\":(\\d+)").matcher(json);
        int symbols = 0;
        while (m.find())
        {
            symbols++;
            assertThat(Long.parseLong(m.group(1))).isPositive().isEqualTo(Long.parseLong(m.group(2)));
        }
        assertThat(symbols).isEqualTo(20);
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() throws IOException
    {
        final Path a = dir.resolve("a.txt");
        final Path b = dir.resolve("b.txt");
        final Path c = dir.resolve("c.txt");
        assertThat(run("synth", "--symbols", "3", "--duration", "5", "--seed", "1", "-o", a.toString())).isZero();
        assertThat(run("synth", "--symbols", "3", "--duration", "5", "--seed", "1", "-o", b.toString())).isZero();
        assertThat(run("synth", "--symbols", "3", "--duration", "5", "--seed", "2", "-o", c.toString())).isZero();
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readAllBytes(a)).isNotEqualTo(Files.readAllBytes(c));
    }

    @Test
    void badArgumentsAreUsageErrors()
    {
        assertThat(run("synth", "--venue", "nyse", "-o", dir.resolve("x").toString()))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(run("synth", "--symbols", "0", "-o", dir.resolve("x").toString())).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(run("synth", "-o", dir.resolve("no/such/dir/x.gz").toString())).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString()).contains("cannot write").doesNotContain("\tat ");
        assertThat(run("synth")).isEqualTo(StationMain.EXIT_USAGE);
    }

    private static int count(final String s, final String needle)
    {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1))
        {
            n++;
        }
        return n;
    }
}
