package com.tradingstation.ops;

import com.tradingstation.json.JsonReader;
import com.tradingstation.redis.ManagedRedis;
import com.tradingstation.redis.RedisConnector;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisFailure;
import com.tradingstation.redis.RedisUnavailableException;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonitorTest
{
    private static ManagedRedis redis;

    @BeforeAll
    static void start()
    {
        redis = ManagedRedis.builder().maxmemory("256mb").start();
    }

    @AfterAll
    static void stop()
    {
        redis.close();
    }

    @Test
    void measuresEveryOperationAndReportsAStableJsonSchema() throws Exception
    {
        final MonitorReport r = Monitor.run(redis.endpoint(), new MonitorSettings(300, 100, 100, -1));
        for (final LatencyStats s : new LatencyStats[] {r.rtt(), r.set(), r.xadd()})
        {
            assertThat(s.samples()).isEqualTo(300);
            assertThat(s.p50Us()).isPositive();
            assertThat(s.p50Us()).isLessThanOrEqualTo(s.p90Us());
            assertThat(s.p90Us()).isLessThanOrEqualTo(s.p99Us());
            assertThat(s.p99Us()).isLessThanOrEqualTo(s.p999Us());
            assertThat(s.p999Us()).isLessThanOrEqualTo(s.maxUs());
            assertThat(s.tailSpanUs()).isEqualTo(LatencyStats.round(s.p999Us() - s.p99Us()));
        }
        assertThat(r.opsPerSec()).isPositive();
        assertThat(r.server().usedMemoryBytes()).isPositive();
        assertThat(r.server().version()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(r.server().connectedClients()).isPositive();
        assertThat(r.address()).isEqualTo("127.0.0.1:" + redis.port());
        try (Jedis j = RedisConnector.connect(redis.endpoint()))
        {
            assertThat(j.exists(Monitor.SET_KEY, Monitor.STREAM_KEY)).as("probe keys removed").isZero();
        }
        final Map<String, Object> json = JsonReader.parseObject(r.toJson());
        assertThat(json).containsEntry("schema", MonitorReport.SCHEMA);
        assertThat(JsonReader.at(json, "rtt.p99")).isEqualTo(r.rtt().p99Us());
        assertThat(JsonReader.at(json, "health.ops_per_sec")).isEqualTo((double)(long)r.opsPerSec());
        for (final String path : new String[] {"rtt.p50", "rtt.p90", "rtt.p999", "rtt.max", "rtt.jitter",
            "rtt.tail_span", "set.p99", "xadd.p99", "health.used_memory_bytes", "health.mem_fragmentation_ratio",
            "health.allocator_frag_ratio", "health.allocator_rss_ratio", "health.connected_clients",
            "thread.cpu_time_ms", "thread.voluntary_ctxt_switches", "thread.nonvoluntary_ctxt_switches",
            "thread.pinned"})
        {
            assertThat(JsonReader.at(json, path)).as(path).isNotNull();
        }
        if (ThreadProbe.tid() > 0)
        {
            assertThat(r.thread().cpuTimeNs()).isPositive();
            assertThat(r.thread().voluntarySwitches()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aStallIsChargedToTheSendsItDelayedNotOnlyToItself() throws Exception
    {
        // A 20 ms busy script on the server at sample 10 of a 1 ms schedule: measured from the planned
        // send times, the ~19 sends that were due during the stall carry it too; a closed loop would
        // show a single slow sample.
        try (Jedis j = RedisConnector.connect(redis.endpoint()))
        {
            final AtomicInteger i = new AtomicInteger();
            final String busy = "local t0 = redis.call('TIME') local s = t0[1] * 1000000 + t0[2] "
                + "while true do local t = redis.call('TIME') "
                + "if t[1] * 1000000 + t[2] - s >= 20000 then return 1 end end";
            final PacedSampler.TimedOp op = () ->
            {
                if (i.getAndIncrement() == 10)
                {
                    j.eval(busy);
                }
                else
                {
                    j.ping();
                }
            };
            final Histogram h = PacedSampler.newHistogram();
            final long[] samples = new long[100];
            PacedSampler.run(op, 100, TimeUnit.MILLISECONDS.toNanos(1), h, samples);
            int delayed = 0;
            for (final long s : samples)
            {
                if (s >= TimeUnit.MILLISECONDS.toNanos(5))
                {
                    delayed++;
                }
            }
            assertThat(samples[10]).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
            assertThat(delayed).isGreaterThanOrEqualTo(14);
            assertThat(h.getTotalCount()).isEqualTo(100);
        }
    }

    @Test
    void jitterIsTheMeanAbsoluteDifferenceOfConsecutiveSamples()
    {
        assertThat(LatencyStats.jitterNs(new long[] {10, 20, 10, 20}, 4)).isEqualTo(10.0);
        assertThat(LatencyStats.jitterNs(new long[] {10, 11, 12, 13, 99}, 4)).isEqualTo(1.0);
        assertThat(LatencyStats.jitterNs(new long[] {5}, 1)).isZero();
        // A level shift costs one step, unlike a standard deviation over both levels.
        assertThat(LatencyStats.jitterNs(new long[] {10, 10, 10, 50, 50, 50}, 6)).isEqualTo(8.0);
    }

    @Test
    void pinningIsVerifiedByReadingTheThreadsAffinityBack() throws Exception
    {
        final int cpu = ThreadProbe.lastAllowedCpu();
        org.junit.jupiter.api.Assumptions.assumeTrue(cpu >= 0, "SKIPPED: no /proc/thread-self affinity (not Linux)");
        final String callerAffinity = ThreadProbe.cpusAllowed();
        final MonitorReport pinned = Monitor.run(redis.endpoint(), new MonitorSettings(20, 0, 0, cpu));
        assertThat(pinned.pin().pinned()).as(pinned.pin().message()).isTrue();
        assertThat(pinned.pin().cpusAllowed()).isEqualTo(Integer.toString(cpu));
        // The pin belongs to the measuring thread only.
        assertThat(ThreadProbe.cpusAllowed()).isEqualTo(callerAffinity);
        final MonitorReport impossible = Monitor.run(redis.endpoint(), new MonitorSettings(20, 0, 0, 4000));
        assertThat(impossible.pin().pinned()).isFalse();
        assertThat(impossible.pin().message()).startsWith("could not pin to CPU 4000");
        assertThat(impossible.toJson()).contains("\"pinned\":false");
    }

    @Test
    void unreachableAndRefusedAuthAreClassified()
    {
        assertThatThrownBy(() -> Monitor.run(RedisEndpoint.parse("redis://127.0.0.1:1"), MonitorSettings.defaults()))
            .isInstanceOfSatisfying(RedisUnavailableException.class, ex ->
                assertThat(ex.failure()).isEqualTo(RedisFailure.UNREACHABLE));
        try (ManagedRedis locked = ManagedRedis.builder().maxmemory("256mb").extraArgs("--requirepass", "secret")
            .start())
        {
            assertThatThrownBy(() -> Monitor.run(locked.endpoint().withCredentials(null, "wrong"),
                MonitorSettings.defaults()))
                .isInstanceOfSatisfying(RedisUnavailableException.class, ex ->
                {
                    assertThat(ex.failure()).isEqualTo(RedisFailure.AUTH_REFUSED);
                    assertThat(ex.getMessage()).doesNotContain("wrong").doesNotContain("\n");
                });
        }
    }
}
