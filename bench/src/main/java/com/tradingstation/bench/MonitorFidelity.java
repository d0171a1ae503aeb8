package com.tradingstation.bench;

import com.tradingstation.ops.Monitor;
import com.tradingstation.ops.MonitorReport;
import com.tradingstation.ops.MonitorSettings;
import com.tradingstation.redis.ManagedRedis;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The monitor beside {@code redis-benchmark -c 1} on the same private redis-server in the same run:
 * PING and SET p50 from {@link Monitor} in closed loop (interval 0, the way redis-benchmark sends)
 * against redis-benchmark's own p50 for PING_MBULK (Jedis sends PING as a multi-bulk command) and
 * SET with the same 32-byte value. Rounds alternate; the headline is the median of the per-round
 * ratios. The monitor's default paced mode (1 ms interval) is measured too, for reference.
 *
 * <p>redis-benchmark keeps its latencies in an HdrHistogram of whole microseconds with a lowest
 * discernible value of 10 and 2 significant digits, so around 25 µs its p50 moves in 8 µs steps
 * (it prints 0.023 or 0.031 ms). The monitor's p50 is therefore also shown put through the same
 * bucketing ({@link #benchmarkBucket}); the median is monotonic, so that equals the p50 redis-benchmark
 * would have printed for the monitor's samples. Means (its {@code avg_latency_ms}) are compared too.
 * Usage: {@code java -cp benchmarks.jar com.tradingstation.bench.MonitorFidelity [requests] [rounds]}.
 */
public final class MonitorFidelity
{
    private MonitorFidelity()
    {
    }

    /**
     * @param args requests per command and round (default 20000), rounds (default 5).
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (ManagedRedis redis = ManagedRedis.builder().maxmemory("256mb").start())
        {
            final List<Double> pingRatios = new ArrayList<>();
            final List<Double> setRatios = new ArrayList<>();
            final List<Double> pingBucketRatios = new ArrayList<>();
            final List<Double> setBucketRatios = new ArrayList<>();
            final List<Double> pingMeanRatios = new ArrayList<>();
            final List<Double> setMeanRatios = new ArrayList<>();
            for (int r = 1; r <= rounds; r++)
            {
                final MonitorReport ours = Monitor.run(redis.endpoint(), new MonitorSettings(n, 0, 2000, -1));
                final double[] peer = redisBenchmark(redis, n);
                final MonitorReport paced = Monitor.run(redis.endpoint(), new MonitorSettings(2000, 1000, 500, -1));
                final double pingRatio = ours.rtt().p50Us() / peer[0];
                final double setRatio = ours.set().p50Us() / peer[1];
                pingRatios.add(pingRatio);
                setRatios.add(setRatio);
                final long pingBucket = benchmarkBucket(ours.rtt().p50Us());
                final long setBucket = benchmarkBucket(ours.set().p50Us());
                pingBucketRatios.add(pingBucket / peer[0]);
                setBucketRatios.add(setBucket / peer[1]);
                pingMeanRatios.add(ours.rtt().meanUs() / peer[2]);
                setMeanRatios.add(ours.set().meanUs() / peer[3]);
                System.out.printf(Locale.ROOT,
                    "round %d: PING p50 monitor %.2f us (bucketed %d), redis-benchmark %.0f us; mean %.2f vs %.0f us |"
                        + " SET p50 monitor %.2f us (bucketed %d), redis-benchmark %.0f us; mean %.2f vs %.0f us |"
                        + " paced 1 ms: PING p50 %.2f p99 %.2f, SET p50 %.2f p99 %.2f us%n",
                    r, ours.rtt().p50Us(), pingBucket, peer[0], ours.rtt().meanUs(), peer[2],
                    ours.set().p50Us(), setBucket, peer[1], ours.set().meanUs(), peer[3],
                    paced.rtt().p50Us(), paced.rtt().p99Us(), paced.set().p50Us(), paced.set().p99Us());
            }
            System.out.printf(Locale.ROOT, "median ratio monitor / redis-benchmark -c 1 (target 0.90..1.10):%n");
            System.out.printf(Locale.ROOT, "  p50 in redis-benchmark's buckets: PING %.2f, SET %.2f%n",
                median(pingBucketRatios), median(setBucketRatios));
            System.out.printf(Locale.ROOT, "  p50 exact (monitor) vs bucketed (redis-benchmark): PING %.2f, SET %.2f%n",
                median(pingRatios), median(setRatios));
            System.out.printf(Locale.ROOT, "  mean: PING %.2f, SET %.2f%n", median(pingMeanRatios),
                median(setMeanRatios));
        }
    }

    /**
     * @param us a latency in microseconds.
     * @return the value redis-benchmark would report for it: the highest equivalent value of its
     *         bucket in an HdrHistogram(10 us .. 3 s, 2 digits) of whole microseconds.
     */
    static long benchmarkBucket(final double us)
    {
        final Histogram h = new Histogram(10, 3_000_000, 2);
        return h.highestEquivalentValue((long)us);
    }

    /** @return p50 of PING_MBULK and SET, then their means, in microseconds. */
    private static double[] redisBenchmark(final ManagedRedis redis, final int n)
        throws IOException, InterruptedException
    {
        final Process p = new ProcessBuilder("redis-benchmark", "-h", "127.0.0.1", "-p", Integer.toString(redis.port()),
            "-c", "1", "-n", Integer.toString(n), "-d", "32", "-t", "ping,set", "--csv").redirectErrorStream(true)
            .start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0)
        {
            throw new IllegalStateException("redis-benchmark failed: " + out.trim());
        }
        // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms",...
        double ping = -1;
        double set = -1;
        double pingMean = -1;
        double setMean = -1;
        for (final String line : out.split("\r?\n"))
        {
            final String[] f = line.replace("\"", "").split(",");
            if (f.length > 4 && f[0].equals("PING_MBULK"))
            {
                ping = Double.parseDouble(f[4]) * 1000;
                pingMean = Double.parseDouble(f[2]) * 1000;
            }
            else if (f.length > 4 && f[0].equals("SET"))
            {
                set = Double.parseDouble(f[4]) * 1000;
                setMean = Double.parseDouble(f[2]) * 1000;
            }
        }
        if (ping < 0 || set < 0)
        {
            throw new IllegalStateException("no PING_MBULK/SET p50 in: " + out.trim());
        }
        return new double[] {ping, set, pingMean, setMean};
    }

    private static double median(final List<Double> values)
    {
        final List<Double> s = new ArrayList<>(values);
        s.sort(null);
        final int m = s.size() / 2;
        return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
    }
}
