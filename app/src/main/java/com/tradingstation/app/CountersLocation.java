package com.tradingstation.app;

import com.tradingstation.core.counters.CountersFile;

import java.nio.file.Path;

/**
 * Where a station publishes its counters: {@code HOME/run/station.counters}, the home found as
 * {@link StationHome} finds it; with no home, {@code $TMPDIR/station-$USER/run/station.counters}.
 *
 * @param file the counters file.
 * @param note empty, or why the fallback was used (to say on stderr).
 */
record CountersLocation(Path file, String note)
{
    /** The counters file, relative to the home. */
    static final Path RELATIVE = Path.of("run", CountersFile.FILE_NAME);

    /**
     * @param home the station home ({@code --home}, else as {@link StationHome} finds it).
     * @return the location in force.
     * @throws IllegalArgumentException when the flag or {@code $STATION_HOME} is not a directory.
     */
    static CountersLocation resolve(final StationHome home)
    {
        final Path dir = home.resolve();
        if (dir != null)
        {
            return new CountersLocation(dir.resolve(RELATIVE), "");
        }
        final Path fallback = Path.of(System.getProperty("java.io.tmpdir"),
            "station-" + System.getProperty("user.name", "user")).resolve(RELATIVE).toAbsolutePath();
        return new CountersLocation(fallback,
            " (no station home: set " + StationHome.ENV + " or run the launcher of an install)");
    }
}
