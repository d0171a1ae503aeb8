package com.tradingstation.ops;

import com.tradingstation.json.JsonWriter;

import java.time.Instant;
import java.util.Locale;

/**
 * One monitor run: latencies per operation, the server's figures and the measuring thread's cost.
 * Its JSON form ({@link #toJson()}) is the stable schema {@value #SCHEMA} documented in
 * docs/OPERATIONS.md; latencies there are microseconds.
 *
 * @param time       when the run started.
 * @param address    host:port of the Redis measured.
 * @param settings   how it was measured.
 * @param rtt        PING round trips.
 * @param set        SET latencies.
 * @param xadd       XADD latencies.
 * @param opsPerSec  PINGs per second one connection sustained back to back (the burst).
 * @param server     INFO figures read after the samples.
 * @param pin        the CPU pin of the measuring thread.
 * @param tid        kernel thread id of the measuring thread (-1 off Linux).
 * @param thread     CPU time and context switches of the measuring thread over the samples and burst.
 * @param wallNs     wall time of the samples and burst.
 */
public record MonitorReport(
    Instant time, String address, MonitorSettings settings, LatencyStats rtt, LatencyStats set, LatencyStats xadd,
    double opsPerSec, ServerStats server, CpuPin pin, long tid, ThreadProbe.Counters thread, long wallNs)
{
    /** Schema name and version carried in the JSON. */
    public static final String SCHEMA = "station.monitor/1";

    /** @return the JSON object (one line). */
    public String toJson()
    {
        final JsonWriter w = new JsonWriter().beginObject()
            .field("schema", SCHEMA)
            .field("time", time.toString());
        w.name("redis").beginObject().field("address", address).field("version", server.version())
            .field("allocator", server.allocator()).endObject();
        w.name("settings").beginObject().field("samples", settings.samples())
            .field("interval_us", settings.intervalUs())
            .field("warmup", settings.warmupSamples()).endObject();
        latency(w.name("rtt"), rtt);
        latency(w.name("set"), set);
        latency(w.name("xadd"), xadd);
        w.name("health").beginObject()
            .field("ops_per_sec", (long)opsPerSec)
            .field("server_ops_per_sec", server.serverOpsPerSec())
            .field("used_memory_bytes", server.usedMemoryBytes())
            .field("used_memory_mb", server.usedMemoryMb())
            .field("station_data_bytes", server.stationDataBytes())
            .field("station_data_mb", server.stationDataMb())
            .field("memory_mb", server.otherMemoryMb())
            .field("mem_fragmentation_ratio", server.memFragmentationRatio())
            .field("allocator_frag_ratio", server.allocatorFragRatio())
            .field("allocator_rss_ratio", server.allocatorRssRatio())
            .field("connected_clients", server.connectedClients())
            .endObject();
        w.name("thread").beginObject()
            .field("tid", tid)
            .field("cpu_requested", pin.requestedCpu())
            .field("pinned", pin.pinned())
            .field("cpus_allowed", pin.cpusAllowed())
            .field("pin_message", pin.message())
            .field("wall_ms", LatencyStats.round(wallNs / 1e6))
            .field("cpu_time_ms", thread.cpuTimeNs() < 0 ? -1 : LatencyStats.round(thread.cpuTimeNs() / 1e6))
            .field("cpu_percent", thread.cpuTimeNs() < 0 ? -1 : LatencyStats.round(100.0 * thread.cpuTimeNs() / wallNs))
            .field("voluntary_ctxt_switches", thread.voluntarySwitches())
            .field("nonvoluntary_ctxt_switches", thread.involuntarySwitches())
            .field("migrations", thread.migrations())
            .endObject();
        return w.endObject().toString();
    }

    private static void latency(final JsonWriter w, final LatencyStats s)
    {
        w.beginObject().field("samples", s.samples()).field("p50", s.p50Us()).field("p90", s.p90Us())
            .field("p99", s.p99Us()).field("p999", s.p999Us()).field("max", s.maxUs()).field("mean", s.meanUs())
            .field("stddev", s.stddevUs()).field("jitter", s.jitterUs()).field("tail_span", s.tailSpanUs()).endObject();
    }

    /** @return a few human lines (latencies in µs). */
    public String toText()
    {
        final StringBuilder sb = new StringBuilder(1024);
        sb.append(String.format(Locale.ROOT, "Redis %s (%s, %s): %d samples per op every %d us%n", address,
            server.version(), server.allocator(), settings.samples(), settings.intervalUs()));
        sb.append(String.format(Locale.ROOT, "  %-5s %9s %9s %9s %9s %9s %9s %9s%n",
            "op/us", "p50", "p90", "p99", "p99.9", "max", "jitter", "tail"));
        row(sb, "PING", rtt);
        row(sb, "SET", set);
        row(sb, "XADD", xadd);
        sb.append(String.format(Locale.ROOT,
            "  ops/sec %,d (one connection, back to back); server instantaneous_ops_per_sec %,d%n",
            (long)opsPerSec, server.serverOpsPerSec()));
        sb.append(String.format(Locale.ROOT,
            "  memory %.2f MB used = %s MB station data + %.2f MB other; fragmentation mem %.2f, allocator %.2f, " +
            "allocator rss %.2f; clients %d%n",
            server.usedMemoryMb(),
            Double.isNaN(server.stationDataMb()) ? "?" : String.format(Locale.ROOT, "%.2f", server.stationDataMb()),
            server.otherMemoryMb(), server.memFragmentationRatio(), server.allocatorFragRatio(),
            server.allocatorRssRatio(), server.connectedClients()));
        sb.append(String.format(Locale.ROOT,
            "  thread %d: cpu %.1f ms of %.1f ms wall, %d voluntary + %d involuntary context switches, %d " +
            "migrations; %s%n",
            tid, thread.cpuTimeNs() / 1e6, wallNs / 1e6, thread.voluntarySwitches(), thread.involuntarySwitches(),
            thread.migrations(), pin.message()));
        return sb.toString();
    }

    private static void row(final StringBuilder sb, final String name, final LatencyStats s)
    {
        sb.append(String.format(Locale.ROOT, "  %-5s %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f%n", name, s.p50Us(),
            s.p90Us(), s.p99Us(), s.p999Us(), s.maxUs(), s.jitterUs(), s.tailSpanUs()));
    }
}
