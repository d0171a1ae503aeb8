package com.tradingstation.app;

import com.tradingstation.json.JsonReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class TailCommandTest extends RedisCommandTestBase
{
    private static final String[] FAST = {"--samples", "300", "--rate", "2000"};
    private static final List<String> CONTRACT = List.of("startedAt", "finishedAt", "classCounts", "events");

    @TempDir
    Path dir;

    private Path home() throws IOException
    {
        return Files.createDirectories(dir.resolve("home-" + System.nanoTime()));
    }

    private Path file(final String name, final String text) throws IOException
    {
        final Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private Path config() throws IOException
    {
        return file("station-" + System.nanoTime() + ".properties", "station.http.port=-1\n");
    }

    private static void assertContract(final Map<String, Object> json)
    {
        assertThat(json).containsKeys(CONTRACT.toArray(new String[0]));
        assertThat(java.time.Instant.parse((String)json.get("startedAt")))
            .isBeforeOrEqualTo(java.time.Instant.parse((String)json.get("finishedAt")));
        @SuppressWarnings("unchecked")
        final Map<String, Object> counts = (Map<String, Object>)json.get("classCounts");
        assertThat(counts).containsOnlyKeys("SCHED", "IRQ", "ALLOC", "UNKNOWN");
        counts.values().forEach(v -> assertThat((Double)v).isNotNegative().isEqualTo(Math.rint((Double)v)));
        assertThat((Double)json.get("events")).isNotNegative();
    }

    @Test
    void helpNamesTheOptionsAndTheExitCodes()
    {
        assertThat(run("tail", "--help")).isZero();
        assertThat(out.toString()).contains("--duration", "--samples", "--rate", "--cpu", "--thresholds", "--worst",
            "--output", "--json", "--redis", "--home", "Exit: 0 done; 1 tail events over the budget");
    }

    @Test
    void jsonRunWritesTheStateFileAndItsDatedCopyWithTheContractKeys() throws Exception
    {
        final Path home = home();
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/tail-thresholds.env"),
            "TAIL_THRESHOLD_US=1000000\nTAIL_MAX_EVENTS_PER_10K=-1\n");
        assertThat(run(args("tail", "--json", FAST, "--worst", "5", "--redis", redis().uri(), "--home", home,
            "--config", config()))).as(err.toString()).isZero();
        final Map<String, Object> json = JsonReader.parseObject(out.toString().trim());
        assertContract(json);
        assertThat(json.get("events")).isEqualTo(0.0);
        assertThat(JsonReader.at(json, "settings.rate")).isEqualTo(2000.0);
        assertThat(JsonReader.at(json, "settings.samples")).isEqualTo(300.0);
        assertThat(JsonReader.at(json, "settings.thresholdUs")).isEqualTo(1_000_000.0);
        assertThat(JsonReader.at(json, "settings.thresholdsSource"))
            .isEqualTo(home.resolve("config/tail-thresholds.env").toString());
        assertThat(JsonReader.at(json, "settings.redis")).isEqualTo("127.0.0.1:" + redis().port());
        assertThat(JsonReader.at(json, "settings.worst")).isEqualTo(5.0);
        assertThat(JsonReader.at(json, "budget.exceeded")).isEqualTo(false);
        for (final String p : new String[] {"p50Us", "p99Us", "p999Us", "maxUs", "tailSpanUs"})
        {
            assertThat((Double)JsonReader.at(json, "percentiles." + p)).as(p).isNotNegative();
        }
        assertThat(json.get("worstEvents")).isEqualTo(List.of());

        final Path state = home.resolve("state/tail-run.json");
        assertContract(JsonReader.parseObject(Files.readString(state)));
        try (Stream<Path> runs = Files.list(home.resolve("state/tail-runs")))
        {
            final List<Path> copies = runs.toList();
            assertThat(copies).singleElement().satisfies(p ->
                assertThat(p.getFileName().toString()).matches("tail-run-\\d{8}-\\d{6}Z\\.json"));
            assertThat(Files.readString(copies.get(0))).isEqualTo(Files.readString(state));
        }
    }

    @Test
    void textRunOverItsBudgetExitsOneAndListsTheWorstEventsWithEvidence() throws Exception
    {
        final Path thresholds = file("tail.env", "TAIL_THRESHOLD_US=0.001\nTAIL_MAX_EVENTS_PER_10K=0\n");
        final Path output = dir.resolve("elsewhere/run.json");
        assertThat(run(args("tail", FAST, "--worst", "2", "--thresholds", thresholds, "--output", output,
            "--redis", redis().uri(), "--config", config()))).as(err.toString()).isEqualTo(1);
        assertThat(out.toString()).contains("tail events 300", "budget 0: EXCEEDED", "worst:", "written to " + output);
        assertThat(err.toString()).contains("station tail: 300 tail events in 300 samples").doesNotContain("\tat ");
        final Map<String, Object> json = JsonReader.parseObject(Files.readString(output));
        assertContract(json);
        assertThat(json.get("events")).isEqualTo(300.0);
        assertThat((List<?>)json.get("worstEvents")).hasSize(2).allSatisfy(e ->
        {
            assertThat(JsonReader.at(asMap(e), "latencyUs")).isNotNull();
            assertThat((List<?>)asMap(e).get("classes")).isNotEmpty();
            assertThat((List<?>)asMap(e).get("evidence")).isNotEmpty();
        });
        assertThat(Files.exists(dir.resolve("elsewhere/tail-runs"))).as("--output writes only the file").isFalse();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(final Object o)
    {
        return (Map<String, Object>)o;
    }

    @Test
    void usageErrorsAreExitTwoOnOneLine() throws Exception
    {
        final Path home = home();
        for (final String[] bad : new String[][] {
            {"--rate", "0"}, {"--duration", "soon"}, {"--samples", "0"}, {"--worst", "-1"},
            {"--thresholds", file("bad.env", "TAIL_LIMIT=3\n").toString()},
            {"--thresholds", dir.resolve("missing.env").toString()}})
        {
            assertThat(run(args("tail", bad, "--redis", redis().uri(), "--home", home, "--config", config())))
                .as(String.join(" ", bad)).isEqualTo(2);
            assertThat(err.toString().lines().filter(l -> !l.isBlank()).toList()).as(err.toString())
                .hasSizeBetween(1, 2).allSatisfy(l -> assertThat(l).startsWith("station tail").doesNotContain("\tat "));
        }
        assertThat(run(args("tail", "--thresholds", dir.resolve("bad.env"), "--redis", redis().uri(), "--home", home,
            "--config", config()))).isEqualTo(2);
        assertThat(err.toString()).contains("unknown key 'TAIL_LIMIT'");
    }

    @Test
    void anUnreachableRedisIsExitThreeWithAJsonAnswer() throws Exception
    {
        assertThat(run(args("tail", "--json", FAST, "--redis", "redis://127.0.0.1:1", "--home", home(), "--config",
            config()))).isEqualTo(3);
        final Map<String, Object> json = JsonReader.parseObject(out.toString().trim());
        assertThat(json).containsEntry("reachable", false).containsEntry("failure", "UNREACHABLE");
        assertThat(err.toString().trim()).startsWith("station tail: ").doesNotContain("\n");
    }
}
