package com.tradingstation.feed.testing;

import com.tradingstation.feed.capture.CaptureLineHandler;
import com.tradingstation.feed.capture.CaptureReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Locates the real Binance captures in ../shared/data/binance (never copied into the repo) and
 * loads capture lines into memory for tests.
 */
public final class Captures
{
    /** The spot session split across UTC midnight. */
    public static final List<String> SPOT = List.of("spot_btcusdt_20240808.gz", "spot_btcusdt_20240809.gz");
    /** The USD-M session. */
    public static final List<String> USDM = List.of("usdm_btcusdt_20240808.gz");
    /** The COIN-M session split across UTC midnight. */
    public static final List<String> COINM = List.of("cm_btcusd_perp_20240808.gz", "cm_btcusd_perp_20240809.gz");

    private Captures()
    {
    }

    /**
     * @return the capture directory: system property station.shared.dir + /data/binance, else
     * ../shared/data/binance from the module or repo directory.
     */
    public static Path dataDir()
    {
        final String shared = System.getProperty("station.shared.dir");
        final List<Path> candidates = new ArrayList<>();
        if (shared != null)
        {
            candidates.add(Paths.get(shared, "data", "binance"));
        }
        candidates.add(Paths.get("..", "shared", "data", "binance"));
        candidates.add(Paths.get("..", "..", "shared", "data", "binance"));
        for (final Path p : candidates)
        {
            if (Files.isDirectory(p))
            {
                return p.toAbsolutePath().normalize();
            }
        }
        return candidates.get(0).toAbsolutePath().normalize();
    }

    /**
     * @param names file names of one session.
     * @return their paths, or null when any is missing.
     */
    public static List<Path> session(final List<String> names)
    {
        final List<Path> paths = new ArrayList<>();
        for (final String n : names)
        {
            final Path p = dataDir().resolve(n);
            if (!Files.isRegularFile(p))
            {
                return null;
            }
            paths.add(p);
        }
        return paths;
    }

    /**
     * @param names file names.
     * @return a message explaining the skip.
     */
    public static String missing(final List<String> names)
    {
        return "SKIPPED: real Binance captures " + names + " not found in " + dataDir() +
            " (they live in ../shared/data/binance beside the repo)";
    }

    /**
     * A capture line held in memory: JSON bytes and receive time.
     *
     * @param json          JSON bytes.
     * @param receiveTimeNs receive time.
     */
    public record Line(byte[] json, long receiveTimeNs)
    {
    }

    /**
     * @param files capture files.
     * @return every message line, in order.
     */
    public static List<Line> load(final List<Path> files)
    {
        final List<Line> lines = new ArrayList<>();
        final CaptureReader reader = new CaptureReader();
        for (final Path f : files)
        {
            try
            {
                reader.read(f, new CaptureLineHandler()
                {
                    @Override
                    public void onLine(final byte[] buffer, final int offset, final int length, final long t)
                    {
                        lines.add(new Line(Arrays.copyOfRange(buffer, offset, offset + length), t));
                    }

                    @Override
                    public void onBadLine(final boolean tooLong)
                    {
                        throw new IllegalStateException("bad line in " + f);
                    }
                });
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        return lines;
    }
}
