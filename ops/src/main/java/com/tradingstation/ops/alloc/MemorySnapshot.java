package com.tradingstation.ops.alloc;

import com.tradingstation.ops.RedisInfo;

/**
 * Redis's view of its memory at one instant, from {@code INFO memory}. Absent fields read as -1
 * (ratios as NaN). The ratios are computed from the byte counts where both are reported (INFO rounds
 * them to two decimals, too coarse to compare variants), else taken as printed.
 *
 * @param usedMemoryBytes         {@code used_memory}: what Redis allocated.
 * @param usedMemoryRssBytes      {@code used_memory_rss}: resident set of the process.
 * @param allocatorAllocatedBytes {@code allocator_allocated}.
 * @param allocatorActiveBytes    {@code allocator_active}: pages holding allocations.
 * @param allocatorResidentBytes  {@code allocator_resident}.
 * @param allocatorFragRatio      {@code allocator_frag_ratio}: active / allocated.
 * @param memFragmentationRatio   {@code mem_fragmentation_ratio}: rss / used.
 */
public record MemorySnapshot(
    long usedMemoryBytes, long usedMemoryRssBytes, long allocatorAllocatedBytes, long allocatorActiveBytes,
    long allocatorResidentBytes, double allocatorFragRatio, double memFragmentationRatio)
{
    /**
     * @param info a parsed {@code INFO memory} (or {@code INFO}) reply.
     * @return its memory fields.
     */
    public static MemorySnapshot of(final RedisInfo info)
    {
        final long used = info.number("used_memory");
        final long rss = info.number("used_memory_rss");
        final long allocated = info.number("allocator_allocated");
        final long active = info.number("allocator_active");
        return new MemorySnapshot(used, rss, allocated, active, info.number("allocator_resident"),
            ratio(active, allocated, info.ratio("allocator_frag_ratio")),
            ratio(rss, used, info.ratio("mem_fragmentation_ratio")));
    }

    /** INFO prints the ratios with two decimals; the byte counts give them to full precision. */
    private static double ratio(final long numerator, final long denominator, final double printed)
    {
        return numerator > 0 && denominator > 0 ? (double)numerator / denominator : printed;
    }
}
