package com.tradingstation.wire;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subscriber's packet log keeps the newest packets, intact and in order, however sizes and
 * wrap-arounds fall.
 */
class PacketLogTest
{
    @Property(tries = 300)
    void keepsTheNewestPacketsIntactAndInOrder(
        @ForAll @Size(min = 1, max = 400) final List<@IntRange(min = 1, max = 500) Integer> sizes,
        @ForAll @IntRange(min = 1024, max = 8192) final int capacity,
        @ForAll @IntRange(min = 2, max = 64) final int maxEntries)
    {
        final PacketLog log = new PacketLog(capacity, maxEntries);
        final UnsafeBuffer src = new UnsafeBuffer(new byte[1024]);
        final List<Integer> kept = new ArrayList<>();
        long seq = 0;
        for (final int size : sizes)
        {
            seq++;
            for (int i = 0; i < size; i++)
            {
                src.putByte(i, (byte)(seq * 31 + i));
            }
            log.append(src, 0, size, seq);
        }
        final List<Long> seen = new ArrayList<>();
        log.forEachAfter(0, (buffer, offset, length, sequence) ->
        {
            assertThat(length).isEqualTo(sizes.get((int)sequence - 1));
            for (int i = 0; i < length; i++)
            {
                assertThat(buffer.getByte(offset + i)).isEqualTo((byte)(sequence * 31 + i));
            }
            seen.add(sequence);
        });
        // Contiguous, ending at the last packet (every size is at most half the log), and at least
        // what surely fits is kept.
        assertThat(seen).isNotEmpty();
        assertThat(seen.get(seen.size() - 1)).isEqualTo(seq);
        for (int i = 1; i < seen.size(); i++)
        {
            assertThat(seen.get(i)).isEqualTo(seen.get(i - 1) + 1);
        }
        assertThat(log.oldestSequence()).isEqualTo(seen.get(0));
        final int entriesBound = Integer.highestOneBit(Math.max(2, maxEntries - 1)) << 1;
        long bytes = 0;
        int fit = 0;
        for (int i = sizes.size() - 1; i >= 0 && fit < entriesBound && bytes + sizes.get(i) <= capacity / 2; i--)
        {
            bytes += sizes.get(i);
            fit++;
        }
        assertThat(seen.size()).isGreaterThanOrEqualTo(fit);
    }
}
