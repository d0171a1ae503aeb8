package com.tradingstation.ops.tail;

import com.tradingstation.ops.ThreadProbe;
import com.tradingstation.redis.ManagedRedis;
import com.tradingstation.redis.RedisConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.util.SafeEncoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The sampler against a private redis-server, with the two causes provoked for real. */
class TailSamplerTest
{
    private static ManagedRedis redis;

    @BeforeAll
    static void start()
    {
        // DEBUG SLEEP, the Redis-side stall, needs the debug command (Redis 7 refuses it by default).
        redis = ManagedRedis.builder().maxmemory("64mb").extraArgs("--enable-debug-command", "local").start();
    }

    @AfterAll
    static void stop()
    {
        redis.close();
    }

    private static boolean hasEvidence(final TailReport r, final TailClass c, final String prefix)
    {
        return r.worst().stream().anyMatch(e -> e.classes().contains(c)
            && e.evidence().stream().anyMatch(ev -> ev.cause() == c && ev.text().startsWith(prefix)));
    }

    @Test
    void aQuietRunCountsNothingAndKeepsItsPercentilesInOrder() throws Exception
    {
        final TailReport r = TailSampler.run(redis.endpoint(), TailSettings.of(2000, 1000L, null, -1, 5),
            new TailThresholds(1_000_000, 10), "test", TailSampler.NO_PROGRESS);
        assertThat(r.latency().samples()).isEqualTo(1000);
        assertThat(r.events()).isZero();
        assertThat(r.classCounts()).containsOnlyKeys(TailClass.values()).allSatisfy((k, v) -> assertThat(v).isZero());
        assertThat(r.latency().p50Us()).isPositive().isLessThanOrEqualTo(r.latency().p99Us());
        assertThat(r.latency().p99Us()).isLessThanOrEqualTo(r.latency().p999Us());
        assertThat(r.tailSpanUs()).isGreaterThanOrEqualTo(0);
        assertThat(r.finishedAt()).isAfterOrEqualTo(r.startedAt());
        assertThat(r.captures()).as("the refresh every 250 ms").isPositive();
        assertThat(r.overBudget()).isFalse();
    }

    @Test
    void everySampleOverAThresholdBelowTheFloorIsAnEventAndOverTheBudget() throws Exception
    {
        final TailReport r = TailSampler.run(redis.endpoint(), TailSettings.of(1000, 200L, null, -1, 3),
            new TailThresholds(0.001, 0), "test", TailSampler.NO_PROGRESS);
        assertThat(r.events()).isEqualTo(200);
        assertThat(r.worst()).hasSize(3);
        assertThat(r.worst().get(0).latencyNs()).isGreaterThanOrEqualTo(r.worst().get(2).latencyNs());
        final long counted = r.classCounts().values().stream().mapToLong(Long::longValue).sum();
        assertThat(counted).as("each event in at least one class").isGreaterThanOrEqualTo(200);
        assertThat(r.overBudget()).isTrue();
    }

    @Test
    void aCpuHogOnTheMeasuringCpuIsSched() throws Exception
    {
        final int cpu = ThreadProbe.lastAllowedCpu();
        assumeTrue(cpu >= 0 && onPath("taskset"),
            "taskset is not installed or this platform has no CPU list: the SCHED test needs pinning");
        final Process hog = new ProcessBuilder("taskset", "-c", Integer.toString(cpu), "sh", "-c",
            "while :; do :; done").redirectErrorStream(true).start();
        try
        {
            awaitRunning(hog);
            final TailReport r = TailSampler.run(redis.endpoint(), TailSettings.of(1000, 2000L, null, cpu, 10_000),
                new TailThresholds(500, -1), "test", TailSampler.NO_PROGRESS);
            assumeTrue(r.pin().pinned(), "could not pin the measuring thread: " + r.pin().message());
            assertThat(r.classCounts().get(TailClass.SCHED)).as(r.toText()).isPositive();
            assertThat(hasEvidence(r, TailClass.SCHED, "descheduled across the sample")).as(r.toText()).isTrue();
        }
        finally
        {
            hog.destroyForcibly();
            hog.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRedisSideStallIsAllocWithTheLatencyEvent() throws Exception
    {
        final Semaphore reports = new Semaphore(0);
        final FutureTask<TailReport> run = new FutureTask<>(() -> TailSampler.run(redis.endpoint(),
            TailSettings.of(1000, 4000L, null, -1, 10_000), new TailThresholds(25_000, -1), "test",
            (done, total, events) -> reports.release()));
        final Thread t = new Thread(run, "tail-test-run");
        t.start();
        try (Jedis other = RedisConnector.connect(redis.endpoint()))
        {
            final ProtocolCommand debug = () -> SafeEncoder.encode("DEBUG");
            // Distinct durations, so LATENCY LATEST shows each as new even within one second; each
            // after two more progress reports (half a second of sampling), so each stalls samples.
            for (final String seconds : new String[] {"0.05", "0.06", "0.07"})
            {
                reports.drainPermits();
                assertThat(reports.tryAcquire(2, 30, TimeUnit.SECONDS)).as("sampling goes on").isTrue();
                other.sendCommand(debug, "SLEEP", seconds);
            }
        }
        final TailReport r = run.get(60, TimeUnit.SECONDS);
        assertThat(r.classCounts().get(TailClass.ALLOC)).as(r.toText()).isPositive();
        assertThat(hasEvidence(r, TailClass.ALLOC, "redis latency event: command")).as(r.toText()).isTrue();
        assertThat(r.worst().stream().filter(e -> e.classes().contains(TailClass.ALLOC))
            .mapToLong(TailEvent::latencyNs).max().orElse(0)).as(r.toText()).isGreaterThanOrEqualTo(40_000_000L);
    }

    private static boolean onPath(final String tool)
    {
        for (final String d : System.getenv().getOrDefault("PATH", "").split(":"))
        {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool)))
            {
                return true;
            }
        }
        return false;
    }

    /** Waits until the hog has used CPU time (utime in /proc/PID/stat), polling. */
    private static void awaitRunning(final Process hog) throws IOException, InterruptedException
    {
        final Path stat = Path.of("/proc/" + hog.pid() + "/stat");
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline)
        {
            assertThat(hog.isAlive()).as("the hog runs").isTrue();
            final String s = Files.readString(stat, StandardCharsets.US_ASCII);
            final String[] f = s.substring(s.lastIndexOf(')') + 2).trim().split("\\s+");
            if (Long.parseLong(f[14 - 3]) > 0)
            {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the CPU hog did not start within 10 s");
    }
}
