package com.tradingstation.ops.dataset;

/**
 * What loading a {@link DatasetSpec} adds to Redis's {@code used_memory}, derived from how Redis
 * (7.x, jemalloc) stores a string key and counts memory ({@code used_memory} is the sum of
 * {@code malloc_usable_size}, so every allocation counts at its jemalloc size class):
 *
 * <ul>
 *   <li>the dict entry: 24 bytes (key, value and next pointers), class 32;</li>
 *   <li>the key: an sds string, header + key bytes + NUL, rounded to its class;</li>
 *   <li>the value: a value of at most {@value #EMBSTR_LIMIT} bytes is one EMBSTR allocation (16-byte
 *       robj + sds header + bytes + NUL); a longer one is a 16-byte robj plus its own sds;</li>
 *   <li>the hash table: 8 bytes per bucket, buckets the power of two at or above the key count.</li>
 * </ul>
 *
 * <p>An sds header is 3 bytes below 256 bytes of content and 5 bytes below 64 KiB (9 above). The
 * size classes are jemalloc's: multiples of 16 up to 128, then four classes per power of two
 * ({@link #sizeClass}). Checked against a real redis-server in MemoryEstimateTest (within 25% at 20,000
 * keys). Not counted: the client's buffers during the load and the keyspace's per-key expire entries
 * (the load sets no TTL).
 */
public final class MemoryEstimate
{
    /** Longest string Redis stores as EMBSTR. */
    static final int EMBSTR_LIMIT = 44;
    /** A dictEntry of the keyspace. */
    static final int DICT_ENTRY = 24;
    /** A redisObject. */
    static final int ROBJ = 16;
    /** A hash-table bucket (a pointer). */
    static final int BUCKET = 8;

    private static final int SDS8_MAX = 256;
    private static final int SDS16_MAX = 65_536;
    private static final int QUANTUM = 16;
    private static final int SMALLEST_GROUPED = 128;

    private MemoryEstimate()
    {
    }

    /**
     * @param spec the dataset.
     * @return the expected growth of {@code used_memory} after loading it into an empty database.
     */
    public static long bytes(final DatasetSpec spec)
    {
        if (spec.keys() == 0)
        {
            return 0;
        }
        final long[] counts = new long[spec.sizeClasses()];
        for (long i = 0; i < spec.keys(); i++)
        {
            counts[DatasetKeys.sizeClass(spec, i, 0)]++;
        }
        final long perKey = sizeClass(DICT_ENTRY) + sizeClass(sds(DatasetKeys.keyLength(spec)));
        long total = perKey * spec.keys() + BUCKET * buckets(spec.keys());
        for (int c = 0; c < counts.length; c++)
        {
            total += counts[c] * valueBytes(spec.sizeOf(c));
        }
        return total;
    }

    /**
     * @param length bytes of a string value.
     * @return what Redis allocates for it: robj and sds, at their size classes.
     */
    static long valueBytes(final int length)
    {
        if (length <= EMBSTR_LIMIT)
        {
            return sizeClass(ROBJ + sds(length));
        }
        return sizeClass(ROBJ) + sizeClass(sds(length));
    }

    /**
     * @param length bytes of content.
     * @return bytes of an sds string holding them: header, content and the terminating NUL.
     */
    static long sds(final long length)
    {
        final int header = length < SDS8_MAX ? 3 : length < SDS16_MAX ? 5 : 9;
        return header + length + 1;
    }

    /**
     * @param keys keys in the dict.
     * @return buckets of its table: the power of two at or above {@code keys}, at least 4.
     */
    static long buckets(final long keys)
    {
        return Math.max(4, Long.highestOneBit(Math.max(1, keys - 1)) << 1);
    }

    /**
     * @param n bytes requested, &gt; 0.
     * @return the jemalloc size class that serves them: 8, then multiples of 16 up to 128, then four
     *         evenly spaced classes per doubling (160, 192, 224, 256, 320, ...).
     */
    static long sizeClass(final long n)
    {
        if (n <= 8)
        {
            return 8;
        }
        if (n <= SMALLEST_GROUPED)
        {
            return (n + QUANTUM - 1) / QUANTUM * QUANTUM;
        }
        final int lg = 63 - Long.numberOfLeadingZeros(n - 1);
        final long step = 1L << (lg - 2);
        return (n + step - 1) / step * step;
    }
}
