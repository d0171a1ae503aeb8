package com.tradingstation.core.sync;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * One instrument's depth diffs that arrived before a usable snapshot, copied and kept in arrival
 * order (each as a length then its bytes), bounded in bytes, and replayed onto the snapshot when
 * it comes.
 * <p>
 * Past the bound, everything held is older than any snapshot that could be fetched now, so all of
 * it is dropped and counted as one overflow.
 * <p>
 * Threading: the book thread. Allocation: none once the buffer has grown to its working size.
 */
final class PendingDiffs
{
    /**
     * Takes one diff during a {@link #replay}; the diff's bytes are valid only during the call.
     */
    @FunctionalInterface
    interface Replayer
    {
        /** Applied or dropped: the next diff is offered. */
        int CONSUMED = 0;
        /** Did not chain: the book went stale, and this diff and those after it wait for the next snapshot. */
        int STALE_UNCONSUMED = 1;
        /** Applied, then the book went stale: the diffs after it wait for the next snapshot. */
        int STALE_CONSUMED = 2;

        /**
         * @param buffer diff bytes.
         * @param offset diff start.
         * @param length diff length.
         * @return {@link #CONSUMED}, {@link #STALE_UNCONSUMED} or {@link #STALE_CONSUMED}.
         */
        int replay(DirectBuffer buffer, int offset, int length);
    }

    private static final int LENGTH_PREFIX_BYTES = 4;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4 * 1024); // grows while diffs wait
    private final int maxBytes;
    private int lengthBytes;
    private long bufferedCount;
    private long overflowCount;
    private long droppedCount;

    /**
     * @param maxBytes bound of held bytes (diffs and their length prefixes).
     */
    PendingDiffs(final int maxBytes)
    {
        this.maxBytes = maxBytes;
    }

    /**
     * Copy one diff in, first dropping everything held when it would pass the bound.
     *
     * @param diff   diff bytes.
     * @param offset diff start.
     * @param length diff length.
     */
    void add(final DirectBuffer diff, final int offset, final int length)
    {
        final int entryBytes = LENGTH_PREFIX_BYTES + length;
        if (lengthBytes + entryBytes > maxBytes)
        {
            overflowCount++;
            droppedCount += count();
            lengthBytes = 0;
            if (entryBytes > maxBytes)
            {
                droppedCount++;
                return;
            }
        }
        buffer.putInt(lengthBytes, length);
        buffer.putBytes(lengthBytes + LENGTH_PREFIX_BYTES, diff, offset, length);
        lengthBytes += entryBytes;
        bufferedCount++;
    }

    /**
     * Offer every held diff, oldest first, until one leaves the book stale; keep what the next
     * snapshot still needs (from that diff on, or after it when it was applied).
     *
     * @param replayer applies each diff.
     */
    void replay(final Replayer replayer)
    {
        int pos = 0;
        final int end = lengthBytes;
        while (pos < end)
        {
            final int length = buffer.getInt(pos);
            final int next = pos + LENGTH_PREFIX_BYTES + length;
            final int result = replayer.replay(buffer, pos + LENGTH_PREFIX_BYTES, length);
            if (result != Replayer.CONSUMED)
            {
                final int keepFrom = result == Replayer.STALE_UNCONSUMED ? pos : next;
                final int remainingBytes = end - keepFrom;
                buffer.putBytes(0, buffer, keepFrom, remainingBytes);
                lengthBytes = remainingBytes;
                return;
            }
            pos = next;
        }
        lengthBytes = 0;
    }

    /**
     * Forget the held diffs and the counters.
     */
    void reset()
    {
        lengthBytes = 0;
        bufferedCount = overflowCount = droppedCount = 0;
    }

    /** @return bytes held (diffs and their length prefixes). */
    int lengthBytes()
    {
        return lengthBytes;
    }

    /** @return diffs copied in. */
    long bufferedCount()
    {
        return bufferedCount;
    }

    /** @return times the bound was passed and everything held was dropped. */
    long overflowCount()
    {
        return overflowCount;
    }

    /** @return diffs lost to overflows (those held, and any one larger than the bound). */
    long droppedCount()
    {
        return droppedCount;
    }

    private long count()
    {
        long n = 0;
        for (int pos = 0; pos < lengthBytes; pos += LENGTH_PREFIX_BYTES + buffer.getInt(pos))
        {
            n++;
        }
        return n;
    }
}
