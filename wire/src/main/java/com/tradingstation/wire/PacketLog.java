package com.tradingstation.wire;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * The subscriber's bounded log of recent incremental packets, oldest evicted first, for replay
 * after a snapshot. Packets are stored contiguously in one direct buffer and indexed by a circular
 * array of (sequence, offset, length).
 * <p>
 * Written by hand: Agrona's ExpandableRingBuffer fails with an out-of-bounds write once it has
 * grown to its maximum capacity and wraps, and a packet log also needs lookup by sequence.
 */
final class PacketLog
{
    /** Visits one logged packet. */
    @FunctionalInterface
    interface Visitor
    {
        void onPacket(DirectBuffer buffer, int offset, int length, long sequence);
    }

    private final UnsafeBuffer log;
    private final int capacity;
    private final long[] sequences;
    private final int[] offsets;
    private final int[] lengths;
    private final int mask;
    private int head;
    private int count;
    private int writePos;

    /**
     * @param capacityBytes bytes of packets kept.
     * @param maxEntries    packets kept at most (rounded up to a power of two).
     */
    PacketLog(final int capacityBytes, final int maxEntries)
    {
        this.capacity = capacityBytes;
        this.log = new UnsafeBuffer(ByteBuffer.allocateDirect(capacityBytes));
        final int entries = Integer.highestOneBit(Math.max(2, maxEntries - 1)) << 1;
        this.sequences = new long[entries];
        this.offsets = new int[entries];
        this.lengths = new int[entries];
        this.mask = entries - 1;
    }

    /**
     * Keep a packet, evicting the oldest ones it needs room from.
     *
     * @return false when the packet is larger than half the log (nothing is kept then: the log is
     * cleared, as nothing before this packet can be replayed without it).
     */
    boolean append(final DirectBuffer buffer, final int offset, final int length, final long sequence)
    {
        if (length > capacity / 2)
        {
            clear();
            return false;
        }
        if (writePos + length > capacity)
        {
            // Wrap: everything still stored at or after the old write position is the oldest; drop it.
            final int oldWritePos = writePos;
            while (count > 0 && offsets[head] >= oldWritePos)
            {
                evict();
            }
            writePos = 0;
        }
        while (count > 0 && overlaps(offsets[head], lengths[head], writePos, length))
        {
            evict();
        }
        if (count == sequences.length)
        {
            evict();
        }
        log.putBytes(writePos, buffer, offset, length);
        final int slot = (head + count) & mask;
        sequences[slot] = sequence;
        offsets[slot] = writePos;
        lengths[slot] = length;
        count++;
        writePos += length;
        return true;
    }

    private static boolean overlaps(final int aOffset, final int aLength, final int bOffset, final int bLength)
    {
        return aOffset < bOffset + bLength && bOffset < aOffset + aLength;
    }

    private void evict()
    {
        head = (head + 1) & mask;
        count--;
    }

    /** Forget every packet. */
    void clear()
    {
        head = 0;
        count = 0;
        writePos = 0;
    }

    /** @return sequence of the oldest packet kept, or 0 when empty. */
    long oldestSequence()
    {
        return count == 0 ? 0 : sequences[head];
    }

    /** @return packets kept. */
    int size()
    {
        return count;
    }

    /**
     * Visit the packets after {@code afterSequence}, oldest first.
     *
     * @param afterSequence exclusive lower bound.
     * @param visitor       receives each packet.
     */
    void forEachAfter(final long afterSequence, final Visitor visitor)
    {
        for (int i = 0; i < count; i++)
        {
            final int slot = (head + i) & mask;
            if (sequences[slot] > afterSequence)
            {
                visitor.onPacket(log, offsets[slot], lengths[slot], sequences[slot]);
            }
        }
    }
}
