package com.tradingstation.ops;

import com.tradingstation.json.JsonReader;
import com.tradingstation.redis.ManagedRedis;
import com.tradingstation.redis.RedisEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class KpiSamplerTest
{
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path days;

    /** Every sample line of the day files, oldest day first (a run across midnight writes two files). */
    private List<String> lines()
    {
        try (Stream<Path> files = Files.list(days))
        {
            final List<String> all = new ArrayList<>();
            for (final Path f : files.sorted().toList())
            {
                all.addAll(Files.readAllLines(f));
            }
            return all;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private List<String> awaitLines(final int n, final KpiSampler s)
    {
        final long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline)
        {
            final List<String> lines = lines();
            if (lines.size() >= n)
            {
                return lines;
            }
            LockSupport.parkNanos(20_000_000L);
        }
        throw new AssertionError("fewer than " + n + " lines in " + days + " within " + DEADLINE + " (written " +
            s.written() + ", failures " + s.failures() + ")");
    }

    @Test
    void samplesP99AndMemoryIntoTheDayFileOnceAnInterval() throws IOException
    {
        final List<String> log = new CopyOnWriteArrayList<>();
        try (ManagedRedis redis = ManagedRedis.builder().maxmemory("64mb").start();
            KpiSampler s = KpiSampler.start(redis.endpoint(), days, Duration.ofSeconds(1), Clock.systemUTC(),
                r -> new Thread(r, "station-kpi"), log::add))
        {
            final List<String> lines = awaitLines(2, s);
            final Path file = KpiSampler.dayFile(days, LocalDate.ofInstant(
                Instant.parse((String)JsonReader.parseObject(lines.get(0)).get("time")), ZoneOffset.UTC));
            for (final String line : lines)
            {
                final Map<String, Object> o = JsonReader.parseObject(line);
                assertThat(o).containsEntry("schema", KpiSampler.SCHEMA)
                    .containsEntry("samples", (double)KpiSampler.SAMPLES)
                    .containsEntry("redis", "127.0.0.1:" + redis.port());
                assertThat((Double)o.get("p99_us")).isPositive();
                assertThat((Double)o.get("used_memory")).isPositive();
                assertThat((Double)o.get("used_memory_rss")).isPositive();
                assertThat(o.get("mem_fragmentation_ratio")).isInstanceOf(Double.class);
            }
            final List<KpiReport.Sample> read = KpiReport.samples(file, new ArrayList<>());
            assertThat(read).isNotEmpty();
            assertThat(read.get(0).p99Us()).isPositive();
            assertThat(Instant.parse((String)JsonReader.parseObject(lines.get(1)).get("time")))
                .isAfter(Instant.parse((String)JsonReader.parseObject(lines.get(0)).get("time")));
            assertThat(s.failures()).isZero();
            assertThat(log).isEmpty();
        }
    }

    @Test
    void anUnreachableRedisIsCountedAndToldOnceAndSamplingGoesOn()
    {
        final List<String> log = new CopyOnWriteArrayList<>();
        final KpiSampler s = KpiSampler.start(RedisEndpoint.parse("redis://127.0.0.1:1"), days,
            Duration.ofMillis(100), Clock.systemUTC(), Thread::new, log::add);
        try
        {
            final long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (s.failures() < 3 && System.nanoTime() < deadline)
            {
                LockSupport.parkNanos(10_000_000L);
            }
        }
        finally
        {
            s.close();
        }
        assertThat(s.failures()).isGreaterThanOrEqualTo(3);
        assertThat(s.written()).isZero();
        assertThat(log).singleElement().asString().startsWith("KPI sample failed").contains("127.0.0.1:1");
        assertThat(days).isEmptyDirectory();
    }
}
