package com.tradingstation.app;

import com.tradingstation.core.counters.CountersFile;
import com.tradingstation.json.JsonReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code station stat} and {@code /metrics} against a real {@code station run} in its own JVM: a
 * generated capture replayed at a slow rate into a private Redis, its counters read from this process
 * through the counters file, and its metrics scraped over HTTP.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatCommandTest extends CommandTestBase
{
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Pattern PORT = Pattern.compile("/metrics and /status on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    static Path home;
    private static StationProcess.Running station;
    private static int httpPort;

    @BeforeAll
    static void startStation() throws IOException
    {
        final Path capture = home.resolve("session.gz");
        final CommandLine synth = StationMain.commandLine();
        synth.setOut(new PrintWriter(new StringWriter()));
        assertThat(synth.execute("synth", "--symbols", "3", "--duration", "120", "-o", capture.toString())).isZero();
        final Path config = Files.writeString(home.resolve("station.properties"),
            "station.redis.maxmemory=256mb\nstation.http.port=0\nstation.status.intervalMs=500\n");
        station = StationProcess.start(Map.of(StationHome.ENV, home.toString()), home,
            "run", "--config", config.toString(), "--rate", "100", capture.toString());
        // The port line comes first, then the counters line.
        final String countersLine = "station: counters " + home.resolve(CountersLocation.RELATIVE) + " (station stat)";
        await("the counters line", () -> station.err().toString(), e -> e.contains(countersLine));
        final Matcher m = PORT.matcher(station.err());
        assertThat(m.find()).as(station.err().toString()).isTrue();
        httpPort = Integer.parseInt(m.group(1));
    }

    @AfterAll
    static void stopStation()
    {
        if (station != null)
        {
            station.close();
        }
    }

    @Test
    @Order(1)
    void statReadsTheRunningStationsCountersAndTheyMove()
    {
        // Instruments register as the capture reaches their first message: wait for all three.
        final Map<String, Long> first = await("a stat snapshot with events and every instrument", this::statJson,
            s -> s.getOrDefault("events", 0L) > 0 && s.getOrDefault("instruments", 0L) >= 3);
        assertThat(first).containsKeys("events", "book updates", "ring full waits", "instruments", "sink writes",
            "sink flushes", "sink errors", "sink connected (0/1)", "sink lag bytes");
        assertThat(first.get("instruments")).isEqualTo(3);
        await("events and sink writes to move", this::statJson,
            s -> s.get("events") > first.get("events") && s.get("sink writes") > first.get("sink writes"));

        assertThat(run("stat", "--home", home.toString(), "--count", "2", "--interval-ms", "10"))
            .as(err.toString()).isZero();
        assertThat(out.toString().split(" - events\n", -1)).as(out.toString()).hasSize(3);
        assertThat(out.toString()).contains("station pid " + station.process().pid(), " - sink writes");
    }

    @Test
    @Order(2)
    void metricsAreScrapedFromTheSameCountersWithJvmMetricsAndStatusOnTheSameServer() throws Exception
    {
        final HttpClient client = HttpClient.newHttpClient();
        final Map<String, Double> first = await("a scrape with events", () -> scrape(client),
            m -> m.getOrDefault("station_events_total", 0.0) > 0);
        assertThat(first).containsKeys("station_book_updates_total", "station_ring_full_waits_total",
            "station_instruments",
            "station_sink_writes_total", "station_sink_flushes_total", "station_sink_drops_total",
            "station_sink_errors_total", "station_sink_connected", "station_sink_lag_bytes");
        assertThat(first.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes{"));
        assertThat(first.get("station_sink_connected")).isEqualTo(1.0);
        await("station_events_total and station_sink_writes_total to move", () -> scrape(client),
            m -> m.get("station_events_total") > first.get("station_events_total") &&
                m.get("station_sink_writes_total") > first.get("station_sink_writes_total"));

        final HttpResponse<String> status = client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + httpPort + "/status")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).isEqualTo(200);
        final Map<String, Object> json = JsonReader.parseObject(status.body());
        assertThat(json.get("state")).isEqualTo("running");
        assertThat(json.get("countersFile")).isEqualTo(home.resolve(CountersLocation.RELATIVE).toString());
        assertThat((Double)json.get("events")).isPositive();
        assertThat(JsonReader.at(json, "sink.connected")).isEqualTo(true);
        final HttpResponse<String> missing = client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + httpPort + "/nothing")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void aStoppedStationLeavesNoCountersAndStatSaysSo() throws InterruptedException
    {
        final Path file = home.resolve(CountersLocation.RELATIVE);
        assertThat(file).exists();
        station.stop(DEADLINE);
        assertThat(file).doesNotExist();
        assertThat(run("stat", "--home", home.toString(), "--json")).isEqualTo(StationMain.EXIT_UNAVAILABLE);
        assertThat(err.toString().trim()).hasLineCount(1).contains("no running station", "does not exist");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aFileLeftByAStationThatIsNotRunningIsNoRunningStation(@TempDir final Path dir) throws Exception
    {
        final Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(gone.waitFor()).isZero();
        final Path file = dir.resolve("station.counters");
        CountersFile.create(file, 8); // not closed: closing the owner's view deletes the file
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            final ByteBuffer pid = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, gone.pid());
            ch.write(pid, CountersFile.PID_OFFSET);
        }
        assertThat(run("stat", "--file", file.toString())).isEqualTo(StationMain.EXIT_UNAVAILABLE);
        assertThat(err.toString().trim()).hasLineCount(1)
            .contains("no running station", "pid " + gone.pid(), "not running");

        Files.writeString(file, "not counters, a text file long enough to hold a header ".repeat(4));
        assertThat(run("stat", "--file", file.toString())).isEqualTo(StationMain.EXIT_UNAVAILABLE);
        assertThat(err.toString().trim()).hasLineCount(1).contains("not a station counters file");
    }

    @Test
    void usageErrorsAreExitTwo(@TempDir final Path dir)
    {
        assertThat(run("stat", "--interval-ms", "0", "--file", dir.resolve("x").toString()))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().trim()).hasLineCount(1).contains("--interval-ms must be positive");
        assertThat(run("stat", "--home", dir.resolve("nowhere").toString())).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().trim()).hasLineCount(1).contains("is not a directory");
        assertThat(run("stat", "--bogus")).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(run("stat", "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("--interval-ms", "--json", "--home", "--file",
            "3 no running station");
    }

    private Map<String, Long> statJson()
    {
        if (run("stat", "--home", home.toString(), "--json") != 0)
        {
            return Map.of();
        }
        final Map<String, Object> json = JsonReader.parseObject(out.toString().trim());
        assertThat(json.get("pid")).isEqualTo((double)station.process().pid());
        final Map<String, Long> byLabel = new HashMap<>();
        for (final Object o : (List<?>)json.get("counters"))
        {
            final Map<?, ?> c = (Map<?, ?>)o;
            byLabel.put((String)c.get("label"), ((Double)c.get("value")).longValue());
        }
        return byLabel;
    }

    /**
     * A tiny reader of the text exposition format: sample name (with its labels) to value.
     */
    private static Map<String, Double> scrape(final HttpClient client)
    {
        try
        {
            final HttpResponse<String> res = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body())
                .contains("# TYPE station_events_total counter", "# TYPE station_sink_lag_bytes gauge");
            final Map<String, Double> samples = new HashMap<>();
            for (final String line : res.body().split("\n"))
            {
                if (!line.isBlank() && !line.startsWith("#"))
                {
                    final int space = line.lastIndexOf(' ');
                    samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
                }
            }
            return samples;
        }
        catch (final IOException ex)
        {
            return Map.of();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static <T> T await(final String what, final Supplier<T> probe, final Predicate<T> done)
    {
        final long deadline = System.nanoTime() + DEADLINE.toNanos();
        T last = null;
        while (System.nanoTime() < deadline)
        {
            if (!station.process().isAlive())
            {
                fail("the station exited (" + station.process().exitValue() + ") waiting for " + what + ": " +
                    station.err());
            }
            last = probe.get();
            if (done.test(last))
            {
                return last;
            }
            Thread.onSpinWait();
        }
        return fail("no " + what + " within " + DEADLINE + "; last " + last + "; station said: " + station.err());
    }
}
