package com.tradingstation.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small readers of {@code /proc} and {@code /sys} text files; each returns a fallback instead of failing. */
public final class ProcFiles
{
    private ProcFiles()
    {
    }

    /**
     * @param file a file.
     * @return its text, or an empty string when it cannot be read.
     */
    public static String read(final Path file)
    {
        try
        {
            return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        }
        catch (final IOException | SecurityException ex)
        {
            return "";
        }
    }

    /**
     * @param text a {@code key: value} file such as {@code status} (or {@code key : value}, as {@code sched}).
     * @param key  the key.
     * @return the value, trimmed, or null when the key is absent.
     */
    static String field(final String text, final String key)
    {
        int at = 0;
        while (at < text.length())
        {
            final int end = text.indexOf('\n', at) < 0 ? text.length() : text.indexOf('\n', at);
            if (text.startsWith(key, at))
            {
                final int colon = text.indexOf(':', at + key.length());
                if (colon >= 0 && colon < end && text.substring(at + key.length(), colon).isBlank())
                {
                    return text.substring(colon + 1, end).trim();
                }
            }
            at = end + 1;
        }
        return null;
    }

    /**
     * @param text a {@code key: value} file.
     * @param key  the key.
     * @return the value's leading number (a unit after it is ignored), or -1 when absent or not a number.
     */
    static long number(final String text, final String key)
    {
        final String value = field(text, key);
        if (value == null)
        {
            return -1;
        }
        final String first = value.split("\\s+")[0];
        try
        {
            return first.contains(".") ? (long)Double.parseDouble(first) : Long.parseLong(first);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }
}
