package com.tradingstation.app;

import com.tradingstation.ops.Thresholds;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Picocli mixin for {@code --thresholds FILE}: that file, else the command's thresholds file under the
 * station home ({@link StationHome#THRESHOLDS}, or {@link StationHome#TAIL_THRESHOLDS} for
 * {@code station tail}) when present, else the built-in defaults (the same values as the committed
 * file). Never a file of the working directory.
 */
final class ThresholdsOption
{
    @Option(names = "--thresholds", paramLabel = "FILE",
        description = "Thresholds file (default HOME/config/perf-thresholds.env, for station tail "
            + "HOME/config/tail-thresholds.env; else built-in defaults).")
    Path file;

    /** Where the file lives under the home. */
    private final Path relative;

    /** The performance thresholds of the gate, the dashboard and the report. */
    ThresholdsOption()
    {
        this(StationHome.THRESHOLDS);
    }

    /**
     * @param relative where the thresholds file lives under the home, e.g. {@link StationHome#TAIL_THRESHOLDS}.
     */
    ThresholdsOption(final Path relative)
    {
        this.relative = relative;
    }

    /**
     * Thresholds with where they came from.
     *
     * @param thresholds the values.
     * @param source     the file, or {@code built-in defaults}.
     */
    record Loaded(Thresholds thresholds, String source)
    {
    }

    /**
     * @param home the station home in force, or null when there is none.
     * @return the thresholds in force.
     * @throws IllegalArgumentException on an unreadable or bad file (usage error).
     */
    Loaded load(final Path home)
    {
        final Path f = inForce(home);
        if (f == null)
        {
            return new Loaded(Thresholds.defaults(), "built-in defaults");
        }
        try
        {
            return new Loaded(Thresholds.load(f), f.toString());
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read thresholds " + f + " (" + ex.getClass().getSimpleName() +
                ")", ex);
        }
    }

    /**
     * @param home the station home in force, or null when there is none.
     * @return the file named by the flag, else the file under the home when there is one, else null (the
     * built-in defaults).
     */
    Path inForce(final Path home)
    {
        if (file != null)
        {
            return file;
        }
        final Path f = home == null ? null : home.resolve(relative);
        return f != null && Files.isRegularFile(f) ? f : null;
    }
}
