package com.tradingstation.app;

import com.tradingstation.ops.Calibrator;
import com.tradingstation.ops.CpuPin;
import com.tradingstation.ops.EnvironmentCheck;
import com.tradingstation.ops.EnvironmentChecks;
import com.tradingstation.ops.Gate;
import com.tradingstation.ops.GateDecision;
import com.tradingstation.ops.GateFingerprint;
import com.tradingstation.ops.GateLedger;
import com.tradingstation.ops.LedgerRotation;
import com.tradingstation.ops.Monitor;
import com.tradingstation.ops.MonitorReport;
import com.tradingstation.ops.MonitorSettings;
import com.tradingstation.ops.ThreadProbe;
import com.tradingstation.ops.Verdict;
import com.tradingstation.ops.fingerprint.Fingerprint;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisFailure;
import com.tradingstation.redis.RedisUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code station gate}: the morning go / no-go. Measures with the monitor (pinned to a CPU by
 * default), decides PASS / SOFT_FAIL / FAIL per metric against perf-thresholds.env, reports the
 * environment checks, and appends the decision to the ledger. {@code --calibrate} instead measures
 * several runs and writes proposed thresholds. The thresholds, the ledger and the proposal live
 * under the station home ({@link StationHome}) unless named by a flag.
 *
 * <p>Each run takes the runtime fingerprint ({@code station fingerprint}) and records its hash in the
 * ledger line, says when it differs from the hash of the ledger's last PASS, and saves the whole
 * fingerprint of a PASS as {@link StationHome#LAST_PASS_FINGERPRINT} for
 * {@code station fingerprint --diff-last-pass} (unless {@code --ledger} names a ledger of its own).
 *
 * <p>Exit codes follow the rule of every command (0 success, 1 problems found, 2 usage error, 3 could
 * not run) and add one code of the gate's own: 0 PASS, 1 SOFT_FAIL, 2 usage error (bad option or
 * thresholds file), 3 could not measure or record, 4 FAIL. FAIL takes 4, a code no other command
 * uses, so 2 means a usage error whichever command returned it.
 */
@Command(
    name = "gate",
    mixinStandardHelpOptions = true,
    description = {
        "Go / no-go: measure Redis, decide PASS, SOFT_FAIL or FAIL per metric, append the decision to the ledger"
            + " (UNMEASURED when Redis could not be measured).",
        "Every decision records the runtime fingerprint's hash and says when it changed since the last PASS;"
            + " a PASS saves the fingerprint to HOME/state/fingerprint-last-pass.json.",
        "Exit: 0 PASS; 1 SOFT_FAIL; 2 usage error; 3 could not measure (or record); 4 FAIL."})
final class GateCommand implements Callable<Integer>
{
    /** PASS. */
    static final int EXIT_PASS = 0;
    /** SOFT_FAIL: some metric within the tolerance over its limit. */
    static final int EXIT_SOFT_FAIL = 1;
    /** Usage error, as for every command. */
    static final int EXIT_USAGE = StationMain.EXIT_USAGE;
    /** Could not measure, or could not record the decision. */
    static final int EXIT_UNMEASURED = 3;
    /** FAIL: a code of the gate's own, so that 2 stays the usage error of every command. */
    static final int EXIT_FAIL = 4;

    @Mixin
    private MeasuredRedis measured;

    @Mixin
    private Output console;

    @Option(names = "--metrics-only", description = "Skip the environment checks (Redis settings, CPU pinning).")
    private boolean metricsOnly;

    @Option(names = "--cpu", paramLabel = "C",
        description = "CPU for the measuring thread (default: the last CPU this process may use; -1 = no pin).")
    private Integer cpu;

    @Mixin
    private Sampling sampling = new Sampling(MonitorSettings.DEFAULT_SAMPLES);

    @Mixin
    private LedgerOption ledgerOption;

    @Option(names = "--calibrate",
        description = "Measure this host over --runs runs and write proposed thresholds to --output.")
    private boolean calibrate;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5",
        description = "Calibration runs (default ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--margin-pct", paramLabel = "P", defaultValue = "25",
        description = "Calibration margin on the worst run, percent (default ${DEFAULT-VALUE}).")
    private double marginPct;

    @Option(names = "--output", paramLabel = "FILE",
        description = "Where --calibrate writes (default HOME/config/perf-thresholds.proposed.env).")
    private Path output;

    @Option(names = "--fingerprint-root", paramLabel = "DIR",
        description = "Read /proc and /sys for the fingerprint under DIR instead of /.")
    private Path fingerprintRoot = FingerprintCommand.DEFAULT_ROOT;

    /** The ledger in force (resolved by {@link #call}, unless calibrating). */
    private Path ledger;

    @Override
    public Integer call()
    {
        final Instant started = Instant.now();
        final ThresholdsOption.Loaded thresholds = measured.thresholds();
        if (calibrate)
        {
            output = output != null ? output
                : measured.home.require(StationHome.PROPOSED_THRESHOLDS, "proposed thresholds");
        }
        else
        {
            ledger = ledgerOption.resolve(measured.home);
        }
        final int pinCpu = cpu != null ? cpu : ThreadProbe.lastAllowedCpu();
        final MonitorSettings settings = sampling.settings(MonitorSettings.DEFAULT_WARMUP, pinCpu);
        if (calibrate && (runs < 1 || runs > 100))
        {
            throw new IllegalArgumentException("--runs must be 1..100");
        }
        RedisEndpoint resolved = null;
        try
        {
            resolved = measured.target.resolve();
            return calibrate ? calibrate(resolved, settings, thresholds) : gate(resolved, settings, thresholds);
        }
        catch (final RedisUnavailableException ex)
        {
            return unmeasured(started, resolved, thresholds, ex.failure().name(), ex.getMessage());
        }
        catch (final IllegalStateException ex)
        {
            // The measuring thread itself failed (interrupted, or an Error on it).
            return unmeasured(started, resolved, thresholds, RedisFailure.OTHER.name(), StationMain.oneLine(ex));
        }
    }

    /**
     * A gate that could not measure is still a decision: recorded as UNMEASURED, so the ledger's
     * pass rate counts the morning against the KPI. {@code --calibrate} records nothing.
     */
    private int unmeasured(final Instant started, final RedisEndpoint resolved,
        final ThresholdsOption.Loaded thresholds,
        final String failure, final String message)
    {
        final PrintWriter err = console.err();
        if (calibrate)
        {
            err.println("station gate --calibrate: could not measure: " + message);
            return EXIT_UNMEASURED;
        }
        final GateDecision decision = fingerprinted(GateDecision.unmeasured(started, Gate.hostName(),
            resolved == null ? null : resolved.address(), thresholds.thresholds(), thresholds.source(), failure,
            message), FingerprintCommand.take(fingerprintRoot, null, measured.target.config));
        if (console.json)
        {
            console.out().println(decision.toJson());
            console.out().flush();
        }
        try
        {
            GateLedger.append(ledger, decision.toJson());
            err.println("station gate: could not measure: " + message);
        }
        catch (final IOException | RuntimeException ex)
        {
            err.println("station gate: could not measure: " + message + "; nor record that in " + ledger + ": "
                + StationMain.oneLine(ex));
        }
        return EXIT_UNMEASURED;
    }

    private int gate(final RedisEndpoint resolved, final MonitorSettings settings,
        final ThresholdsOption.Loaded thresholds) throws RedisUnavailableException
    {
        final MonitorReport report = Monitor.run(resolved, settings);
        final List<EnvironmentCheck> checks = metricsOnly ? List.of() : EnvironmentChecks.run(resolved, report.pin());
        final Fingerprint fingerprint = FingerprintCommand.take(fingerprintRoot, resolved, measured.target.config);
        final GateDecision decision = fingerprinted(
            Gate.evaluate(report, thresholds.thresholds(), thresholds.source(), checks), fingerprint);
        console.print(decision::toJson, out -> out.print(decision.toText()));
        try
        {
            GateLedger.append(ledger, decision.toJson());
        }
        catch (final IOException | RuntimeException ex)
        {
            console.note("the decision was not recorded in " + ledger + ": " + StationMain.oneLine(ex));
            return EXIT_UNMEASURED;
        }
        if (decision.verdict() == Verdict.PASS && ledgerOption.file == null)
        {
            saveLastPass(fingerprint);
        }
        return switch (decision.verdict())
        {
            case PASS -> EXIT_PASS;
            case SOFT_FAIL -> EXIT_SOFT_FAIL;
            case FAIL -> EXIT_FAIL;
            case UNMEASURED -> EXIT_UNMEASURED;
        };
    }

    /**
     * @param decision    the decision.
     * @param fingerprint this run's fingerprint.
     * @return the decision with the fingerprint's hash against the ledger's last PASS (none when the ledger
     *         cannot be read: the append that follows says why).
     */
    private GateDecision fingerprinted(final GateDecision decision, final Fingerprint fingerprint)
    {
        List<Map<String, Object>> before;
        try
        {
            before = LedgerRotation.readAll(ledger).entries();
        }
        catch (final IOException ex)
        {
            before = List.of();
        }
        return decision.withFingerprint(GateFingerprint.against(fingerprint.sha256(), before));
    }

    /**
     * A PASS's fingerprint is the known-good environment the next drift is measured from. It is saved only
     * beside the home's own ledger: the PASS it holds must be the one the next gate compares with, so a
     * gate writing a ledger of its own ({@code --ledger FILE}) leaves the home's saved fingerprint alone.
     */
    private void saveLastPass(final Fingerprint fingerprint)
    {
        final Path h = measured.home.resolve();
        if (h == null)
        {
            console.note("no station home, so the fingerprint of this PASS is not saved (give --home DIR)");
            return;
        }
        final Path file = h.resolve(StationHome.LAST_PASS_FINGERPRINT);
        try
        {
            fingerprint.write(file);
        }
        catch (final IOException | RuntimeException ex)
        {
            console.note("the fingerprint of this PASS was not saved in " + file + ": " + StationMain.oneLine(ex));
        }
    }

    private int calibrate(final RedisEndpoint resolved, final MonitorSettings settings,
        final ThresholdsOption.Loaded thresholds) throws RedisUnavailableException
    {
        final PrintWriter out = console.out();
        final PrintWriter err = console.err();
        final List<MonitorReport> reports = new ArrayList<>();
        for (int i = 0; i < runs; i++)
        {
            final MonitorReport r = Monitor.run(resolved, settings);
            reports.add(r);
            err.printf("station gate --calibrate: run %d/%d: p99 %.2f us, jitter %.2f us, %.2f MB besides the " +
                "station's data, %,d ops/s%n",
                i + 1, runs, r.rtt().p99Us(), r.rtt().jitterUs(), r.server().otherMemoryMb(), (long)r.opsPerSec());
            err.flush();
        }
        final CpuPin pin = reports.get(0).pin();
        final Calibrator.Proposal proposal = Calibrator.propose(reports, thresholds.thresholds(), marginPct,
            Gate.hostName());
        final String text = proposal.text() +
            (pin.pinned() ? "" : "# WARNING: measured unpinned: " + pin.message() + "\n");
        try
        {
            if (output.toAbsolutePath().getParent() != null)
            {
                Files.createDirectories(output.toAbsolutePath().getParent());
            }
            Files.writeString(output, text, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            err.println("station gate --calibrate: cannot write " + output + ": " + StationMain.oneLine(ex));
            return EXIT_UNMEASURED;
        }
        out.print(text);
        out.println("# written to " + output);
        out.flush();
        return EXIT_PASS;
    }
}
