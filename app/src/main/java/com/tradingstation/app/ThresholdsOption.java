package com.tradingstation.app;

import com.tradingstation.ops.Thresholds;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Picocli mixin for {@code --thresholds FILE}: that file, else {@code config/perf-thresholds.env}
 * of the station home ({@link StationHome}) when present, else the built-in defaults (the same
 * values as the committed file). Never a file of the working directory.
 */
final class ThresholdsOption
{
    @Option(names = "--thresholds", paramLabel = "FILE",
        description = "perf-thresholds.env (default HOME/config/perf-thresholds.env, else built-in defaults).")
    Path file;

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
        final Path f = inForce(file, home, StationHome.THRESHOLDS);
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
     * The rule of every thresholds file: the file named by the flag, else the file under the home when
     * there is one, else none (the built-in defaults).
     *
     * @param flag     the file named by the flag, or null.
     * @param home     the station home in force, or null when there is none.
     * @param relative where the file lives under the home, e.g. {@link StationHome#THRESHOLDS}.
     * @return the file to load, or null for the built-in defaults.
     */
    static Path inForce(final Path flag, final Path home, final Path relative)
    {
        if (flag != null)
        {
            return flag;
        }
        final Path f = home == null ? null : home.resolve(relative);
        return f != null && Files.isRegularFile(f) ? f : null;
    }
}
