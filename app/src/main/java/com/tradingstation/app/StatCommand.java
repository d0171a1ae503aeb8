package com.tradingstation.app;

import com.tradingstation.core.counters.CountersFile;
import com.tradingstation.json.JsonWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code station stat}: the counters of a running station, read from another process through its
 * memory-mapped counters file (mapped read-only: the station's threads are never touched), the way
 * AeronStat reads a media driver.
 */
@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    description = {
        "Print the counters of a running station from another process, refreshed every --interval-ms.",
        "One line per counter (id, value, label), read from its counters file (HOME/run/station.counters;",
        "see `station run`). --json prints one snapshot and exits.",
        "Exit: 0 done (or the station stopped while watched); 2 usage error; 3 no running station."})
final class StatCommand implements Callable<Integer>
{
    @CommandLine.Mixin
    private Output output;

    @CommandLine.Mixin
    private StationHome home;

    @Option(names = "--file", paramLabel = "PATH", description = "The counters file itself (overrides --home).")
    private Path file;

    @CommandLine.Mixin
    private PrintPeriod period;

    @Option(names = "--count", paramLabel = "N",
        description = "Stop after N refreshes (default: until the station stops).")
    private Long count;

    /**
     * Refresh until {@code --count} or until the station stops. A bad option is a usage error, a
     * missing or dead station the exit of a command that could not run (either printed as one line by
     * {@link StationMain#commandLine()}'s handler).
     */
    @Override
    public Integer call() throws IOException
    {
        period.check(1);
        if (count != null && count <= 0)
        {
            throw new IllegalArgumentException("--count must be positive");
        }
        final Path path = file != null ? file : CountersLocation.resolve(home).file();
        final PrintWriter out = output.out();
        try (CountersFile counters = openRunning(path))
        {
            if (output.json)
            {
                out.println(json(counters));
                return StationMain.EXIT_OK;
            }
            for (long n = 1; ; n++)
            {
                out.print(table(counters));
                out.flush();
                if (count != null && n >= count)
                {
                    return StationMain.EXIT_OK;
                }
                LockSupport.parkNanos(period.nanos());
                if (!counters.ownerRunning() || !Files.exists(path))
                {
                    output.note("the station (pid " + counters.pid() + ") stopped");
                    return StationMain.EXIT_OK;
                }
            }
        }
    }

    /** @throws IOException saying there is no running station: no file, not a counters file, or its owner gone. */
    private static CountersFile openRunning(final Path path) throws IOException
    {
        if (!Files.exists(path))
        {
            throw new IOException("no running station: " + path + " does not exist");
        }
        final CountersFile counters;
        try
        {
            counters = CountersFile.openReadOnly(path);
        }
        catch (final IOException ex)
        {
            throw new IOException("no running station: " + StationMain.oneLine(ex), ex);
        }
        if (!counters.ownerRunning())
        {
            final long pid = counters.pid();
            counters.close();
            throw new IOException("no running station: " + path + " was left by pid " + pid + ", which is not running");
        }
        return counters;
    }

    private static String table(final CountersFile counters)
    {
        final long now = System.currentTimeMillis();
        final StringBuilder sb = new StringBuilder(2048);
        sb.append(String.format(Locale.ROOT, "%s - station pid %d, uptime %,d ms, %s%n",
            Instant.ofEpochMilli(now), counters.pid(), now - counters.startTimeMs(), counters.file()));
        sb.append("======================================================================\n");
        for (final CountersFile.Counter c : counters.counters())
        {
            sb.append(String.format(Locale.ROOT, "%3d: %,20d - %s%n", c.id(), c.value(), c.label()));
        }
        return sb.append('\n').toString();
    }

    private static String json(final CountersFile counters)
    {
        final long now = System.currentTimeMillis();
        final JsonWriter w = new JsonWriter().beginObject()
            .field("file", counters.file().toString())
            .field("pid", counters.pid())
            .field("startTimeMs", counters.startTimeMs())
            .field("uptimeMs", now - counters.startTimeMs())
            .name("counters").beginArray();
        for (final CountersFile.Counter c : counters.counters())
        {
            w.beginObject().field("id", c.id()).field("typeId", c.typeId()).field("label", c.label());
            if (!c.venue().isEmpty())
            {
                w.field("venue", c.venue());
            }
            w.field("value", c.value()).endObject();
        }
        return w.endArray().endObject().toString();
    }
}
