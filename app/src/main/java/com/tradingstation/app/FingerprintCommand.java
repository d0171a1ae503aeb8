package com.tradingstation.app;

import com.tradingstation.ops.Gate;
import com.tradingstation.ops.fingerprint.Fingerprint;
import com.tradingstation.ops.fingerprint.FingerprintDiff;
import com.tradingstation.ops.fingerprint.JvmFacts;
import com.tradingstation.ops.irq.CpuMask;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisUnavailableException;
import com.tradingstation.runtime.StationThreads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code station fingerprint}: the settings of this host, its JVM and its Redis that shape latency,
 * with a stable hash; {@code --diff BASE.json} and {@code --diff-last-pass} list what drifted since
 * a saved fingerprint, most important to latency first. A Redis is optional: without one its items
 * read unavailable and the command still succeeds.
 */
@Command(
    name = "fingerprint",
    mixinStandardHelpOptions = true,
    description = {
        "The runtime fingerprint: kernel, boot parameters, CPUs, governors, C-states, THP, sysctls, JVM and Redis"
            + " settings, with a sha256 over them; --diff lists what drifted, ranked by how much it matters.",
        "Exit: 0 fingerprint taken, or no drift; 1 drift found; 2 usage error (bad or missing base file)."})
final class FingerprintCommand implements Callable<Integer>
{
    /** Where /proc and /sys are read from unless told otherwise. */
    static final Path DEFAULT_ROOT = Path.of("/");

    @Mixin
    private RedisTarget target;

    @Mixin
    private StationHome home;

    @Mixin
    private Output output;

    @Option(names = "--root", paramLabel = "DIR",
        description = "Read /proc and /sys under DIR instead of / (a copied tree, a container's view).")
    private Path root = DEFAULT_ROOT;

    @Option(names = "--diff", paramLabel = "BASE.json",
        description = "Compare with a saved fingerprint (station fingerprint --json > BASE.json).")
    private Path base;

    @Option(names = "--diff-last-pass",
        description = "Compare with the fingerprint the gate saved at its last PASS (HOME/state/fingerprint-last-pass"
            + ".json).")
    private boolean lastPass;

    @Override
    public Integer call()
    {
        if (base != null && lastPass)
        {
            throw new IllegalArgumentException("give --diff BASE.json or --diff-last-pass, not both");
        }
        final Path baseFile = lastPass ? home.require(StationHome.LAST_PASS_FINGERPRINT, "last PASS fingerprint")
            : base;
        if (lastPass && !Files.exists(baseFile))
        {
            throw new IllegalArgumentException("no fingerprint saved by a gate PASS yet (" + baseFile
                + " does not exist): run `station gate`");
        }
        final Fingerprint baseline = baseFile == null ? null : Fingerprint.read(baseFile);
        final Fingerprint now = take(root, redis(), target.config);
        if (baseline == null)
        {
            output.print(now::toJson, out -> out.print(now.toText()));
            return StationMain.EXIT_OK;
        }
        final FingerprintDiff diff = FingerprintDiff.of(baseline, now);
        output.print(diff::toJson, out -> out.print(diff.toText()));
        return diff.drifted() ? StationMain.EXIT_PROBLEMS : StationMain.EXIT_OK;
    }

    /** @return the Redis named by --redis, the configuration or the running station; null when there is none. */
    private RedisEndpoint redis()
    {
        try
        {
            return target.resolve();
        }
        catch (final RedisUnavailableException ex)
        {
            return null;
        }
    }

    /**
     * @param root   the directory holding {@code proc} and {@code sys}.
     * @param redis  the Redis, or null.
     * @param config the configuration whose {@code station.cpu} names the station's CPUs.
     * @return the fingerprint of this host, this JVM and that Redis, now.
     */
    static Fingerprint take(final Path root, final RedisEndpoint redis, final ConfigOption config)
    {
        return Fingerprint.collect(Fingerprint.collectors(root, JvmFacts.current(), redis, stationCpus(config)),
            Instant.now(), Gate.hostName());
    }

    /** @return the CPUs {@code station.cpu} pins threads to; null when it pins none or cannot be read. */
    private static CpuMask stationCpus(final ConfigOption config)
    {
        try
        {
            final String spec = config.properties().getProperty("station.cpu", "").strip();
            return spec.isEmpty() ? null : CpuMask.parseList(StationThreads.pinnedCpus(spec).toString());
        }
        catch (final IllegalArgumentException ex)
        {
            return null; // a bad spec is station run's error to report; the fingerprint falls back to isolcpus
        }
    }
}
