package com.tradingstation.app;

import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code station} commands in-process the way the launcher does ({@link StationMain#commandLine()}),
 * capturing what each run printed.
 */
abstract class CommandTestBase
{
    /** Standard output of the last {@link #run}. */
    protected StringWriter out = new StringWriter();
    /** Standard error of the last {@link #run}. */
    protected StringWriter err = new StringWriter();

    /**
     * @param args the command line after {@code station}.
     * @return the exit code; {@link #out} and {@link #err} hold only this run's output.
     */
    protected int run(final String... args)
    {
        out = new StringWriter();
        err = new StringWriter();
        final CommandLine cl = StationMain.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    /**
     * @param parts strings and string arrays (shared option groups), flattened in order.
     * @return a command line.
     */
    protected static String[] args(final Object... parts)
    {
        final List<String> l = new ArrayList<>();
        for (final Object p : parts)
        {
            if (p instanceof String[] a)
            {
                l.addAll(List.of(a));
            }
            else
            {
                l.add(String.valueOf(p));
            }
        }
        return l.toArray(new String[0]);
    }

    /**
     * @param dir   where to write it.
     * @param extra more property lines.
     * @return a new station config that serves no /status (so no running station is found by accident),
     *         and names no Redis unless {@code extra} does.
     * @throws IOException when it cannot be written.
     */
    protected static Path quietConfig(final Path dir, final String extra) throws IOException
    {
        final Path f = dir.resolve("station-" + System.nanoTime() + ".properties");
        Files.writeString(f, "station.http.port=-1\n" + extra);
        return f;
    }
}
