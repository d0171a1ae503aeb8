package com.tradingstation.ops.alloc;

import com.tradingstation.ops.dataset.ChurnSpec;
import com.tradingstation.ops.dataset.DatasetSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How an allocator lab runs.
 *
 * @param variants        the variants, in the order each round runs them.
 * @param baseline        the name of the variant the others are compared with.
 * @param dataset         what each fresh server is loaded with.
 * @param churn           the churn that runs while the probe measures; its duration is the measurement time.
 * @param rounds          how many times every variant runs (interleaved: A B C, A B C, ...).
 * @param probeIntervalUs planned gap between probe commands (SET and PING alternate).
 * @param probeCpu        CPU to pin the probe thread to, or -1.
 * @param envVar          the variable that carries the options, or null to find out which one the binary reads.
 * @param binary          the redis-server to run, or null for the usual resolution (PATH, then the embedded one).
 * @param preferEmbedded  use the embedded redis-server even when one is on PATH.
 * @param workDirectory   where the servers' private directories go (inside the run directory).
 */
public record LabSettings(
    List<Variant> variants, String baseline, DatasetSpec dataset, ChurnSpec churn, int rounds, long probeIntervalUs,
    int probeCpu, String envVar, Path binary, boolean preferEmbedded, Path workDirectory)
{
    /** Default key count of the lab (the dataset command's default is the original's 5,000,000). */
    public static final long DEFAULT_KEYS = 500_000;
    /** Default rounds. */
    public static final int DEFAULT_ROUNDS = 3;
    /** Default churn rate of the lab: heavier than the dataset command's 1000/s so the allocator works. */
    public static final int DEFAULT_CHURN_RATE = 5_000;
    /** Default measurement time per run. */
    public static final Duration DEFAULT_MEASURE = Duration.ofSeconds(40);
    /** Default probe interval: 2,000 SET and 2,000 PING a second. */
    public static final long DEFAULT_PROBE_INTERVAL_US = 250;

    /** Validates. */
    public LabSettings
    {
        variants = List.copyOf(variants);
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(churn, "churn");
        Objects.requireNonNull(workDirectory, "workDirectory");
        if (variants.stream().noneMatch(v -> v.name().equals(baseline)))
        {
            throw new IllegalArgumentException("baseline " + baseline + " is not one of the variants "
                + variants.stream().map(Variant::name).toList());
        }
        if (rounds < 1 || probeIntervalUs < 1 || churn.duration().isZero())
        {
            throw new IllegalArgumentException("need rounds >= 1, a probe interval >= 1 us and a measurement time > 0");
        }
    }

    /** @return the settings as report fields. */
    public Map<String, Object> describe()
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("keys", dataset.keys());
        m.put("value_sizes", java.util.Arrays.toString(dataset.valueSizes()));
        m.put("value_weights", java.util.Arrays.toString(dataset.weights()));
        m.put("seed", dataset.seed());
        m.put("rounds", rounds);
        m.put("churn_rate_per_s", churn.opsPerSecond());
        m.put("measure_s", churn.duration().toMillis() / 1000.0);
        m.put("churn_ttl_s", churn.ttlSeconds());
        m.put("probe_interval_us", probeIntervalUs);
        m.put("probe_cpu", probeCpu);
        m.put("baseline", baseline);
        return m;
    }
}
