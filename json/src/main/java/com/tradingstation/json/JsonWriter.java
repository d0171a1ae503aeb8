package com.tradingstation.json;

/**
 * A minimal streaming JSON text writer for reports and status output (not the hot path).
 * Keeps key order as written and writes numbers as given, so decimal strings stay exact.
 * <p>
 * The one JSON writer of the station off the hot path (reports, status, ledger lines, the Redis
 * sink's top-of-book and book snapshots). Written by hand, and not jackson-core's JsonGenerator,
 * because it appends into a caller's {@link StringBuilder} that can be {@link #reset()} and reused:
 * the Redis sink writes every snapshot with no allocation beyond the final String, and this
 * module stays a leaf with no dependency that ops, sim, feed and the sink can all stand on.
 */
public final class JsonWriter
{
    private final StringBuilder sb;
    private boolean needComma;

    /** Writer into a new builder. */
    public JsonWriter()
    {
        this(new StringBuilder(1024));
    }

    /**
     * @param sb destination.
     */
    public JsonWriter(final StringBuilder sb)
    {
        this.sb = sb;
    }

    /**
     * Empties the destination and forgets the state, to write a new document into the same builder.
     *
     * @return this.
     */
    public JsonWriter reset()
    {
        sb.setLength(0);
        needComma = false;
        return this;
    }

    /**
     * Starts a new top-level value after what the destination already holds, without emptying it:
     * for line-delimited output, where the caller appends its own text between documents (a
     * timestamp before one, a newline after it) and the next value must not be preceded by a comma.
     *
     * @return this.
     */
    public JsonWriter nextDocument()
    {
        needComma = false;
        return this;
    }

    /** @return this; opens an object. */
    public JsonWriter beginObject()
    {
        return open('{');
    }

    /** @return this; closes an object. */
    public JsonWriter endObject()
    {
        return close('}');
    }

    /** @return this; opens an array. */
    public JsonWriter beginArray()
    {
        return open('[');
    }

    /** @return this; closes an array. */
    public JsonWriter endArray()
    {
        return close(']');
    }

    /**
     * @param name key of the value written next.
     * @return this.
     */
    public JsonWriter name(final String name)
    {
        comma();
        if (name.length() == 1 && !needsEscape(name.charAt(0)))
        {
            // The venue's one-letter keys ("E", "s", "u"): appending the char is much cheaper than a String copy.
            sb.append('"').append(name.charAt(0)).append("\":");
            needComma = false;
            return this;
        }
        string(name);
        sb.append(':');
        needComma = false;
        return this;
    }

    /**
     * @param value a string value (escaped).
     * @return this.
     */
    public JsonWriter value(final String value)
    {
        valueBuilder();
        if (value == null)
        {
            sb.append("null");
        }
        else
        {
            string(value);
        }
        return this;
    }

    /**
     * @param json a complete JSON value, already serialised (written as it is).
     * @return this.
     */
    public JsonWriter rawValue(final String json)
    {
        valueBuilder().append(json);
        return this;
    }

    /**
     * For a value the caller formats itself without an intermediate String (e.g. a fixed-point
     * decimal): writes the separator and hands out the destination, to which the caller appends
     * exactly one complete JSON value.
     *
     * @return the destination.
     */
    public StringBuilder valueBuilder()
    {
        comma();
        needComma = true;
        return sb;
    }

    /**
     * @param value a number.
     * @return this.
     */
    public JsonWriter value(final long value)
    {
        valueBuilder().append(value);
        return this;
    }

    /**
     * @param value a number; NaN and infinities are written as null.
     * @return this.
     */
    public JsonWriter value(final double value)
    {
        valueBuilder();
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            sb.append("null");
        }
        else
        {
            sb.append(value);
        }
        return this;
    }

    /**
     * @param value a boolean.
     * @return this.
     */
    public JsonWriter value(final boolean value)
    {
        valueBuilder().append(value);
        return this;
    }

    /**
     * @param name  key.
     * @param value string value.
     * @return this.
     */
    public JsonWriter field(final String name, final String value)
    {
        return name(name).value(value);
    }

    /**
     * @param name  key.
     * @param value number.
     * @return this.
     */
    public JsonWriter field(final String name, final long value)
    {
        return name(name).value(value);
    }

    /**
     * @param name  key.
     * @param value number.
     * @return this.
     */
    public JsonWriter field(final String name, final double value)
    {
        return name(name).value(value);
    }

    /**
     * @param name  key.
     * @param value boolean.
     * @return this.
     */
    public JsonWriter field(final String name, final boolean value)
    {
        return name(name).value(value);
    }

    @Override
    public String toString()
    {
        return sb.toString();
    }

    private JsonWriter open(final char bracket)
    {
        comma();
        sb.append(bracket);
        needComma = false;
        return this;
    }

    private JsonWriter close(final char bracket)
    {
        sb.append(bracket);
        needComma = true;
        return this;
    }

    private void comma()
    {
        if (needComma)
        {
            sb.append(',');
        }
    }

    private void string(final String s)
    {
        sb.append('"');
        final int length = s.length();
        int i = 0;
        while (i < length && !needsEscape(s.charAt(i)))
        {
            i++;
        }
        if (i == length)
        {
            // The common case (names, symbols, decimals): nothing to escape, one bulk append; kept
            // small so that it inlines into the callers.
            sb.append(s);
        }
        else
        {
            escaped(s, i);
        }
        sb.append('"');
    }

    private void escaped(final String s, final int from)
    {
        sb.append(s, 0, from);
        for (int i = from; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        sb.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        sb.append(c);
                    }
                }
            }
        }
    }

    private static boolean needsEscape(final char c)
    {
        return c < 0x20 || c == '"' || c == '\\';
    }
}
