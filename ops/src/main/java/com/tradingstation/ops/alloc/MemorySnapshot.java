package com.tradingstation.ops.alloc;

import com.tradingstation.ops.RedisInfo;

/**
 * Redis's view of its memory at one instant, from {@code INFO memory}. Absent fields read as -1
 * (ratios as NaN).
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
        return new MemorySnapshot(info.number("used_memory"), info.number("used_memory_rss"),
            info.number("allocator_allocated"), info.number("allocator_active"), info.number("allocator_resident"),
            info.ratio("allocator_frag_ratio"), info.ratio("mem_fragmentation_ratio"));
    }
}
