package com.tradingstation.ops;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The station's {@code KEY=VALUE} files of numbers ({@code perf-thresholds.env},
 * {@code tail-thresholds.env}), read as a shell would source them: {@code #} comments, blank lines,
 * an optional {@code export } prefix, quotes and a trailing {@code  # comment} allowed. Every key must
 * be one of the known keys; values must be finite numbers. Stateless.
 */
public final class EnvFile
{
    private EnvFile()
    {
    }

    /**
     * @param text     KEY=VALUE lines.
     * @param source   name for messages.
     * @param defaults every known key with its default, in file order.
     * @return the defaults overridden by the text, in the order of {@code defaults}.
     * @throws IllegalArgumentException naming the line of a bad key or value.
     */
    public static Map<String, Double> parse(final String text, final String source, final Map<String, Double> defaults)
    {
        final Map<String, Double> values = new LinkedHashMap<>(defaults);
        final String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++)
        {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            if (line.startsWith("export "))
            {
                line = line.substring("export ".length()).strip();
            }
            final int eq = line.indexOf('=');
            if (eq <= 0)
            {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": expected KEY=VALUE, got '" + line + "'");
            }
            final String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            final int hash = value.indexOf(" #");
            if (hash >= 0)
            {
                value = value.substring(0, hash).strip();
            }
            if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0))
            {
                value = value.substring(1, value.length() - 1).strip();
            }
            if (!values.containsKey(key))
            {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": unknown key '" + key + "' (known: "
                    + String.join(", ", values.keySet()) + ")");
            }
            try
            {
                final double v = Double.parseDouble(value);
                if (!Double.isFinite(v))
                {
                    throw new NumberFormatException();
                }
                values.put(key, v);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": " + key + " is not a number: '" + value +
                    "'");
            }
        }
        return values;
    }
}
