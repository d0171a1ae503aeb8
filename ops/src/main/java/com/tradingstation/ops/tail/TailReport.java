package com.tradingstation.ops.tail;

import com.tradingstation.json.JsonWriter;
import com.tradingstation.ops.CpuPin;
import com.tradingstation.ops.LatencyStats;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One tail run. Its JSON form ({@link #toJson()}, schema {@value #SCHEMA}) is what
 * {@code HOME/state/tail-run.json} holds; the keys {@code startedAt}, {@code finishedAt},
 * {@code events} and {@code classCounts} (SCHED, IRQ, ALLOC, UNKNOWN: an event of several classes
 * counts in each) are a contract with the readers of those files. Latencies are microseconds.
 *
 * @param startedAt        when the run started.
 * @param finishedAt       when it finished.
 * @param address          host:port of the Redis.
 * @param settings         how it sampled.
 * @param thresholds       the threshold and budget.
 * @param thresholdsSource where they came from.
 * @param pin              the measuring thread's pin.
 * @param tid              its kernel thread id, or -1.
 * @param latency          the samples' percentiles.
 * @param events           tail samples.
 * @param stalls           tail samples not queued behind another (the events of {@code worst}).
 * @param classCounts      tail samples per class.
 * @param worst            the worst stalls, worst first.
 * @param captures         expensive snapshots taken while sampling.
 * @param captureNs        their time (out of the schedule up to their usual cost).
 * @param longestCaptureNs the longest of them.
 * @param wallNs           wall time of the sampling.
 */
public record TailReport(
    Instant startedAt, Instant finishedAt, String address, TailSettings settings, TailThresholds thresholds,
    String thresholdsSource, CpuPin pin, long tid, LatencyStats latency, long events, long stalls,
    Map<TailClass, Long> classCounts, List<TailEvent> worst, long captures, long captureNs, long longestCaptureNs,
    long wallNs)
{
    /** Schema name and version carried in the JSON. */
    public static final String SCHEMA = "station.tail/1";

    /** @return tail events per 10,000 samples. */
    public double eventsPer10k()
    {
        return latency.samples() == 0 ? 0 : 10_000.0 * events / latency.samples();
    }

    /** @return whether the thresholds set a budget and the run is over it. */
    public boolean overBudget()
    {
        return thresholds.hasBudget() && eventsPer10k() > thresholds.maxEventsPer10k();
    }

    /** @return p99.9 − p50 in µs. */
    public double tailSpanUs()
    {
        return round(latency.p999Us() - latency.p50Us());
    }

    /** @return the JSON object (one line). */
    public String toJson()
    {
        final JsonWriter w = new JsonWriter().beginObject()
            .field("schema", SCHEMA)
            .field("startedAt", startedAt.toString())
            .field("finishedAt", finishedAt.toString())
            .field("samples", latency.samples())
            .field("events", events)
            .field("stalls", stalls);
        w.name("classCounts").beginObject();
        for (final TailClass c : TailClass.values())
        {
            w.field(c.name(), classCounts.getOrDefault(c, 0L));
        }
        w.endObject();
        w.field("eventsPer10k", round(eventsPer10k()));
        w.name("budget").beginObject()
            .field("maxEventsPer10k", thresholds.hasBudget() ? thresholds.maxEventsPer10k() : -1)
            .field("exceeded", overBudget()).endObject();
        w.name("percentiles").beginObject()
            .field("p50Us", latency.p50Us()).field("p99Us", latency.p99Us()).field("p999Us", latency.p999Us())
            .field("maxUs", latency.maxUs()).field("tailSpanUs", tailSpanUs())
            .field("tailSpanOverP99Us", latency.tailSpanUs()).endObject();
        w.name("settings").beginObject()
            .field("rate", settings.rate())
            .field("samples", settings.samples())
            .field("durationS", settings.duration() == null ? -1 : settings.duration().toMillis() / 1000.0)
            .field("thresholdUs", thresholds.thresholdUs())
            .field("thresholdsSource", thresholdsSource)
            .field("cpu", pin.requestedCpu())
            .field("pinned", pin.pinned())
            .field("cpusAllowed", pin.cpusAllowed())
            .field("pinMessage", pin.message())
            .field("tid", tid)
            .field("redis", address)
            .field("worst", settings.worst())
            .endObject();
        w.name("probe").beginObject()
            .field("wallMs", round(wallNs / 1e6))
            .field("captures", captures)
            .field("captureMs", round(captureNs / 1e6))
            .field("longestCaptureMs", round(longestCaptureNs / 1e6))
            .endObject();
        w.name("worstEvents").beginArray();
        for (final TailEvent e : worst)
        {
            w.beginObject().field("time", e.time().toString()).field("latencyUs", round(e.latencyNs() / 1000.0))
                .field("samples", e.samples()).field("cpu", e.cpu());
            w.name("classes").beginArray();
            e.classes().forEach(c -> w.value(c.name()));
            w.endArray();
            w.name("evidence").beginArray();
            e.evidence().forEach(ev -> w.beginObject().field("class", ev.cause().name()).field("text", ev.text())
                .endObject());
            w.endArray().endObject();
        }
        w.endArray();
        return w.endObject().toString();
    }

    /** @return a few human lines (latencies in µs). */
    public String toText()
    {
        final StringBuilder sb = new StringBuilder(2048);
        sb.append(String.format(Locale.ROOT, "Tail run %s .. %s: %,d samples at %d/s against %s, threshold %s us%n",
            startedAt, finishedAt, latency.samples(), settings.rate(), address, fmt(thresholds.thresholdUs())));
        sb.append(String.format(Locale.ROOT,
            "  p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f us; tail span (p99.9 - p50) %.2f us%n",
            latency.p50Us(), latency.p99Us(), latency.p999Us(), latency.maxUs(), tailSpanUs()));
        sb.append(String.format(Locale.ROOT, "  tail events %,d (%.2f per 10k", events, eventsPer10k()));
        if (thresholds.hasBudget())
        {
            sb.append(String.format(Locale.ROOT, ", budget %s: %s", fmt(thresholds.maxEventsPer10k()),
                overBudget() ? "EXCEEDED" : "within"));
        }
        sb.append(String.format(Locale.ROOT, ") in %,d stalls: SCHED %d, IRQ %d, ALLOC %d, UNKNOWN %d%n", stalls,
            classCounts.getOrDefault(TailClass.SCHED, 0L), classCounts.getOrDefault(TailClass.IRQ, 0L),
            classCounts.getOrDefault(TailClass.ALLOC, 0L), classCounts.getOrDefault(TailClass.UNKNOWN, 0L)));
        if (!worst.isEmpty())
        {
            sb.append("  worst:\n");
        }
        for (final TailEvent e : worst)
        {
            sb.append(String.format(Locale.ROOT, "    %s %10.2f us  %-16s x%d%n", e.time(), e.latencyNs() / 1000.0,
                String.join("+", e.classes().stream().map(Enum::name).toList()), e.samples()));
            e.evidence().forEach(ev -> sb.append("        ").append(ev.cause().name()).append(": ").append(ev.text())
                .append('\n'));
        }
        sb.append(String.format(Locale.ROOT,
            "  probe: %d snapshots taking %.1f ms (longest %.1f ms); %s%n", captures, captureNs / 1e6,
            longestCaptureNs / 1e6, pin.message()));
        return sb.toString();
    }

    private static String fmt(final double v)
    {
        return v == Math.rint(v) ? Long.toString((long)v) : Double.toString(v);
    }

    private static double round(final double v)
    {
        return Math.round(v * 100.0) / 100.0;
    }
}
