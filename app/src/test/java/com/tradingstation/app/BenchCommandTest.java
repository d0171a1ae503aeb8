package com.tradingstation.app;

import com.tradingstation.json.JsonReader;
import com.tradingstation.json.JsonWriter;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTest extends CommandTestBase
{
    @TempDir
    Path dir;

    /** A result file whose every round has percentiles drawn around {@code center} µs (spread 5%). */
    private Path result(final String name, final double centerUs, final long seed) throws IOException
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final JsonWriter w = new JsonWriter().beginObject().field("kind", "station-bench").field("label", name)
            .name("metrics").beginObject().name("book").beginObject().name("rounds").beginArray();
        final Histogram total = new Histogram(60_000_000_000L, 3);
        for (int r = 0; r < 10; r++)
        {
            w.beginObject().field("count", 1000);
            for (int k = 0; k < BenchResult.KEYS.length; k++)
            {
                final double v = centerUs * 1000 * (1 + k) * (1 + 0.05 * (random.nextDouble() - 0.5));
                w.field(BenchResult.KEYS[k], v);
                total.recordValue((long)v);
            }
            w.endObject();
        }
        w.endArray().field("histogram", BenchResult.encode(total)).endObject().endObject().endObject();
        return Files.writeString(dir.resolve(name + ".json"), w.toString());
    }

    @Test
    void measuresEveryStepFromThePlannedSendAndKeepsTheSettings() throws IOException
    {
        final Path file = dir.resolve("r.json");
        assertThat(run("bench", "--rate", "2000", "--rounds", "3", "--round-seconds", "1", "--warmup-seconds", "1",
            "--symbols", "2", "--idle", "books=yielding", "-o", file.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("book ", "udp ", "redis ", "p999");
        final Map<String, Object> root = JsonReader.parseObject(Files.readString(file));
        assertThat(root).containsEntry("kind", "station-bench").containsEntry("clean", true);
        assertThat(JsonReader.at(root, "settings.idle")).isEqualTo("books=yielding,sink=backoff");
        assertThat(JsonReader.at(root, "settings.rate")).isEqualTo(2000.0);
        assertThat((String)JsonReader.at(root, "jvm.version")).isEqualTo(System.getProperty("java.version"));
        assertThat((String)JsonReader.at(root, "host.cpuModel")).isNotBlank();
        final BenchResult parsed = BenchResult.parse(Files.readString(file));
        assertThat(parsed.metrics()).containsOnlyKeys("book", "udp", "redis", "source");
        for (final String m : List.of("book", "udp", "redis", "source"))
        {
            final BenchResult.Metric metric = parsed.metrics().get(m);
            assertThat(metric.rounds()).as(m).hasNumberOfRows(3);
            assertThat(metric.histogram().getTotalCount()).as(m).isPositive();
            assertThat(metric.rounds()[0][0]).as(m + " p50 of round 1").isPositive();
            assertThat(metric.rounds()[0][0]).as(m + " p50 <= p99").isLessThanOrEqualTo(metric.rounds()[0][2]);
        }
        assertThat(parsed.metrics().get("book").rounds()[0][0]).as("a book applies after its line was handed over")
            .isGreaterThanOrEqualTo(parsed.metrics().get("source").rounds()[0][0]);
        assertThat(parsed.metrics().get("udp").rounds()[0][0]).as("a datagram leaves after its book applied")
            .isGreaterThanOrEqualTo(parsed.metrics().get("book").rounds()[0][0]);
    }

    @Test
    void twoRunsOfTheSameDistributionAreNoSignificantDifference() throws IOException
    {
        final Path plot = dir.resolve("p.png");
        assertThat(run("bench", "compare", result("a", 100, 1).toString(), result("b", 100, 2).toString(),
            "--plot", plot.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("verdict: no significant difference")
            .doesNotContain("regressed", "improved");
        final byte[] png = Files.readAllBytes(plot);
        assertThat(png.length).isGreaterThan(1000);
        assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    @Test
    void aSlowerRunIsRegressedWithExit1AndAFasterOneImproved() throws IOException
    {
        final Path base = result("base", 100, 1);
        assertThat(run("bench", "compare", base.toString(), result("slow", 125, 3).toString(), "--plot", "none",
            "--json")).isEqualTo(StationMain.EXIT_PROBLEMS);
        final Map<String, Object> json = JsonReader.parseObject(out.toString().trim());
        assertThat(json).containsEntry("verdict", "regressed");
        @SuppressWarnings("unchecked")
        final Map<String, Object> p50 = (Map<String, Object>)((List<Object>)json.get("rows")).get(0);
        assertThat(p50).containsEntry("percentile", "p50").containsEntry("verdict", "regressed");
        assertThat((Double)p50.get("p")).isLessThan(0.01);
        assertThat((Double)p50.get("diffPct")).isBetween(20.0, 30.0);
        assertThat((Double)p50.get("ciLowPct")).isPositive();
        out.getBuffer().setLength(0);
        assertThat(run("bench", "compare", base.toString(), result("fast", 75, 4).toString(), "--plot", "none"))
            .isZero();
        assertThat(out.toString()).contains("verdict: improved");
    }

    @Test
    void aDifferenceBelowTheMarginIsNotCalled() throws IOException
    {
        assertThat(run("bench", "compare", result("a", 100, 1).toString(), result("b", 104, 5).toString(),
            "--plot", "none")).isZero();
        assertThat(out.toString()).contains("verdict: no significant difference");
    }

    @Test
    void unreadableResultsAreOneLineUsageErrors() throws IOException
    {
        assertThat(run("bench", "compare", dir.resolve("none.json").toString(), result("a", 1, 1).toString()))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().trim()).hasLineCount(1).contains("no such file");
        err.getBuffer().setLength(0);
        final Path other = Files.writeString(dir.resolve("x.json"), "{\"kind\":\"other\"}");
        assertThat(run("bench", "compare", other.toString(), other.toString())).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().trim()).hasLineCount(1).contains("not a station bench result");
    }
}
