package com.tradingstation.app;

import picocli.CommandLine.Option;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The station home: the one directory the operations files live under, whatever the working
 * directory. Picocli mixin for {@code --home DIR}.
 *
 * <pre>
 * HOME/logs/gate-decisions.log                the gate's decision ledger
 * HOME/config/perf-thresholds.env             the thresholds the gate and dashboard judge by
 * HOME/config/perf-thresholds.proposed.env    what gate --calibrate writes
 * HOME/config/tail-thresholds.env             the tail threshold and budget of station tail
 * HOME/state/tail-run.json                    the last station tail run
 * HOME/state/tail-runs/tail-run-*Z.json       every station tail run, named by its start (UTC)
 * HOME/state/days/&lt;yyyy-MM-dd&gt;.jsonl          the trading-day KPI samples station run takes
 * HOME/backups/station-state-*.zip            what station backup writes
 * HOME/state/fingerprint-last-pass.json       the runtime fingerprint of the gate's last PASS
 * </pre>
 *
 * <p>Resolution order: {@code --home DIR}; else the environment variable {@value #ENV}; else the
 * install directory, the one holding the {@code station} launcher, found from where this code was
 * loaded ({@code HOME/app/target/station.jar} or, in a build tree, {@code HOME/app/target/classes}).
 * A home named by the flag or the variable must be an existing directory. There is no fallback to
 * the working directory. Explicit file flags ({@code --ledger}, {@code --thresholds},
 * {@code --output}) still win over the home.
 */
final class StationHome
{
    /** Environment variable naming the home. */
    static final String ENV = "STATION_HOME";
    /** The ledger, relative to the home. */
    static final Path LEDGER = Path.of("logs", "gate-decisions.log");
    /** The thresholds, relative to the home. */
    static final Path THRESHOLDS = Path.of("config", "perf-thresholds.env");
    /** Where calibration writes, relative to the home. */
    static final Path PROPOSED_THRESHOLDS = Path.of("config", "perf-thresholds.proposed.env");
    /** The station's state (backed up whole), relative to the home. */
    static final Path STATE = Path.of("state");
    /** The trading-day KPI files, relative to the home. */
    static final Path KPI_DAYS = STATE.resolve("days");
    /** Every tail run, relative to the home. */
    static final Path TAIL_RUNS = STATE.resolve("tail-runs");
    /** The last tail run, relative to the home. */
    static final Path TAIL_RUN = STATE.resolve("tail-run.json");
    /** The tail thresholds, relative to the home. */
    static final Path TAIL_THRESHOLDS = Path.of("config", "tail-thresholds.env");
    /** Where backups go, relative to the home. */
    static final Path BACKUPS = Path.of("backups");
    /** The runtime fingerprint the gate saves at each PASS, relative to the home. */
    static final Path LAST_PASS_FINGERPRINT = STATE.resolve("fingerprint-last-pass.json");
    /** Run directories of {@code station alloc-lab}, one per lab. */
    static final Path ALLOC_LABS = STATE.resolve("alloc-lab");
    /** The launcher script at the top of an install. */
    static final String LAUNCHER = "station";

    @Option(names = "--home", paramLabel = "DIR",
        description = "Station home: ledger in DIR/logs, thresholds in DIR/config, state in DIR/state, counters in "
            + "DIR/run (default: $STATION_HOME, else the directory of the station launcher).")
    Path home;

    /**
     * @return the home in force, or null when none can be found (no flag, no variable, not run from an install).
     * @throws IllegalArgumentException when the flag or the variable names something that is not a directory.
     */
    Path resolve()
    {
        return resolve(home, System.getenv(), codeLocation());
    }

    /**
     * @param relative a path under the home, e.g. {@link #LEDGER}.
     * @param what     what it is, for the message.
     * @return that path under the home in force.
     * @throws IllegalArgumentException when there is no home (a usage error naming how to give one).
     */
    Path require(final Path relative, final String what)
    {
        final Path h = resolve();
        if (h == null)
        {
            throw new IllegalArgumentException("no station home for the " + what + ": give --home DIR, set " + ENV
                + ", or run the station launcher of an install (" + codeLocation() + " is not inside one)");
        }
        return h.resolve(relative);
    }

    /**
     * The resolution rule, pure.
     *
     * @param flag         {@code --home}, or null.
     * @param env          the environment.
     * @param codeLocation the jar or classes directory this code was loaded from, or null.
     * @return the home (absolute, normalized), or null when none is found.
     * @throws IllegalArgumentException when the flag or the variable names something that is not a directory.
     */
    static Path resolve(final Path flag, final Map<String, String> env, final Path codeLocation)
    {
        if (flag != null)
        {
            return directory(flag, "--home " + flag);
        }
        final String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank())
        {
            return directory(Path.of(fromEnv.strip()), ENV + "=" + fromEnv.strip());
        }
        return installDirectory(codeLocation);
    }

    /**
     * @param codeLocation {@code HOME/app/target/station.jar} or {@code HOME/app/target/classes}.
     * @return HOME when it holds the launcher, else null.
     */
    static Path installDirectory(final Path codeLocation)
    {
        if (codeLocation == null)
        {
            return null;
        }
        final Path target = codeLocation.toAbsolutePath().normalize().getParent();
        if (target == null || !target.getFileName().toString().equals("target") || target.getParent() == null)
        {
            return null;
        }
        final Path root = target.getParent().getParent();
        return root != null && Files.isRegularFile(root.resolve(LAUNCHER)) ? root : null;
    }

    private static Path directory(final Path p, final String what)
    {
        if (!Files.isDirectory(p))
        {
            throw new IllegalArgumentException(what + " is not a directory");
        }
        return p.toAbsolutePath().normalize();
    }

    private static Path codeLocation()
    {
        try
        {
            final var source = StationHome.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI());
        }
        catch (final URISyntaxException | SecurityException | IllegalArgumentException ex)
        {
            return null;
        }
    }
}
