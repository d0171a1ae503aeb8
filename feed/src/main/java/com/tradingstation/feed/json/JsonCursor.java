package com.tradingstation.feed.json;

/**
 * A forward-only cursor over the bytes of one JSON document, for decoders that pull exactly the
 * fields they need without building a tree, Strings or boxed numbers.
 * <p>
 * It never throws on bad input: the first syntax error sets {@link #failed()} and moves the
 * cursor to the end, so every loop over it terminates; callers check {@link #failed()} once they
 * are done. Strings are returned as byte spans ({@link #stringStart()}, {@link #stringEnd()})
 * without unescaping (venue symbols and event names carry no escapes).
 * <p>
 * Written by hand because the JSON libraries (Jackson, DSL-JSON) allocate per document or per
 * value, and the hot path must not allocate. Not thread-safe; reuse one per decoding thread.
 */
public final class JsonCursor
{
    private byte[] buf;
    private int pos;
    private int end;
    private boolean failed;
    private int strStart;
    private int strEnd;
    private long keyCode;

    /**
     * Point the cursor at a document.
     *
     * @param buffer bytes.
     * @param offset first byte.
     * @param length document length.
     * @return this.
     */
    public JsonCursor wrap(final byte[] buffer, final int offset, final int length)
    {
        this.buf = buffer;
        this.pos = offset;
        this.end = offset + length;
        this.failed = false;
        return this;
    }

    /** @return true once a syntax error was seen. */
    public boolean failed()
    {
        return failed;
    }

    /** @return current position. */
    public int position()
    {
        return pos;
    }

    /**
     * Move to a position previously read from {@link #position()} (for a second pass over a value).
     *
     * @param position the position.
     */
    public void position(final int position)
    {
        this.pos = position;
    }

    /** @return one past the last byte of the document. */
    public int limit()
    {
        return end;
    }

    /** @return the bytes wrapped. */
    public byte[] buffer()
    {
        return buf;
    }

    /** @return first byte of the last string read. */
    public int stringStart()
    {
        return strStart;
    }

    /** @return one past the last byte of the last string read. */
    public int stringEnd()
    {
        return strEnd;
    }

    /**
     * The last key read, packed into a long (first 8 bytes, big-endian, zero padded) for fast
     * comparison with {@link #code(String)} constants. Keys longer than 8 bytes pack their first 7
     * bytes and a length marker so they never equal a shorter key's code.
     *
     * @return the key code.
     */
    public long keyCode()
    {
        return keyCode;
    }

    /**
     * @return the last string read, packed as {@link #keyCode()} packs keys (for enum-like values).
     */
    public long stringCode()
    {
        return pack(buf, strStart, strEnd);
    }

    /**
     * @param key an ASCII key.
     * @return its code as {@link #keyCode()} would compute it.
     */
    public static long code(final String key)
    {
        final byte[] b = key.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return pack(b, 0, b.length);
    }

    private static long pack(final byte[] b, final int start, final int endExclusive)
    {
        final int len = endExclusive - start;
        long code = 0;
        if (len <= 8)
        {
            for (int i = start; i < endExclusive; i++)
            {
                code = (code << 8) | (b[i] & 0xFF);
            }
            return code;
        }
        for (int i = start; i < start + 7; i++)
        {
            code = (code << 8) | (b[i] & 0xFF);
        }
        long h = len;
        for (int i = start + 7; i < endExclusive; i++)
        {
            h = h * 31 + b[i];
        }
        return (code << 8) | (0x80 | (h & 0x7F)) | Long.MIN_VALUE;
    }

    /**
     * @return the next non-whitespace byte without consuming it, or -1 at the end.
     */
    public int peek()
    {
        skipWs();
        return pos < end ? buf[pos] : -1;
    }

    /**
     * Consume {@code c} after optional whitespace.
     *
     * @param c expected byte.
     * @return false (and failed) when the next byte is not {@code c}.
     */
    public boolean expect(final char c)
    {
        skipWs();
        if (pos < end && buf[pos] == c)
        {
            pos++;
            return true;
        }
        return fail();
    }

    /**
     * Begin an object: consumes '{'.
     *
     * @return false when the value is not an object.
     */
    public boolean beginObject()
    {
        return expect('{');
    }

    /**
     * Read the next key of the current object and its ':'; consumes the separating ',' and the
     * closing '}'.
     *
     * @param first true for the first call after {@link #beginObject()}.
     * @return true when a key was read (its value comes next), false at the object's end or on error.
     */
    public boolean nextKey(final boolean first)
    {
        if (!nextMember(first, '}') || !readString())
        {
            return false;
        }
        keyCode = pack(buf, strStart, strEnd);
        return expect(':');
    }

    /**
     * Read a string value; its span is in {@link #stringStart()}/{@link #stringEnd()}.
     *
     * @return false (and failed) when the next value is not a complete string.
     */
    public boolean readString()
    {
        skipWs();
        if (pos >= end || buf[pos] != '"')
        {
            return fail();
        }
        int i = pos + 1;
        final int start = i;
        final byte[] b = buf;
        while (i < end)
        {
            final byte c = b[i];
            if (c == '"')
            {
                strStart = start;
                strEnd = i;
                pos = i + 1;
                return true;
            }
            if (c == '\\')
            {
                i++; // skip the escaped byte
            }
            i++;
        }
        return fail();
    }

    /**
     * Read an integer value (optionally quoted, as some venues quote ids).
     *
     * @return the value, or 0 with {@link #failed()} set.
     */
    public long readLong()
    {
        skipWs();
        if (pos < end && buf[pos] == '"')
        {
            if (!readString())
            {
                return 0;
            }
            final int saveEnd = end;
            final int after = pos;
            pos = strStart;
            end = strEnd;
            final long v = readLongUnquoted();
            final boolean complete = pos == end;
            end = saveEnd;
            pos = after;
            if (!complete)
            {
                fail();
                return 0;
            }
            return v;
        }
        return readLongUnquoted();
    }

    private long readLongUnquoted()
    {
        boolean negative = false;
        if (pos < end && buf[pos] == '-')
        {
            negative = true;
            pos++;
        }
        final int start = pos;
        long v = 0;
        while (pos < end)
        {
            final int d = buf[pos] - '0';
            if (d < 0 || d > 9)
            {
                break;
            }
            if (v > (Long.MAX_VALUE - d) / 10)
            {
                fail();
                return 0;
            }
            v = v * 10 + d;
            pos++;
        }
        if (pos == start)
        {
            fail();
            return 0;
        }
        if (pos < end && (buf[pos] == '.' || buf[pos] == 'e' || buf[pos] == 'E'))
        {
            fail();
            return 0;
        }
        return negative ? -v : v;
    }

    /**
     * Read {@code true} or {@code false}.
     *
     * @return the value; false with {@link #failed()} set on anything else.
     */
    public boolean readBoolean()
    {
        skipWs();
        if (matches("true"))
        {
            pos += 4;
            return true;
        }
        if (matches("false"))
        {
            pos += 5;
            return false;
        }
        fail();
        return false;
    }

    /**
     * Skip any value (string, number, literal, object or array), however nested.
     *
     * @return false on a syntax error.
     */
    public boolean skipValue()
    {
        skipWs();
        if (pos >= end)
        {
            return fail();
        }
        final byte c = buf[pos];
        if (c == '"')
        {
            return readString();
        }
        if (c == '{' || c == '[')
        {
            return skipNested();
        }
        // number or literal: up to the next delimiter
        final int start = pos;
        while (pos < end)
        {
            final byte b = buf[pos];
            if (b == ',' || b == '}' || b == ']' || b == ' ' || b == '\t' || b == '\r' || b == '\n')
            {
                break;
            }
            pos++;
        }
        return pos > start || fail();
    }

    private boolean skipNested()
    {
        int depth = 0;
        final byte[] b = buf;
        while (pos < end)
        {
            final byte c = b[pos];
            if (c == '"')
            {
                if (!readString())
                {
                    return false;
                }
                continue;
            }
            if (c == '{' || c == '[')
            {
                depth++;
            }
            else if (c == '}' || c == ']')
            {
                depth--;
                if (depth == 0)
                {
                    pos++;
                    return true;
                }
            }
            pos++;
        }
        return fail();
    }

    /**
     * Begin an array: consumes '['.
     *
     * @return false when the value is not an array.
     */
    public boolean beginArray()
    {
        return expect('[');
    }

    /**
     * Advance to the next array element, consuming ',' or the closing ']'.
     *
     * @param first true for the first call after {@link #beginArray()}.
     * @return true when an element follows, false at the array's end or on error.
     */
    public boolean nextElement(final boolean first)
    {
        return nextMember(first, ']');
    }

    /**
     * Consume the ',' before a member of an object or array, or its closing byte.
     *
     * @return true when a member follows, false at the end ({@code close} consumed) or on error.
     */
    private boolean nextMember(final boolean first, final char close)
    {
        skipWs();
        if (pos >= end)
        {
            return fail();
        }
        final byte c = buf[pos];
        if (c == close)
        {
            pos++;
            return false;
        }
        if (!first)
        {
            if (c != ',')
            {
                return fail();
            }
            pos++;
        }
        return true;
    }

    /**
     * @return true when only whitespace remains.
     */
    public boolean atEnd()
    {
        skipWs();
        return pos >= end;
    }

    private boolean matches(final String literal)
    {
        final int n = literal.length();
        if (pos + n > end)
        {
            return false;
        }
        for (int i = 0; i < n; i++)
        {
            if (buf[pos + i] != literal.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    private void skipWs()
    {
        while (pos < end)
        {
            final byte c = buf[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            {
                return;
            }
            pos++;
        }
    }

    private boolean fail()
    {
        failed = true;
        pos = end;
        return false;
    }
}
