package com.tradingstation.app;

import com.tradingstation.ops.Thresholds;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Picocli mixin for {@code --thresholds FILE}: that file, else config/perf-thresholds.env when
 * present, else the built-in defaults (the same values as the committed file).
 */
final class ThresholdsOption
{
    /** The committed thresholds file, relative to the working directory. */
    static final Path DEFAULT_FILE = Path.of("config", "perf-thresholds.env");

    @Option(names = "--thresholds", paramLabel = "FILE",
        description = "perf-thresholds.env (default config/perf-thresholds.env, else built-in defaults).")
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
     * @return the thresholds in force.
     * @throws IllegalArgumentException on an unreadable or bad file (usage error).
     */
    Loaded load()
    {
        final Path f = file != null ? file : DEFAULT_FILE;
        if (file == null && !Files.isRegularFile(f))
        {
            return new Loaded(Thresholds.defaults(), "built-in defaults");
        }
        try
        {
            return new Loaded(Thresholds.load(f), f.toString());
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read thresholds " + f + " (" + ex.getClass().getSimpleName() + ")", ex);
        }
    }
}
