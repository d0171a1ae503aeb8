package com.tradingstation.wire;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * The subscriber's packet log keeps the newest packets, intact and in order, however sizes and
 * wrap-arounds fall.
 */
class PacketLogTest
{
    /**
     * QuickTheories counts an example it has drawn before but does not run it again, and its first
     * examples (the shrink target, then every value at its minimum, then at its maximum) often
     * repeat: asking for this many more keeps the examples run at or above each count below.
     */
    private static final int REPEATS_SKIPPED = 2;

    @Test
    void keepsTheNewestPacketsIntactAndInOrder()
    {
        qt().withExamples(300 + REPEATS_SKIPPED)
            .forAll(lists().of(integers().between(1, 500)).ofType(lists().arrayList()).ofSizeBetween(1, 400),
                integers().between(1024, 8192), integers().between(2, 64))
            .checkAssert(PacketLogTest::check);
    }

    private static void check(final List<Integer> sizes, final int capacity, final int maxEntries)
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
