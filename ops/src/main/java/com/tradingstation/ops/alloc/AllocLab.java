package com.tradingstation.ops.alloc;

import com.tradingstation.ops.CpuPin;
import com.tradingstation.ops.MeasuringThread;
import com.tradingstation.ops.PacedSampler;
import com.tradingstation.ops.RedisInfo;
import com.tradingstation.ops.dataset.Churn;
import com.tradingstation.ops.dataset.ChurnResult;
import com.tradingstation.ops.dataset.ChurnSpec;
import com.tradingstation.ops.dataset.DatasetKeys;
import com.tradingstation.ops.dataset.DatasetLoader;
import com.tradingstation.ops.dataset.DatasetSpec;
import com.tradingstation.ops.dataset.MemoryEstimate;
import com.tradingstation.redis.ManagedRedis;
import com.tradingstation.redis.RedisConnector;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisFailure;
import com.tradingstation.redis.RedisUnavailableException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The allocator lab: for every variant, a private redis-server on a free loopback port with the
 * variant's jemalloc options, the same dataset, then a churn with a latency probe and a timeline
 * running alongside; all of it repeated in interleaved rounds (A B C, A B C, ...) so that whatever
 * the machine does over time falls on every variant alike.
 *
 * <p><b>Which variable.</b> jemalloc reads its options from an environment variable whose name
 * depends on how it was built: a system jemalloc ({@code libjemalloc.so}, Debian's redis-server)
 * reads {@code MALLOC_CONF}; the copy bundled in Redis's source tree (upstream and embedded builds) is
 * built with the {@code je_} prefix and reads {@code JE_MALLOC_CONF}. Unless told, the lab finds out
 * by starting the binary once with {@code narenas:3} in {@code MALLOC_CONF} and reading it back.
 * Redis's own {@code jemalloc-bg-thread} (default yes) turns the background thread on after start-up
 * whatever the options say, so a variant that sets {@code background_thread} also gets the matching
 * {@code --jemalloc-bg-thread}.
 *
 * <p><b>Read-back.</b> Before anything is measured, every variant's server is started once and its
 * {@code opt.*} compared with what the variant asked ({@link Readbacks}); a variant whose options did
 * not take is refused ({@link VariantRefusedException}). Every measured run is checked again.
 *
 * <p><b>Ownership.</b> Every server is a {@link ManagedRedis} in the run directory, closed on every
 * path out of a run; on Ctrl-C their shutdown hooks kill them and remove their directories.
 */
public final class AllocLab
{
    private static final String PROBE_ENV_VALUE = "narenas:3";
    private static final String BG_THREAD_OPTION = "background_thread";
    private static final int PROBE_KEYS = 512;
    private static final int WARMUP_SAMPLES = 2_000;
    private static final long TIMELINE_MS = 1000;
    private static final Duration CHURN_SLACK = Duration.ofSeconds(60);
    private static final long MIB = 1024L * 1024L;

    /** Receives one line per step, for a progress display. */
    @FunctionalInterface
    public interface Listener
    {
        /**
         * @param line what just happened.
         */
        void line(String line);
    }

    private AllocLab()
    {
    }

    /**
     * Runs the lab.
     *
     * @param settings what to run.
     * @param listener progress lines (may be a no-op).
     * @return everything measured.
     * @throws VariantRefusedException when a variant's options are not in force, or the binary is not jemalloc.
     * @throws RedisUnavailableException when a server fails mid-run.
     */
    public static LabResult run(final LabSettings settings, final Listener listener) throws RedisUnavailableException
    {
        final long t0 = System.nanoTime();
        final String startedAt = Instant.now().toString();
        final ManagedRedis.Binary binary = builder(settings).binaryToRun();
        final String envVar;
        final ServerFacts facts;
        if (settings.envVar() != null)
        {
            envVar = settings.envVar();
            facts = facts(settings, envVar);
        }
        else
        {
            final Detected d = detect(settings);
            envVar = d.envVar;
            facts = d.facts;
        }
        listener.line("redis-server " + binary + ": " + facts.version + ", " + facts.allocator + ", options in "
            + envVar);
        final Map<String, Readback> readback = new LinkedHashMap<>();
        final List<String> refused = new ArrayList<>();
        for (final Variant v : settings.variants())
        {
            final Readback r = preflight(settings, envVar, v);
            readback.put(v.name(), r);
            listener.line("variant " + v.name() + " [" + (v.mallocConf().isEmpty() ? "unset" : v.mallocConf()) + "]: "
                + (r.ok() ? "options in force" : "REFUSED " + String.join("; ", r.mismatches())));
            if (!r.ok())
            {
                refused.add(v.name() + ": " + String.join("; ", r.mismatches()));
            }
        }
        if (!refused.isEmpty())
        {
            throw new VariantRefusedException("variant options did not take (" + envVar + "): "
                + String.join(" | ", refused));
        }
        final List<VariantRun> runs = new ArrayList<>();
        int position = 0;
        for (int round = 1; round <= settings.rounds(); round++)
        {
            for (final Variant v : settings.variants())
            {
                final VariantRun run = runOne(settings, envVar, v, round, position++, listener);
                runs.add(run);
            }
        }
        return new LabResult(binary.toString(), facts.version, facts.allocator, envVar, settings.baseline(),
            settings.variants(), readback, runs, settings.describe(), startedAt, (System.nanoTime() - t0) / 1e9);
    }

    private record ServerFacts(String version, String allocator, String narenas)
    {
    }

    private record Detected(String envVar, ServerFacts facts)
    {
    }

    private static Detected detect(final LabSettings settings) throws RedisUnavailableException
    {
        final ServerFacts system = facts(settings, MallocEnvVars.SYSTEM, PROBE_ENV_VALUE);
        if ("3".equals(system.narenas))
        {
            return new Detected(MallocEnvVars.SYSTEM, system);
        }
        final ServerFacts bundled = facts(settings, MallocEnvVars.BUNDLED, PROBE_ENV_VALUE);
        if ("3".equals(bundled.narenas))
        {
            return new Detected(MallocEnvVars.BUNDLED, bundled);
        }
        throw new VariantRefusedException("redis-server (" + system.allocator + ") read narenas:3 from neither "
            + MallocEnvVars.SYSTEM + " nor " + MallocEnvVars.BUNDLED + "; give the variable with --malloc-env");
    }

    private static ServerFacts facts(final LabSettings settings, final String envVar) throws RedisUnavailableException
    {
        return facts(settings, envVar, "");
    }

    private static ServerFacts facts(final LabSettings settings, final String envVar, final String conf)
        throws RedisUnavailableException
    {
        try (ManagedRedis server = start(settings, envVar, new Variant("probe", conf, ""), "64mb");
             Jedis j = connect(server))
        {
            final RedisInfo info = RedisInfo.parse(j.info("server") + "\n" + j.info("memory"));
            final String allocator = String.valueOf(info.text("mem_allocator"));
            if (!allocator.startsWith("jemalloc"))
            {
                throw new VariantRefusedException("redis-server " + server.binary() + " allocates with " + allocator
                    + ", not jemalloc: there are no MALLOC_CONF options to compare");
            }
            final String narenas = MallocStats.inForce(MallocStats.read(j)).get("narenas");
            return new ServerFacts(String.valueOf(info.text("redis_version")), allocator, narenas);
        }
        catch (final JedisException e)
        {
            throw new RedisUnavailableException(RedisFailure.UNREACHABLE,
                "private redis-server failed while reading its allocator: " + e.getMessage());
        }
    }

    private static Readback preflight(final LabSettings settings, final String envVar, final Variant v)
        throws RedisUnavailableException
    {
        try (ManagedRedis server = start(settings, envVar, v, "64mb"); Jedis j = connect(server))
        {
            return Readbacks.check(envVar, v, MallocStats.read(j), console(server));
        }
        catch (final JedisException e)
        {
            throw new RedisUnavailableException(RedisFailure.UNREACHABLE,
                "variant " + v.name() + ": private redis-server failed during the read-back: " + e.getMessage());
        }
    }

    private static VariantRun runOne(final LabSettings settings, final String envVar, final Variant v,
        final int round, final int position, final Listener listener) throws RedisUnavailableException
    {
        final DatasetSpec dataset = settings.dataset();
        final long estimate = MemoryEstimate.bytes(dataset);
        final String maxmemory = Math.max(256, (estimate * 3 / MIB) + 256) + "mb";
        try (ManagedRedis server = start(settings, envVar, v, maxmemory); Jedis control = connect(server))
        {
            final Readback r = Readbacks.check(envVar, v, MallocStats.read(control), console(server));
            if (!r.ok())
            {
                throw new VariantRefusedException("variant " + v.name() + " round " + round
                    + ": options not in force: " + String.join("; ", r.mismatches()));
            }
            final RedisEndpoint endpoint = server.endpoint();
            final long loadStart = System.nanoTime();
            DatasetLoader.load(endpoint, dataset, null);
            final MemorySnapshot afterLoad = memory(control);
            listener.line(String.format("round %d/%d variant %s (redis-server pid %d, port %d): loaded %,d keys in"
                    + " %.1f s (used %.0f MB, rss %.0f MB); measuring %d s", round, settings.rounds(), v.name(),
                server.pid(), server.port(), dataset.keys(),
                (System.nanoTime() - loadStart) / 1e9, afterLoad.usedMemoryBytes() / 1e6,
                afterLoad.usedMemoryRssBytes() / 1e6, settings.churn().duration().toSeconds()));
            final long pid = server.pid();
            final AtomicBoolean stop = new AtomicBoolean();
            final AtomicReference<Object> churnOutcome = new AtomicReference<>();
            final ChurnSpec churn = settings.churn().with(settings.churn().opsPerSecond(),
                settings.churn().duration().plus(CHURN_SLACK));
            final Thread churner = new Thread(() ->
            {
                try
                {
                    churnOutcome.set(Churn.run(endpoint, dataset, churn, stop::get));
                }
                catch (final RedisUnavailableException | RuntimeException e)
                {
                    churnOutcome.set(e);
                }
            }, "alloc-lab-churn");
            final List<TimelinePoint> timeline = new ArrayList<>();
            final ProcessCounters processStart = ProcessProbe.read(pid);
            final long churnStart = System.nanoTime();
            churner.start();
            final Map<String, long[]> latencies;
            try
            {
                latencies = MeasuringThread.run("alloc-lab-probe", endpoint, settings.probeCpu(),
                    (jedis, pin) -> probe(jedis, pin, settings, dataset, round),
                    TIMELINE_MS, () -> timeline.add(point(control, pid, churnStart)));
            }
            finally
            {
                stop.set(true);
                join(churner);
            }
            final double seconds = (System.nanoTime() - churnStart) / 1e9;
            final ProcessCounters processEnd = ProcessProbe.read(pid);
            final MemorySnapshot afterChurn = memory(control);
            final Object outcome = churnOutcome.get();
            if (outcome instanceof RedisUnavailableException e)
            {
                throw e;
            }
            if (outcome instanceof RuntimeException e)
            {
                throw e;
            }
            final ChurnResult churned = (ChurnResult)outcome;
            final VariantRun run = new VariantRun(v.name(), round, position, latencies, churned.commands(), seconds,
                afterLoad, afterChurn, processStart, processEnd, List.copyOf(timeline));
            listener.line(String.format("round %d/%d variant %s: %,d churn commands (%.0f/s); frag %.2f -> %.2f",
                round, settings.rounds(), v.name(), churned.commands(), churned.commands() / seconds,
                afterLoad.memFragmentationRatio(), afterChurn.memFragmentationRatio()));
            return run;
        }
        catch (final JedisException e)
        {
            throw new RedisUnavailableException(RedisFailure.UNREACHABLE,
                "variant " + v.name() + " round " + round + ": private redis-server failed: " + e.getMessage());
        }
    }

    /**
     * SET of a dataset key with a value of a size drawn from the mix, and PING, alternating at the planned
     * interval; each latency from its planned send time, so a stall is charged to every command it delays.
     * Keys and values are made before the clock starts, and 2,000 unrecorded commands at the same pace go
     * first, so the first run of a lab is not charged for the JIT.
     */
    private static Map<String, long[]> probe(final Jedis jedis, final CpuPin pin, final LabSettings settings,
        final DatasetSpec dataset, final int round)
    {
        final SplittableRandom random = new SplittableRandom(dataset.seed() * 31 + round);
        final byte[][] keys = new byte[PROBE_KEYS][];
        final byte[][] values = new byte[PROBE_KEYS][];
        for (int k = 0; k < PROBE_KEYS; k++)
        {
            final long index = dataset.keys() == 0 ? k : random.nextLong(dataset.keys());
            keys[k] = DatasetKeys.key(dataset, index);
            final int size = DatasetKeys.valueSize(dataset, random.nextLong(Math.max(1, dataset.keys())));
            values[k] = new byte[size];
            DatasetKeys.fillValue(dataset, index, (1L << 40) + k, values[k], size);
        }
        final long intervalNs = settings.probeIntervalUs() * 1000;
        final long durationNs = settings.churn().duration().toNanos();
        final int n = (int)Math.max(2, durationNs / intervalNs);
        final long[] set = new long[(n + 1) / 2];
        final long[] ping = new long[n / 2];
        // Unrecorded warm-up at the same pace: the JIT and the connection settle before the clock counts.
        paced(jedis, keys, values, intervalNs, Math.min(n, WARMUP_SAMPLES), null, null);
        paced(jedis, keys, values, intervalNs, n, set, ping);
        final Map<String, long[]> m = new LinkedHashMap<>();
        m.put("set", set);
        m.put("ping", ping);
        return m;
    }

    private static void paced(final Jedis jedis, final byte[][] keys, final byte[][] values, final long intervalNs,
        final int n, final long[] set, final long[] ping)
    {
        final long start = System.nanoTime();
        for (int i = 0; i < n; i++)
        {
            final long planned = start + i * intervalNs;
            PacedSampler.parkUntil(planned);
            PacedSampler.spinUntil(planned);
            if ((i & 1) == 0)
            {
                final int k = (i >> 1) & (PROBE_KEYS - 1);
                jedis.sendCommand(Protocol.Command.SET, keys[k], values[k]);
                if (set != null)
                {
                    set[i >> 1] = System.nanoTime() - planned;
                }
            }
            else
            {
                jedis.sendCommand(Protocol.Command.PING);
                if (ping != null)
                {
                    ping[i >> 1] = System.nanoTime() - planned;
                }
            }
        }
    }

    private static TimelinePoint point(final Jedis control, final long pid, final long churnStart)
    {
        final double t = (System.nanoTime() - churnStart) / 1e9;
        return new TimelinePoint(t, memory(control), ProcessProbe.read(pid));
    }

    private static MemorySnapshot memory(final Jedis control)
    {
        return MemorySnapshot.of(RedisInfo.parse(control.info("memory")));
    }

    private static void join(final Thread t)
    {
        boolean interrupted = false;
        while (true)
        {
            try
            {
                t.join();
                break;
            }
            catch (final InterruptedException e)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static ManagedRedis.Builder builder(final LabSettings settings)
    {
        final ManagedRedis.Builder b = ManagedRedis.builder().directory(settings.workDirectory());
        if (settings.binary() != null)
        {
            b.binary(settings.binary());
        }
        else if (settings.preferEmbedded())
        {
            b.preferEmbedded();
        }
        return b;
    }

    private static ManagedRedis start(final LabSettings settings, final String envVar, final Variant v,
        final String maxmemory)
    {
        final ManagedRedis.Builder b = builder(settings).maxmemory(maxmemory)
            .unsetEnvironment(MallocEnvVars.SYSTEM).unsetEnvironment(MallocEnvVars.BUNDLED);
        if (!v.mallocConf().isEmpty())
        {
            b.environment(envVar, v.mallocConf());
        }
        final String bg = v.options().get(BG_THREAD_OPTION);
        if (bg != null)
        {
            b.extraArgs("--jemalloc-bg-thread", "true".equalsIgnoreCase(bg) ? "yes" : "no");
        }
        try
        {
            Files.createDirectories(settings.workDirectory());
        }
        catch (final IOException e)
        {
            throw new IllegalStateException("cannot create " + settings.workDirectory() + ": " + e.getMessage(), e);
        }
        return b.start();
    }

    private static Jedis connect(final ManagedRedis server) throws RedisUnavailableException
    {
        return RedisConnector.connect(server.endpoint());
    }

    private static String console(final ManagedRedis server)
    {
        try
        {
            final Path p = server.consoleFile();
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        }
        catch (final IOException e)
        {
            return "";
        }
    }
}
