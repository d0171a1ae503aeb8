package com.tradingstation.feed.binance;

import com.tradingstation.core.instrument.Venue;

import java.util.Arrays;

/**
 * Where symbol-less snapshots find their instrument. Spot and USD-M REST depth answers carry no
 * symbol: such a snapshot belongs to its venue's most recent depth instrument, and one that arrives
 * before any diff of its venue is parked (copied) until the first diff names the symbol.
 * <p>
 * Threading: the decoding thread only. Allocation: only when a snapshot to park is larger than
 * any parked before on its venue.
 */
final class SnapshotParking
{
    private static final int VENUES = Venue.values().length;
    private static final int MIN_PARKED_BYTES = 64 * 1024;

    private final int[] lastDepthInstrument = new int[VENUES];
    private final byte[][] parked = new byte[VENUES][];
    private final int[] parkedLength = new int[VENUES];
    private final long[] parkedTimeNs = new long[VENUES];
    private long parkedCount;

    SnapshotParking()
    {
        Arrays.fill(lastDepthInstrument, -1);
    }

    /**
     * @param venue a venue.
     * @return the instrument of its most recent diff, or -1 before any.
     */
    int lastDepthInstrument(final Venue venue)
    {
        return lastDepthInstrument[venue.ordinal()];
    }

    /**
     * Keep a copy of a snapshot until its venue's first diff.
     *
     * @param venue         its venue.
     * @param buffer        bytes.
     * @param offset        first byte of the JSON.
     * @param length        JSON length.
     * @param receiveTimeNs its receive time.
     */
    void park(final Venue venue, final byte[] buffer, final int offset, final int length, final long receiveTimeNs)
    {
        final int v = venue.ordinal();
        parkedCount++;
        byte[] keep = parked[v];
        if (keep == null || keep.length < length)
        {
            keep = new byte[Math.max(length, MIN_PARKED_BYTES)];
            parked[v] = keep;
        }
        System.arraycopy(buffer, offset, keep, 0, length);
        parkedLength[v] = length;
        parkedTimeNs[v] = receiveTimeNs;
    }

    /**
     * Note a diff decoded for an instrument and take the venue's parked snapshot, if any: it is then
     * in {@link #parked(Venue)} from offset 0, received at {@link #parkedTimeNs(Venue)}.
     *
     * @param venue        the diff's venue.
     * @param instrumentId the diff's instrument.
     * @return the parked snapshot's length, or 0 when none waits.
     */
    int onDepth(final Venue venue, final int instrumentId)
    {
        final int v = venue.ordinal();
        lastDepthInstrument[v] = instrumentId;
        final int length = parkedLength[v];
        parkedLength[v] = 0;
        return length;
    }

    byte[] parked(final Venue venue)
    {
        return parked[venue.ordinal()];
    }

    long parkedTimeNs(final Venue venue)
    {
        return parkedTimeNs[venue.ordinal()];
    }

    /** @return snapshots that had to be parked. */
    long parkedCount()
    {
        return parkedCount;
    }

    /** Forget the last instruments, parked snapshots and the count (keeps the copies' memory). */
    void reset()
    {
        parkedCount = 0;
        Arrays.fill(lastDepthInstrument, -1);
        Arrays.fill(parkedLength, 0);
    }
}
