package com.tradingstation.ops.alloc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded LabResults from a model of the shared, noisy machine: log-normal latencies with AR(1)
 * correlation between successive samples, a drift shared by each round and a smaller one per run,
 * occasional stall bursts that delay the samples behind them, and fragmentation timelines that settle
 * after the start of the churn. Each variant may change the tail (samples above the body's p99 scaled
 * from that point), the whole latency, or the fragmentation.
 */
final class LabModel
{
    /** Probe operations modelled. */
    static final List<String> OPS = List.of("ping", "set");

    private static final List<String> CONFS = List.of("", "dirty_decay_ms:3000,muzzy_decay_ms:0",
        "dirty_decay_ms:3000,background_thread:true", "metadata_thp:auto,dirty_decay_ms:3000,muzzy_decay_ms:0",
        "narenas:1");
    private static final double BODY_MEDIAN_NS = 60_000;
    private static final double BODY_SIGMA = 0.35;
    private static final double Z99 = 2.326;
    private static final double ROUND_DRIFT = 0.15;
    private static final double RUN_DRIFT = 0.04;
    private static final double AR = 0.6;
    private static final double STALL_START = 0.0002;

    /**
     * What a variant changes.
     *
     * @param span    factor on the excess of a sample over the body's p99 (the tail span; 1 = unchanged).
     * @param top     factor on the samples above the body's p99 (p99.9 and the tail span).
     * @param latency factor on every sample.
     * @param frag    factor on both fragmentation ratios.
     */
    record Effect(double span, double top, double latency, double frag)
    {
        static final Effect NONE = new Effect(1, 1, 1, 1);

        static Effect span(final double f)
        {
            return new Effect(f, 1, 1, 1);
        }

        static Effect top(final double f)
        {
            return new Effect(1, f, 1, 1);
        }

        static Effect latency(final double f)
        {
            return new Effect(1, 1, f, 1);
        }

        static Effect frag(final double f)
        {
            return new Effect(1, 1, 1, f);
        }
    }

    private final int rounds;
    private final int samples;
    private final int points;

    LabModel(final int rounds, final int samples, final int points)
    {
        this.rounds = rounds;
        this.samples = samples;
        this.points = points;
    }

    /** @return 5 rounds, 30,000 samples per operation and run, 40 timeline points. */
    static LabModel standard()
    {
        return new LabModel(5, 30_000, 40);
    }

    /**
     * @param seed    model seed.
     * @param effects per variant name (the first is the baseline), its effect.
     * @return a lab in interleaved order.
     */
    LabResult lab(final long seed, final Map<String, Effect> effects)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final List<Variant> variants = new ArrayList<>();
        final Map<String, Readback> readback = new LinkedHashMap<>();
        for (final String name : effects.keySet())
        {
            final Variant v = new Variant(name, CONFS.get(variants.size() % CONFS.size()), "model variant " + name);
            variants.add(v);
            final Map<String, String> inForce = new LinkedHashMap<>(Map.of("narenas", "8", "dirty_decay_ms", "10000",
                "muzzy_decay_ms", "0", "background_thread", "false", "metadata_thp", "disabled"));
            inForce.putAll(v.options());
            readback.put(name, new Readback("MALLOC_CONF", v.options(), inForce, List.of()));
        }
        final List<VariantRun> runs = new ArrayList<>();
        int position = 0;
        for (int round = 1; round <= rounds; round++)
        {
            final double roundDrift = Math.exp(ROUND_DRIFT * random.nextGaussian());
            final double roundFrag = 0.02 * random.nextGaussian();
            for (final Map.Entry<String, Effect> e : effects.entrySet())
            {
                runs.add(run(random, e.getKey(), round, position++, roundDrift, roundFrag, e.getValue()));
            }
        }
        final Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("rounds", rounds);
        settings.put("keys", 100_000);
        settings.put("probeIntervalUs", 1000);
        return new LabResult("/usr/bin/redis-server (model)", "7.2.4", "jemalloc-5.3.0", "MALLOC_CONF", "A",
            variants, readback, runs, settings, "2026-01-01T00:00:00Z", 600);
    }

    private VariantRun run(final SplittableRandom random, final String name, final int round, final int position,
        final double roundDrift, final double roundFrag, final Effect effect)
    {
        final double drift = roundDrift * Math.exp(RUN_DRIFT * random.nextGaussian()) * effect.latency();
        final Map<String, long[]> latency = new LinkedHashMap<>();
        for (final String op : OPS)
        {
            latency.put(op, latencies(random, drift, effect));
        }
        final double memFrag = (1.25 + roundFrag + 0.01 * random.nextGaussian()) * effect.frag();
        final double allocFrag = (1.08 + roundFrag / 2 + 0.005 * random.nextGaussian()) * effect.frag();
        final List<TimelinePoint> timeline = new ArrayList<>();
        long minor = 5_000;
        long ctx = 200;
        for (int i = 0; i < points; i++)
        {
            final double settle = Math.exp(-i / 4.0);
            final double mf = memFrag * (1 + 0.1 * settle) + 0.01 * random.nextGaussian();
            final double af = allocFrag * (1 + 0.05 * settle) + 0.005 * random.nextGaussian();
            final long used = 120_000_000L;
            minor += 80 + random.nextInt(40);
            ctx += 900 + random.nextInt(200);
            timeline.add(new TimelinePoint(i, new MemorySnapshot(used, (long)(used * mf), used, (long)(used * af),
                (long)(used * af * 1.01), af, mf), new ProcessCounters(ctx, ctx / 10, minor, 0, (long)(used * mf))));
        }
        final TimelinePoint last = timeline.get(timeline.size() - 1);
        final MemorySnapshot afterLoad = new MemorySnapshot(120_000_000L, 140_000_000L, 120_000_000L, 126_000_000L,
            127_000_000L, 1.05, 1.17);
        return new VariantRun(name, round, position, latency, 40L * samples, points, afterLoad, last.memory(),
            timeline.get(0).process(), last.process(), timeline);
    }

    private long[] latencies(final SplittableRandom random, final double drift, final Effect effect)
    {
        final double p99 = BODY_MEDIAN_NS * drift * Math.exp(BODY_SIGMA * Z99);
        final long[] out = new long[samples];
        double z = random.nextGaussian();
        double stall = 0;
        for (int i = 0; i < samples; i++)
        {
            z = AR * z + Math.sqrt(1 - AR * AR) * random.nextGaussian();
            if (stall < 1_000 && random.nextDouble() < STALL_START)
            {
                stall = BODY_MEDIAN_NS * drift * (4 + 12 * random.nextDouble());
            }
            double x = BODY_MEDIAN_NS * drift * Math.exp(BODY_SIGMA * z) + stall;
            stall *= 0.5;
            if (x > p99)
            {
                x = (p99 + (x - p99) * effect.span()) * effect.top();
            }
            out[i] = (long)x;
        }
        return out;
    }
}
