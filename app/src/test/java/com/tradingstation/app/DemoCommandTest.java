package com.tradingstation.app;

import com.tradingstation.redis.ManagedRedis;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest extends CommandTestBase
{
    private static long number(final String json, final String field)
    {
        final Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        assertThat(m.find()).as(field + " in " + json).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void demoOnAPrivateRedisRunsCleanAndStaysInTheValueBudget()
    {
        // The suite's memory budget: every Redis a test starts has maxmemory 256mb.
        assertThat(run("demo", "--json", "--symbols", "8", "--duration", "20", "--venue", "binance-usdm",
            "--maxmemory", "256mb"))
            .as(err.toString()).isZero();
        final String json = out.toString();
        assertThat(json).contains("\"clean\":true", "\"managed\":true");
        assertThat(number(json, "symbols")).isEqualTo(8);
        assertThat(number(json, "keys")).isEqualTo(8 * 3 + 1); // three keys per instrument and the heartbeat
        assertThat(number(json, "maxValueBytes")).isPositive().isLessThanOrEqualTo(2048);
        assertThat(number(json, "usedMemoryBytes")).isPositive();
        assertThat(number(json, "drops")).isZero();
        assertThat(number(json, "errors")).isZero();
        assertThat(number(json, "writes")).isPositive();
        assertThat(number(json, "events")).isPositive();
    }

    @Test
    void demoAgainstAGivenRedisUsesIt()
    {
        try (ManagedRedis redis = ManagedRedis.builder().maxmemory("256mb").start())
        {
            assertThat(run("demo", "--json", "--symbols", "3", "--duration", "10", "--redis", redis.uri()))
                .as(err.toString()).isZero();
            assertThat(out.toString()).contains("\"managed\":false", "\"address\":\"127.0.0.1:" + redis.port() + "\"");
        }
    }

    @Test
    void unreachableRedisAndRefusedAuthAreOneLineExitThree()
    {
        assertThat(run("demo", "--redis", "redis://127.0.0.1:1")).isEqualTo(StationMain.EXIT_UNAVAILABLE);
        assertThat(err.toString().trim()).hasLineCount(1).doesNotContain("Exception");
        try (ManagedRedis redis = ManagedRedis.builder().maxmemory("256mb").extraArgs("--requirepass", "secret")
            .start())
        {
            err.getBuffer().setLength(0);
            assertThat(run("demo", "--redis", "redis://:wrong@127.0.0.1:" + redis.port()))
                .isEqualTo(StationMain.EXIT_UNAVAILABLE);
            assertThat(err.toString().trim()).hasLineCount(1).doesNotContain("wrong");
        }
        assertThat(run("demo", "--redis", "http://x")).isEqualTo(StationMain.EXIT_USAGE);
    }
}
