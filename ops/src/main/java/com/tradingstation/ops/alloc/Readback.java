package com.tradingstation.ops.alloc;

import java.util.List;
import java.util.Map;

/**
 * The jemalloc options a variant asked for and the ones in force in the server that ran it, read
 * back from {@code MEMORY MALLOC-STATS} ({@code opt.*} lines; where jemalloc prints a run-time value
 * beside the option, as {@code opt.background_thread: false (background_thread: true)}, the run-time
 * value is the one in force).
 *
 * @param envVar     the variable the options were passed in ({@code MALLOC_CONF} or {@code JE_MALLOC_CONF}).
 * @param requested  what the variant set.
 * @param inForce    every {@code opt.*} the server reports, name without {@code opt.} → value in force.
 * @param mismatches one line per requested option that is not in force (unknown name, refused value).
 */
public record Readback(String envVar, Map<String, String> requested, Map<String, String> inForce,
                       List<String> mismatches)
{
    /** @return whether every requested option is in force. */
    public boolean ok()
    {
        return mismatches.isEmpty();
    }
}
