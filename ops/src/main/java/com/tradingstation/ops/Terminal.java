package com.tradingstation.ops;

import java.io.Console;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The controlling terminal, through {@code stty} on {@code /dev/tty}: whether output is a terminal,
 * its size, and a raw (non-canonical, no echo) mode so single keys arrive without Enter. Every
 * method degrades to "no terminal" instead of throwing. Not thread-safe; one per dashboard.
 */
public final class Terminal implements AutoCloseable
{
    private static final File TTY = new File("/dev/tty");
    private String savedMode;

    /**
     * @return whether standard output is an interactive terminal (JDK 22+ asks the console, older
     *         JDKs create one only when stdin and stdout are terminals).
     */
    public static boolean isTerminal()
    {
        final Console c = System.console();
        if (c == null)
        {
            return false;
        }
        try
        {
            final Method m = Console.class.getMethod("isTerminal");
            return (Boolean)m.invoke(c);
        }
        catch (final ReflectiveOperationException ex)
        {
            return true;
        }
    }

    /**
     * Puts the terminal in raw mode, remembering the previous mode for {@link #close()}.
     *
     * @return whether raw mode is on.
     */
    public boolean enterRawMode()
    {
        final String saved = stty("-g");
        if (saved == null || saved.isBlank())
        {
            return false;
        }
        if (stty("-icanon", "-echo", "min", "0", "time", "0") == null)
        {
            return false;
        }
        savedMode = saved.strip();
        return true;
    }

    /**
     * @param fallback columns when the size cannot be read.
     * @return the terminal's current columns.
     */
    public static int columns(final int fallback)
    {
        final String size = stty("size");
        if (size != null)
        {
            final String[] rc = size.strip().split("\\s+");
            if (rc.length == 2)
            {
                try
                {
                    final int cols = Integer.parseInt(rc[1]);
                    if (cols > 0)
                    {
                        return cols;
                    }
                }
                catch (final NumberFormatException ignored)
                {
                    // fall through to COLUMNS
                }
            }
        }
        try
        {
            return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", Integer.toString(fallback)).strip());
        }
        catch (final NumberFormatException ex)
        {
            return fallback;
        }
    }

    /** Restores the mode saved by {@link #enterRawMode()}; idempotent. */
    @Override
    public void close()
    {
        if (savedMode != null)
        {
            stty(savedMode);
            savedMode = null;
        }
    }

    private static String stty(final String... args)
    {
        if (!TTY.canRead())
        {
            return null;
        }
        try
        {
            final List<String> cmd = new java.util.ArrayList<>(List.of("stty"));
            cmd.addAll(List.of(args));
            final Process p = new ProcessBuilder(cmd).redirectInput(TTY).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
            final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0)
            {
                p.destroyForcibly();
                return null;
            }
            return out;
        }
        catch (final IOException ex)
        {
            return null;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
