package com.tradingstation.ops;

import java.util.HashMap;
import java.util.Map;

/**
 * The fields of an {@code INFO} reply. Absent or unparsable numbers read as -1 (ratios as NaN), so
 * a server that does not report a field (older versions, other allocators) is visible as such.
 * Immutable.
 */
public final class RedisInfo
{
    private final Map<String, String> fields;

    private RedisInfo(final Map<String, String> fields)
    {
        this.fields = fields;
    }

    /**
     * @param info the text of an INFO reply (any sections).
     * @return its {@code key:value} fields.
     */
    public static RedisInfo parse(final String info)
    {
        final Map<String, String> m = new HashMap<>();
        for (final String line : info.split("\r?\n"))
        {
            if (line.isEmpty() || line.charAt(0) == '#')
            {
                continue;
            }
            final int colon = line.indexOf(':');
            if (colon > 0)
            {
                m.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return new RedisInfo(m);
    }

    /**
     * @param key field name.
     * @return its text, or null.
     */
    public String text(final String key)
    {
        return fields.get(key);
    }

    /**
     * @param key field name.
     * @return its integer value, or -1.
     */
    public long number(final String key)
    {
        return integerOrMinusOne(fields.get(key));
    }

    /**
     * @param value a decimal integer as text, or null.
     * @return its value, or -1 when it is absent or not an integer (the convention of INFO and /proc readers).
     */
    public static long integerOrMinusOne(final String value)
    {
        if (value == null)
        {
            return -1;
        }
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    /**
     * @param key field name.
     * @return its decimal value, or NaN.
     */
    public double ratio(final String key)
    {
        final String v = fields.get(key);
        if (v == null)
        {
            return Double.NaN;
        }
        try
        {
            return Double.parseDouble(v);
        }
        catch (final NumberFormatException ex)
        {
            return Double.NaN;
        }
    }
}
