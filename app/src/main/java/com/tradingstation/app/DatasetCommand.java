package com.tradingstation.app;

import com.tradingstation.json.JsonWriter;
import com.tradingstation.ops.RedisInfo;
import com.tradingstation.ops.Terminal;
import com.tradingstation.ops.dataset.Churn;
import com.tradingstation.ops.dataset.ChurnResult;
import com.tradingstation.ops.dataset.ChurnSpec;
import com.tradingstation.ops.dataset.DatasetLoader;
import com.tradingstation.ops.dataset.DatasetSpec;
import com.tradingstation.ops.dataset.LoadResult;
import com.tradingstation.ops.dataset.MemoryEstimate;
import com.tradingstation.redis.RedisConnector;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code station dataset}: load the synthetic dataset ({@link DatasetLoader}) into a Redis that is not
 * the production one, optionally churn it ({@link Churn}), and report the load rate and INFO MEMORY
 * before and after. Refuses the production Redis and a dataset that does not fit, unless {@code --force}.
 */
@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description = {
        "Load a synthetic dataset (SET of seeded keys and incompressible values of a weighted size mix) into Redis,",
        "then optionally churn it (SET EX with new sizes, XADD MAXLEN ~) at a set rate; report keys/s and",
        "INFO MEMORY before and after. Refuses the production Redis (loopback :6379, or station.redis.url of",
        "the config) and a dataset whose estimate x1.5 does not fit maxmemory or MemAvailable, unless --force.",
        "Exit: 0 loaded; 1 refused by the memory check; 2 usage error, production Redis without --force;",
        "3 Redis unreachable or failed mid-load."})
final class DatasetCommand extends RedisReportCommand
{
    /** The estimate must fit this many times over: allocator overhead, fragmentation, churn. */
    static final double HEADROOM = 1.5;

    private static final String SCHEMA = "station.dataset/1";
    private static final List<String> MEMORY = List.of("used_memory", "used_memory_rss", "mem_fragmentation_ratio",
        "allocator_frag_ratio");
    private static final int BAR = 30;
    private static final double MIB = 1024.0 * 1024.0;

    @Option(names = "--keys", paramLabel = "N", defaultValue = "5000000",
        description = "How many keys (default ${DEFAULT-VALUE}).")
    private long keys;

    @Option(names = "--sizes", paramLabel = "LIST", split = ",", defaultValue = "64,512,4096",
        description = "Value sizes in bytes (default ${DEFAULT-VALUE}).")
    private int[] sizes;

    @Option(names = "--weights", paramLabel = "LIST", split = ",", defaultValue = "80,15,5",
        description = "Relative weight of each size (default ${DEFAULT-VALUE}).")
    private int[] weights;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + DatasetSpec.DEFAULT_SEED,
        description = "Seed of keys and values (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--prefix", paramLabel = "STR", defaultValue = DatasetSpec.DEFAULT_PREFIX,
        description = "Key prefix (default ${DEFAULT-VALUE}).")
    private String prefix;

    @Option(names = "--churn-rate", paramLabel = "N", defaultValue = "1000",
        description = "Churn commands per second (default ${DEFAULT-VALUE}).")
    private int churnRate;

    @Option(names = "--churn-time", paramLabel = "D", defaultValue = "0",
        description = "How long to churn after the load, e.g. 300s, 5m (default 0: no churn).")
    private String churnTime;

    @Option(names = "--ttl", paramLabel = "SECONDS", defaultValue = "5",
        description = "EXPIRE of the keys the churn rewrites (default ${DEFAULT-VALUE}).")
    private int ttl;

    @Option(names = "--force", description = "Write to the production Redis, or past the memory check.")
    private boolean force;

    @Override
    String schema()
    {
        return SCHEMA;
    }

    @Override
    public Integer call() throws RedisUnavailableException
    {
        final DatasetSpec spec = new DatasetSpec(keys, sizes, weights, seed, prefix);
        final Duration time = churnTime.strip().equals("0") ? Duration.ZERO
            : Durations.parse("--churn-time", churnTime, "300s or 5m");
        final ChurnSpec churn = new ChurnSpec(churnRate, time, ttl, ChurnSpec.DEFAULT_STREAMS,
            ChurnSpec.DEFAULT_STREAM_MAXLEN);
        resolved = target.resolve();
        final String production = target.production(resolved);
        if (production != null && !force)
        {
            throw new IllegalArgumentException("refusing to write the dataset to " + resolved.address() + ", "
                + production + "; add --force if that is meant");
        }
        final long estimate = MemoryEstimate.bytes(spec);
        final Map<String, Double> before;
        try (Jedis jedis = RedisConnector.connect(resolved))
        {
            try
            {
                before = memory(jedis);
                final String tooBig = tooBig(estimate, before.get("used_memory").longValue(), maxmemory(jedis));
                if (tooBig != null && !force)
                {
                    output.note(tooBig + "; use fewer --keys, or --force");
                    return StationMain.EXIT_PROBLEMS;
                }
            }
            catch (final RuntimeException ex)
            {
                throw RedisConnector.classify(resolved, ex);
            }
        }
        final boolean terminal = Terminal.isTerminal();
        final long startNs = System.nanoTime();
        final LoadResult load = DatasetLoader.load(resolved, spec, (done, total, bytes) ->
        {
            if (terminal)
            {
                progress(done, total, System.nanoTime() - startNs);
            }
        });
        if (terminal)
        {
            output.err().print("\r" + " ".repeat(BAR + 70) + "\r");
            output.err().flush();
        }
        final ChurnResult churned = time.isZero() ? null : Churn.run(resolved, spec, churn, null);
        final Map<String, Double> after;
        try (Jedis jedis = RedisConnector.connect(resolved))
        {
            after = memory(jedis);
        }
        final Summary s = new Summary(resolved, spec, churn, load, estimate, churned, before, after);
        output.print(s::json, s::text);
        return StationMain.EXIT_OK;
    }

    /**
     * @return why the dataset does not fit with {@link #HEADROOM}, or null when it does.
     */
    private String tooBig(final long estimate, final long used, final long maxmemory)
    {
        final long need = (long)(estimate * HEADROOM);
        final String needs = String.format(Locale.ROOT, "the dataset needs about %s (estimate %s x %.1f headroom)",
            mib(need), mib(estimate), HEADROOM);
        if (maxmemory > 0 && used + need > maxmemory)
        {
            return needs + " but maxmemory of " + resolved.address() + " leaves " + mib(Math.max(0, maxmemory - used))
                + " (maxmemory " + mib(maxmemory) + ", used " + mib(used) + ")";
        }
        final long available = RedisTarget.isLoopback(resolved) ? HostFacts.memAvailableBytes() : -1;
        if (available >= 0 && need > available)
        {
            return needs + " but this host has " + mib(available) + " MemAvailable";
        }
        return null;
    }

    /** @return maxmemory of the server (0 = unlimited), or -1 when CONFIG GET is refused. */
    private static long maxmemory(final Jedis jedis)
    {
        try
        {
            final Map<String, String> m = jedis.configGet("maxmemory");
            return RedisInfo.parse("maxmemory:" + m.getOrDefault("maxmemory", "")).number("maxmemory");
        }
        catch (final JedisDataException ex)
        {
            return -1;
        }
    }

    private static Map<String, Double> memory(final Jedis jedis)
    {
        final RedisInfo info = RedisInfo.parse(jedis.info("memory"));
        final Map<String, Double> m = new LinkedHashMap<>();
        MEMORY.forEach(k -> m.put(k, info.ratio(k)));
        return m;
    }

    private void progress(final long done, final long total, final long elapsedNs)
    {
        final int filled = (int)(BAR * done / Math.max(1, total));
        final double rate = done / Math.max(1e-9, elapsedNs / 1e9);
        final long eta = rate <= 0 ? 0 : (long)Math.ceil((total - done) / rate);
        final PrintWriter err = output.err();
        err.print(String.format(Locale.ROOT, "\rstation dataset: [%s%s] %3d%% %,d/%,d keys, %,.0f keys/s, ETA %ds",
            "#".repeat(filled), " ".repeat(BAR - filled), 100 * done / Math.max(1, total), done, total, rate, eta));
        err.flush();
    }

    static String mib(final long bytes)
    {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / MIB);
    }

    /** What a run did, as text or JSON. */
    private record Summary(RedisEndpoint endpoint, DatasetSpec spec, ChurnSpec churn, LoadResult load, long estimate,
                           ChurnResult churned, Map<String, Double> before, Map<String, Double> after)
    {
        String json()
        {
            final JsonWriter w = new JsonWriter().beginObject().field("schema", SCHEMA)
                .field("address", endpoint.address());
            w.name("spec").beginObject().field("keys", spec.keys()).name("sizes").beginArray();
            Arrays.stream(spec.valueSizes()).forEach(v -> w.value((long)v));
            w.endArray().name("weights").beginArray();
            Arrays.stream(spec.weights()).forEach(v -> w.value((long)v));
            w.endArray().field("seed", spec.seed()).field("prefix", spec.keyPrefix()).endObject();
            w.field("keys", load.keys()).field("value_bytes", load.valueBytes())
                .field("load_seconds", round(load.nanos() / 1e9))
                .field("keys_per_sec", Math.round(load.keysPerSecond()))
                .field("estimate_bytes", estimate)
                .field("used_memory_growth_bytes", (long)(after.get("used_memory") - before.get("used_memory")));
            if (churned == null)
            {
                w.name("churn").rawValue("null");
            }
            else
            {
                w.name("churn").beginObject().field("commands", churned.commands()).field("sets", churned.sets())
                    .field("xadds", churned.xadds()).field("seconds", round(churned.nanos() / 1e9))
                    .field("planned_per_sec", churn.opsPerSecond())
                    .field("achieved_per_sec", round(churned.opsPerSecond()))
                    .field("ttl_seconds", churn.ttlSeconds()).field("streams", churn.streams())
                    .field("stream_maxlen", churn.streamMaxLen()).endObject();
            }
            memory(w, "memory_before", before);
            memory(w, "memory_after", after);
            return w.endObject().toString();
        }

        private static void memory(final JsonWriter w, final String name, final Map<String, Double> m)
        {
            w.name(name).beginObject();
            m.forEach((k, v) ->
            {
                if (k.endsWith("_ratio"))
                {
                    w.field(k, v);
                }
                else
                {
                    w.field(k, v.longValue());
                }
            });
            w.endObject();
        }

        void text(final PrintWriter out)
        {
            out.println(String.format(Locale.ROOT, "dataset on %s: %,d keys of %s B weighted %s, seed %d, prefix %s",
                endpoint.address(), spec.keys(), join(spec.valueSizes()), join(spec.weights()), spec.seed(),
                spec.keyPrefix()));
            out.println(String.format(Locale.ROOT, "  loaded    %,d keys, %s of values in %.2f s: %,.0f keys/s",
                load.keys(), mib(load.valueBytes()), load.nanos() / 1e9, load.keysPerSecond()));
            out.println(String.format(Locale.ROOT, "  memory    estimate %s, used_memory changed by %+.1f MiB",
                mib(estimate), (after.get("used_memory") - before.get("used_memory")) / MIB));
            if (churned != null)
            {
                out.println(String.format(Locale.ROOT,
                    "  churn     %,d commands (%,d SET EX %d, %,d XADD) in %.1f s: %,.0f/s (planned %,d/s)",
                    churned.commands(), churned.sets(), churn.ttlSeconds(), churned.xadds(), churned.nanos() / 1e9,
                    churned.opsPerSecond(), churn.opsPerSecond()));
            }
            out.println(String.format(Locale.ROOT, "  %-24s %14s %14s", "INFO MEMORY", "before", "after"));
            for (final String k : MEMORY)
            {
                out.println(k.endsWith("_ratio")
                    ? String.format(Locale.ROOT, "  %-24s %14.2f %14.2f", k, before.get(k), after.get(k))
                    : String.format(Locale.ROOT, "  %-24s %14s %14s", k, mib(before.get(k).longValue()),
                    mib(after.get(k).longValue())));
            }
        }

        private static String join(final int[] values)
        {
            return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining("/"));
        }

        private static double round(final double v)
        {
            return Math.round(v * 1000) / 1000.0;
        }
    }
}
