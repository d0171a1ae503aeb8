package com.tradingstation.ops.dataset;

import java.nio.charset.StandardCharsets;

/**
 * The keys, value sizes and value bytes of a {@link DatasetSpec}, each a pure function of the spec's
 * seed and the entry's index (and, for values, a version: 0 for the load, &gt; 0 for a churn rewrite).
 *
 * <p>A key is the prefix followed by 16 lowercase hex digits of a seeded bijective scramble of the
 * index, so keys are unique, consecutive indexes differ from the first digit after the prefix on,
 * and no key carries a hash tag. A value is printable base-64 characters ({@code A-Z a-z 0-9 - _})
 * from a seeded SplitMix64 stream: about 6 bits of entropy per byte, so a compressor gains little
 * (DEFLATE keeps about 75%), as with real payloads, and unlike a run of one byte.
 *
 * <p>Stateless and thread-safe; nothing is allocated except the returned key.
 */
public final class DatasetKeys
{
    /** Characters of the scrambled index after the prefix. */
    static final int INDEX_CHARS = 16;

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ALPHABET =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".getBytes(StandardCharsets.US_ASCII);
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long KEY_SALT = 0x4B45595FL;
    private static final long SIZE_SALT = 0x53495A45L;
    private static final long VALUE_SALT = 0x56414C55L;
    private static final int CHARS_PER_WORD = 10;
    private static final int BITS_PER_CHAR = 6;
    private static final int CHAR_MASK = 63;

    private DatasetKeys()
    {
    }

    /**
     * @param spec  the dataset.
     * @param index 0 &lt;= index &lt; {@code spec.keys()}.
     * @return the key of that entry: prefix + 16 hex digits of the scrambled index.
     */
    public static byte[] key(final DatasetSpec spec, final long index)
    {
        checkIndex(spec, index);
        final String prefix = spec.keyPrefix();
        final int n = prefix.length();
        byte[] k = new byte[n + INDEX_CHARS];
        int at = 0;
        while (at < n && prefix.charAt(at) < 0x80)
        {
            k[at] = (byte)prefix.charAt(at);
            at++;
        }
        if (at < n)
        {
            // A non-ASCII prefix: its UTF-8 bytes (the rare path; allocates the encoding once more).
            final byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
            k = new byte[p.length + INDEX_CHARS];
            System.arraycopy(p, 0, k, 0, p.length);
            at = p.length;
        }
        final long s = mix(index ^ mix(spec.seed() ^ KEY_SALT));
        for (int i = 0; i < INDEX_CHARS; i++)
        {
            k[at + i] = HEX[(int)(s >>> (60 - 4 * i)) & 15];
        }
        return k;
    }

    /**
     * @param spec the dataset.
     * @return bytes of every key (prefix in UTF-8 and the index digits).
     */
    static int keyLength(final DatasetSpec spec)
    {
        return spec.keyPrefix().getBytes(StandardCharsets.UTF_8).length + INDEX_CHARS;
    }

    /**
     * @param spec  the dataset.
     * @param index 0 &lt;= index &lt; {@code spec.keys()}.
     * @return the size of the entry's loaded value, drawn from the weighted mix.
     */
    public static int valueSize(final DatasetSpec spec, final long index)
    {
        checkIndex(spec, index);
        return spec.sizeOf(sizeClass(spec, index, 0));
    }

    /**
     * @param spec    the dataset.
     * @param index   the entry.
     * @param version 0 for the load, &gt; 0 for a rewrite (each version draws its size again).
     * @return the size class of that version's value.
     */
    static int sizeClass(final DatasetSpec spec, final long index, final long version)
    {
        return draw(spec, hash(spec.seed() ^ SIZE_SALT, index, version));
    }

    /**
     * @param spec the dataset.
     * @param h    a uniformly distributed 64-bit hash.
     * @return a size class drawn by weight.
     */
    static int draw(final DatasetSpec spec, final long h)
    {
        long total = 0;
        for (int c = 0; c < spec.sizeClasses(); c++)
        {
            total += spec.weightOf(c);
        }
        long r = ((h >>> 32) * total) >>> 32;
        int c = 0;
        while (r >= spec.weightOf(c))
        {
            r -= spec.weightOf(c);
            c++;
        }
        return c;
    }

    /**
     * Writes the bytes of a value: seeded pseudo-random base-64 characters.
     *
     * @param spec    the dataset (its seed).
     * @param index   the entry.
     * @param version 0 for the loaded value, &gt; 0 for a rewrite.
     * @param buffer  where to write, from offset 0.
     * @param length  how many bytes, &lt;= {@code buffer.length}.
     */
    public static void fillValue(final DatasetSpec spec, final long index, final long version, final byte[] buffer,
        final int length)
    {
        if (length < 0 || length > buffer.length)
        {
            throw new IllegalArgumentException("length " + length + " does not fit a buffer of " + buffer.length);
        }
        long state = hash(spec.seed() ^ VALUE_SALT, index, version);
        int i = 0;
        while (i < length)
        {
            state += GOLDEN;
            long z = mix(state);
            final int end = Math.min(length, i + CHARS_PER_WORD);
            for (; i < end; i++)
            {
                buffer[i] = ALPHABET[(int)z & CHAR_MASK];
                z >>>= BITS_PER_CHAR;
            }
        }
    }

    private static long hash(final long salt, final long index, final long version)
    {
        return mix(mix(mix(salt) + index) + version * GOLDEN);
    }

    /** The SplitMix64 finalizer: a bijection of 64-bit values with good avalanche. */
    static long mix(final long x)
    {
        long z = x;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void checkIndex(final DatasetSpec spec, final long index)
    {
        if (index < 0 || index >= spec.keys())
        {
            throw new IllegalArgumentException("index " + index + " is outside the dataset's 0.." + spec.keys());
        }
    }
}
