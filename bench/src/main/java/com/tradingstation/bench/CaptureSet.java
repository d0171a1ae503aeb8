package com.tradingstation.bench;

import com.tradingstation.core.instrument.Venue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The real Binance capture sessions the benchmarks replay, read from the shared data directory
 * (never copied into the repository).
 * <p>
 * Directory: system property {@code station.data.dir}, default {@code ../shared/data/binance}
 * relative to the working directory (the repository root when run through {@code bench/run.sh}).
 * The captures are required: without them the benchmark setup fails with a one-line
 * {@link IllegalStateException} naming the directory.
 */
public enum CaptureSet
{
    /** Spot BTCUSDT, depth@100ms, one session across the UTC midnight split. */
    SPOT("spot", Venue.BINANCE_SPOT, "spot_btcusdt_20240808.gz", "spot_btcusdt_20240809.gz"),
    /** USD-M futures BTCUSDT, depth@0ms. */
    USDM("usdm", Venue.BINANCE_USDM, "usdm_btcusdt_20240808.gz"),
    /** COIN-M futures BTCUSD_PERP, depth@0ms, one session across the UTC midnight split. */
    COINM("coinm", Venue.BINANCE_COINM, "cm_btcusd_perp_20240808.gz", "cm_btcusd_perp_20240809.gz");

    /** System property naming the capture directory. */
    public static final String DATA_DIR_PROPERTY = "station.data.dir";
    /** Default capture directory, relative to the working directory. */
    public static final String DEFAULT_DATA_DIR = "../shared/data/binance";

    private final String id;
    private final Venue venue;
    private final String[] files;

    CaptureSet(final String id, final Venue venue, final String... files)
    {
        this.id = id;
        this.venue = venue;
        this.files = files;
    }

    /** @return the {@code @Param} name. */
    public String id()
    {
        return id;
    }

    /** @return the venue whose sequencing rule the session follows. */
    public Venue venue()
    {
        return venue;
    }

    /**
     * @param id a {@code @Param} value: spot, usdm or coinm.
     * @return the set.
     */
    public static CaptureSet of(final String id)
    {
        for (final CaptureSet s : values())
        {
            if (s.id.equals(id))
            {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown capture set '" + id + "' (known: spot, usdm, coinm)");
    }

    /**
     * @return the capture directory, absolute (it may not exist).
     */
    public static Path dataDir()
    {
        return Paths.get(System.getProperty(DATA_DIR_PROPERTY, DEFAULT_DATA_DIR)).toAbsolutePath().normalize();
    }

    /**
     * @return the session's files in replay order.
     * @throws IllegalStateException (one line, naming the directory) when any file is missing.
     */
    public List<Path> paths()
    {
        final Path dir = dataDir();
        final List<Path> paths = new ArrayList<>();
        final List<String> missing = new ArrayList<>();
        for (final String f : files)
        {
            final Path p = dir.resolve(f);
            if (!Files.isRegularFile(p))
            {
                missing.add(f);
            }
            paths.add(p);
        }
        if (!missing.isEmpty())
        {
            final String message = "Binance captures required by the benchmarks are missing from " + dir +
                File.separator + " (" + String.join(", ", missing) + "); set -D" + DATA_DIR_PROPERTY +
                "=<dir> or run from the repository root so that " + DEFAULT_DATA_DIR + " resolves";
            System.err.println("[bench] " + message);
            throw new IllegalStateException(message);
        }
        return paths;
    }
}
