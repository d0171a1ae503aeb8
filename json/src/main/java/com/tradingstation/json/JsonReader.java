package com.tradingstation.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON parser for the documents the ops commands read back: ledger lines and the
 * station's /status. Objects become {@link LinkedHashMap}s (key order kept), arrays
 * {@link ArrayList}s, numbers {@link Double}s, and {@code true}/{@code false}/{@code null} their
 * Java counterparts. Not for the hot path; stateless and thread-safe.
 */
public final class JsonReader
{
    private final String text;
    private int pos;

    private JsonReader(final String text)
    {
        this.text = text;
    }

    /**
     * @param text one complete JSON value, optionally surrounded by whitespace.
     * @return the parsed value.
     * @throws IllegalArgumentException naming the offset of the first error, including truncation.
     */
    public static Object parse(final String text)
    {
        final JsonReader r = new JsonReader(text);
        r.skipWs();
        final Object v = r.value();
        r.skipWs();
        if (r.pos != text.length())
        {
            throw r.error("trailing characters");
        }
        return v;
    }

    /**
     * @param text a JSON object.
     * @return its members.
     * @throws IllegalArgumentException when the text is not one JSON object.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(final String text)
    {
        final Object v = parse(text);
        if (!(v instanceof Map))
        {
            throw new IllegalArgumentException("not a JSON object");
        }
        return (Map<String, Object>)v;
    }

    /**
     * Follows a dotted path through nested objects.
     *
     * @param root an object from {@link #parseObject}.
     * @param path e.g. {@code "metrics.rtt_p99_us"}.
     * @return the value, or null when any step is missing.
     */
    @SuppressWarnings("unchecked")
    public static Object at(final Map<String, Object> root, final String path)
    {
        Object v = root;
        for (final String step : path.split("\\."))
        {
            if (!(v instanceof Map))
            {
                return null;
            }
            v = ((Map<String, Object>)v).get(step);
        }
        return v;
    }

    private Object value()
    {
        if (pos >= text.length())
        {
            throw error("unexpected end");
        }
        final char c = text.charAt(pos);
        return switch (c)
        {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    private Map<String, Object> object()
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        if (opensEmpty('}'))
        {
            return m;
        }
        do
        {
            skipWs();
            if (peek() != '"')
            {
                throw error("expected a key");
            }
            final String key = string();
            skipWs();
            expect(':');
            skipWs();
            m.put(key, value());
        }
        while (!closes('}'));
        return m;
    }

    private List<Object> array()
    {
        final List<Object> l = new ArrayList<>();
        if (opensEmpty(']'))
        {
            return l;
        }
        do
        {
            skipWs();
            l.add(value());
        }
        while (!closes(']'));
        return l;
    }

    /**
     * Step over an object's or array's opening bracket.
     *
     * @param close its closing bracket.
     * @return true when the container is empty (its closing bracket consumed too).
     */
    private boolean opensEmpty(final char close)
    {
        pos++;
        skipWs();
        if (peek() == close)
        {
            pos++;
            return true;
        }
        return false;
    }

    /**
     * Read what follows a member: a comma, or the container's closing bracket.
     *
     * @param close the closing bracket.
     * @return true at the closing bracket.
     */
    private boolean closes(final char close)
    {
        skipWs();
        final char c = next();
        if (c == close)
        {
            return true;
        }
        if (c != ',')
        {
            throw error("expected ',' or '" + close + "'");
        }
        return false;
    }

    private String string()
    {
        expect('"');
        final StringBuilder sb = new StringBuilder();
        while (true)
        {
            final char c = next();
            if (c == '"')
            {
                return sb.toString();
            }
            if (c == '\\')
            {
                final char e = next();
                switch (e)
                {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' ->
                    {
                        if (pos + 4 > text.length())
                        {
                            throw error("unexpected end");
                        }
                        try
                        {
                            sb.append((char)Integer.parseInt(text.substring(pos, pos + 4), 16));
                        }
                        catch (final NumberFormatException ex)
                        {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape");
                }
            }
            else if (c < 0x20)
            {
                throw error("control character in string");
            }
            else
            {
                sb.append(c);
            }
        }
    }

    private Object literal(final String word, final Object value)
    {
        if (!text.startsWith(word, pos))
        {
            throw error("expected " + word);
        }
        pos += word.length();
        return value;
    }

    private Double number()
    {
        final int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0)
        {
            pos++;
        }
        if (start == pos)
        {
            throw error("unexpected character '" + text.charAt(pos) + "'");
        }
        try
        {
            return Double.valueOf(text.substring(start, pos));
        }
        catch (final NumberFormatException ex)
        {
            throw error("bad number");
        }
    }

    private void skipWs()
    {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos)))
        {
            pos++;
        }
    }

    private char peek()
    {
        if (pos >= text.length())
        {
            throw error("unexpected end");
        }
        return text.charAt(pos);
    }

    private char next()
    {
        final char c = peek();
        pos++;
        return c;
    }

    private void expect(final char c)
    {
        if (next() != c)
        {
            throw error("expected '" + c + "'");
        }
    }

    private IllegalArgumentException error(final String what)
    {
        return new IllegalArgumentException("bad JSON at offset " + pos + ": " + what);
    }
}
