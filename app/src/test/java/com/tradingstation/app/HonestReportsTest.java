package com.tradingstation.app;

import com.tradingstation.redis.ManagedRedis;
import com.tradingstation.redis.RedisConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs that must not say "clean": a book that never goes live, junk symbols, symbols outside the
 * allow-list; and the one-line reasons a new user gets for missing files.
 */
class HonestReportsTest extends CommandTestBase
{
    @TempDir
    Path dir;

    private static final String DIFF_10_12 = "{\"stream\":\"btcusdt@depth\",\"data\":{\"e\":\"depthUpdate\",\"E\":1," +
        "\"s\":\"BTCUSDT\",\"U\":10,\"u\":12,\"b\":[[\"100.5\",\"1\"]],\"a\":[[\"101\",\"2\"]]}}";
    private static final String SNAPSHOT = "{\"lastUpdateId\":11,\"bids\":[[\"100.4\",\"3\"]],\"asks\":[[\"101\"," +
        "\"1\"]]}";
    private static final String ETH_DIFF = DIFF_10_12.replace("BTCUSDT", "ETHUSDT").replace("btcusdt", "ethusdt");
    private static final String ETH_SNAPSHOT = "{\"lastUpdateId\":11,\"symbol\":\"ETHUSDT\",\"pair\":\"ETHUSD\"," +
        "\"bids\":[[\"100.4\",\"3\"]],\"asks\":[[\"101\",\"1\"]]}";

    private Path write(final String name, final String... lines) throws IOException
    {
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.length; i++)
        {
            b.append(i + 1).append(' ').append(lines[i]).append('\n');
        }
        return Files.writeString(dir.resolve(name), b.toString());
    }

    @Test
    void replayOfASessionWithoutSnapshotIsNotClean() throws IOException
    {
        final Path f = write("nosnap.txt", DIFF_10_12);
        assertThat(run("replay", f.toString())).isEqualTo(StationMain.EXIT_PROBLEMS);
        assertThat(out.toString()).contains("AWAITING_SNAPSHOT", "NOT CLEAN").doesNotContain("clean: ");
        assertThat(err.toString()).contains("binance-spot:BTCUSDT ended AWAITING_SNAPSHOT: no depth snapshot arrived");

        assertThat(run("replay", "--json", f.toString())).isEqualTo(StationMain.EXIT_PROBLEMS);
        assertThat(out.toString()).contains("\"state\":\"AWAITING_SNAPSHOT\"", "\"clean\":false", "\"problems\":[\"");

        final Path good = write("good.txt", DIFF_10_12, SNAPSHOT);
        assertThat(run("replay", "--json", good.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"state\":\"LIVE\"", "\"notLiveReason\":null", "\"clean\":true",
            "\"problems\":[]");
    }

    @Test
    void runOfASessionWithoutSnapshotExitsOneAndSaysWhy() throws IOException
    {
        final Path f = write("nosnap.txt", DIFF_10_12);
        try (ManagedRedis redis = ManagedRedis.builder().maxmemory("64mb").start())
        {
            final int code = run("run", "--http-port", "-1", "--redis", redis.endpoint().toString(), f.toString());
            assertThat(code).as(err.toString()).isEqualTo(StationMain.EXIT_PROBLEMS);
            assertThat(err.toString()).contains("station run: binance-spot:BTCUSDT ended AWAITING_SNAPSHOT");
            assertThat(out.toString()).contains("binance-spot:BTCUSDT AWAITING_SNAPSHOT");
            // A clean finish reports the sink as closed cleanly, not as a lost connection.
            assertThat(out.toString()).contains("\"state\":\"closed\"", "\"connected\":true", "\"lastError\":\"\"");
        }
    }

    @Test
    void symbolsAllowListOnReplayAndRun() throws Exception
    {
        final Path f = write("two.txt", DIFF_10_12, SNAPSHOT.replace("{\"lastUpdateId\"",
            "{\"symbol\":\"BTCUSDT\",\"lastUpdateId\""), ETH_DIFF, ETH_SNAPSHOT.replace(",\"pair\":\"ETHUSD\"", ""));
        assertThat(run("replay", "--json", f.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"symbol\":\"BTCUSDT\"", "\"symbol\":\"ETHUSDT\"");

        assertThat(run("replay", "--symbols", "btcusdt", "--json", f.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"symbol\":\"BTCUSDT\"", "\"unlisted\":2").doesNotContain("ETHUSDT");

        assertThat(run("replay", "--symbols", "binance-usdm:BTCUSDT", f.toString()))
            .isEqualTo(StationMain.EXIT_PROBLEMS);
        assertThat(err.toString()).contains("no instrument reached the books");

        assertThat(run("replay", "--symbols", "BTC}USDT", f.toString())).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().trim()).hasLineCount(1).contains("not a venue symbol");

        try (ManagedRedis redis = ManagedRedis.builder().maxmemory("64mb").start())
        {
            assertThat(run("run", "--http-port", "-1", "--redis", redis.endpoint().toString(), "--symbols", "ETHUSDT",
                f.toString())).as(err.toString()).isZero();
            try (Jedis j = RedisConnector.connect(redis.endpoint()))
            {
                assertThat(j.keys("*BTCUSDT*")).isEmpty();
                assertThat(j.keys("*ETHUSDT*")).isNotEmpty();
            }
        }
    }

    @Test
    void junkSymbolsNeverBecomeRedisKeys() throws Exception
    {
        final String longSymbol = "X".repeat(100_000);
        final Path f = write("junk.txt", DIFF_10_12, SNAPSHOT,
            DIFF_10_12.replace("BTCUSDT", "BTCUSDT}:x{"), DIFF_10_12.replace("BTCUSDT", "btcusdt"),
            DIFF_10_12.replace("BTCUSDT", ""), DIFF_10_12.replace("BTCUSDT", longSymbol));
        try (ManagedRedis redis = ManagedRedis.builder().maxmemory("64mb").start())
        {
            final int code = run("run", "--http-port", "-1", "--redis", redis.endpoint().toString(), f.toString());
            assertThat(code).isEqualTo(StationMain.EXIT_PROBLEMS);
            assertThat(err.toString()).contains("4 malformed message(s)", "bad-symbol=4");
            try (Jedis j = RedisConnector.connect(redis.endpoint()))
            {
                assertThat(j.keys("*")).allSatisfy(k -> assertThat(k).doesNotContain("btcusdt", "}:x{", "XXXX")
                    .hasSizeLessThan(64));
                assertThat(j.keys("*BTCUSDT*")).isNotEmpty();
            }
        }
    }

    @Test
    void missingFilesSayWhy()
    {
        assertThat(run("run", "--config", dir.resolve("missing.properties").toString()))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().trim()).hasLineCount(1).contains("missing.properties", "no such file");

        assertThat(run("run", dir.resolve("missing.gz").toString())).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().trim()).hasLineCount(1).contains("missing.gz", "no such file");

        assertThat(run("run", dir.toString())).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().trim()).hasLineCount(1).contains("a directory");

        final String target = dir.resolve("missing-dir").resolve("x.gz").toString();
        assertThat(run("synth", "-o", target)).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().trim()).hasLineCount(1).contains("cannot write", "missing-dir", "does not exist");
    }
}
