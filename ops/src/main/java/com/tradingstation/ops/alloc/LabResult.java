package com.tradingstation.ops.alloc;

import java.util.List;
import java.util.Map;

/**
 * Everything an allocator lab measured, before analysis.
 *
 * @param binary    the redis-server binary and where it was found.
 * @param version   its {@code redis_version}.
 * @param allocator its {@code mem_allocator}, e.g. {@code jemalloc-5.3.0}.
 * @param envVar    the variable the options were passed in.
 * @param baseline  name of the variant the others are compared with.
 * @param variants  the variants, in run order within a round.
 * @param readback  per variant name, the options read back from its first server.
 * @param runs      every run, in the order they ran.
 * @param settings  the lab's settings (keys, rounds, churn rate, probe interval, ...), for the report.
 * @param startedAt ISO-8601 start time.
 * @param seconds   wall time of the whole lab.
 */
public record LabResult(
    String binary, String version, String allocator, String envVar, String baseline, List<Variant> variants,
    Map<String, Readback> readback, List<VariantRun> runs, Map<String, Object> settings, String startedAt,
    double seconds)
{
}
