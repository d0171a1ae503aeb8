package com.tradingstation.ops;

import com.tradingstation.json.JsonReader;
import com.tradingstation.json.JsonWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The trading-day KPIs of a day or a week: from the day files {@link KpiSampler} writes, the average
 * and peak p99 RTT and memory stability (used_memory first, last, min, max and its growth per hour;
 * fragmentation min and max); from the ledger (rotated files included), the gate pass rate; from the
 * tail runs ({@code startedAt}, {@code classCounts}), the tail events by class. Each KPI is MET,
 * MISSED or NO_DATA against {@link KpiTargets}. A week has a row per day and a total row, the
 * verdicts being the total's. Built by {@link #load}; immutable.
 *
 * @param kind    {@code day} or {@code week}.
 * @param from    the first day, UTC.
 * @param to      the last day, UTC (inclusive).
 * @param targets the targets.
 * @param days    one row per day, oldest first.
 * @param total   the whole period.
 * @param notes   what was skipped while reading (unreadable lines and files).
 */
public record KpiReport(String kind, LocalDate from, LocalDate to, KpiTargets targets, List<Row> days, Row total,
    List<String> notes)
{
    /** The shortest span of samples memory growth is judged over. */
    public static final Duration MIN_GROWTH_SPAN = Duration.ofMinutes(15);
    /** The tail-event classes the tail runs count, in report order. */
    public static final List<String> CLASSES = List.of("SCHED", "IRQ", "ALLOC", "UNKNOWN");

    /** KPI verdicts. */
    public enum Kpi
    {
        /** The target is met. */
        MET,
        /** The target is missed. */
        MISSED,
        /** Nothing to judge by in the period. */
        NO_DATA
    }

    /**
     * One KPI sample of a day file.
     *
     * @param time       when it was taken.
     * @param p99Us      p99 RTT of its PING burst.
     * @param usedMemory used_memory, -1 when absent.
     * @param usedRss    used_memory_rss, -1 when absent.
     * @param frag       mem_fragmentation_ratio, NaN when absent.
     */
    public record Sample(Instant time, double p99Us, long usedMemory, long usedRss, double frag)
    {
    }

    /**
     * One tail run.
     *
     * @param startedAt when it started.
     * @param counts    events by class.
     */
    public record TailRun(Instant startedAt, Map<String, Long> counts)
    {
    }

    /**
     * The KPIs of a span of days.
     *
     * @param from       first day.
     * @param to         last day (inclusive).
     * @param samples    the samples, in time order.
     * @param gate       the gate decisions of the span.
     * @param tailRuns   tail runs started in the span.
     * @param tailCounts tail events by class over those runs.
     */
    public record Row(LocalDate from, LocalDate to, List<Sample> samples, LedgerSummary gate, int tailRuns,
        Map<String, Long> tailCounts)
    {
        /** @return mean of the samples' p99, NaN without samples. */
        public double avgP99Us()
        {
            return samples.stream().mapToDouble(Sample::p99Us).average().orElse(Double.NaN);
        }

        /** @return the largest p99, NaN without samples. */
        public double peakP99Us()
        {
            return samples.stream().mapToDouble(Sample::p99Us).max().orElse(Double.NaN);
        }

        private List<Sample> withMemory()
        {
            return samples.stream().filter(s -> s.usedMemory() >= 0).toList();
        }

        /** @return used_memory of the first sample, -1 without one. */
        public long firstMemory()
        {
            final List<Sample> m = withMemory();
            return m.isEmpty() ? -1 : m.get(0).usedMemory();
        }

        /** @return used_memory of the last sample, -1 without one. */
        public long lastMemory()
        {
            final List<Sample> m = withMemory();
            return m.isEmpty() ? -1 : m.get(m.size() - 1).usedMemory();
        }

        /** @return the least used_memory, -1 without samples. */
        public long minMemory()
        {
            return withMemory().stream().mapToLong(Sample::usedMemory).min().orElse(-1);
        }

        /** @return the largest used_memory, -1 without samples. */
        public long maxMemory()
        {
            return withMemory().stream().mapToLong(Sample::usedMemory).max().orElse(-1);
        }

        /**
         * @return (last − first used_memory) in MB per hour between them; NaN with fewer than two samples or when
         *     they span less than {@link #MIN_GROWTH_SPAN} (a few kB over seconds says nothing of an hour).
         */
        public double growthMbPerHour()
        {
            final List<Sample> m = withMemory();
            if (m.size() < 2)
            {
                return Double.NaN;
            }
            final Duration span = Duration.between(m.get(0).time(), m.get(m.size() - 1).time());
            final double hours = span.toMillis() / 3.6e6;
            return span.compareTo(MIN_GROWTH_SPAN) < 0 ? Double.NaN
                : (m.get(m.size() - 1).usedMemory() - m.get(0).usedMemory()) / ServerStats.BYTES_PER_MB / hours;
        }

        /** @return the least fragmentation ratio, NaN without one. */
        public double fragMin()
        {
            return samples.stream().mapToDouble(Sample::frag).filter(d -> !Double.isNaN(d)).min().orElse(Double.NaN);
        }

        /** @return the largest fragmentation ratio, NaN without one. */
        public double fragMax()
        {
            return samples.stream().mapToDouble(Sample::frag).filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN);
        }

        /**
         * @param t the targets.
         * @return the verdict of each KPI: avg_p99, peak_p99, memory_growth, gate_pass_rate.
         */
        public Map<String, Kpi> verdicts(final KpiTargets t)
        {
            final Map<String, Kpi> v = new LinkedHashMap<>();
            v.put("avg_p99", judge(avgP99Us(), avgP99Us() < t.avgP99Us()));
            v.put("peak_p99", judge(peakP99Us(), peakP99Us() <= t.peakP99Us()));
            v.put("memory_growth", judge(growthMbPerHour(), growthMbPerHour() <= t.memoryGrowthMbPerHour()));
            v.put("gate_pass_rate", judge(gate.passRate(), gate.passRate() * 100 > t.passRatePct()));
            return v;
        }

        /** @return whether the span has any sample, gate decision or tail run. */
        public boolean hasData()
        {
            return !samples.isEmpty() || gate.total() > 0 || tailRuns > 0;
        }
    }

    private static Kpi judge(final double value, final boolean met)
    {
        return Double.isNaN(value) ? Kpi.NO_DATA : met ? Kpi.MET : Kpi.MISSED;
    }

    /**
     * @param kind     {@code day} or {@code week}.
     * @param to       the last day (a week is the 7 days ending on it).
     * @param daysDir  the day files ({@code <yyyy-MM-dd>.jsonl}).
     * @param tailDir  the tail runs ({@code *.json}).
     * @param ledger   the ledger with its rotated files ({@link LedgerRotation#readAll}).
     * @param targets  the targets.
     * @return the report.
     * @throws IOException when a directory or file exists but cannot be read.
     */
    public static KpiReport load(final String kind, final LocalDate to, final Path daysDir, final Path tailDir,
        final GateLedger.Contents ledger, final KpiTargets targets) throws IOException
    {
        final LocalDate from = "week".equals(kind) ? to.minusDays(6) : to;
        final List<String> notes = new ArrayList<>();
        final List<TailRun> runs = tailRuns(tailDir, notes);
        final List<Row> rows = new ArrayList<>();
        final List<Sample> all = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1))
        {
            final List<Sample> s = samples(KpiSampler.dayFile(daysDir, d), notes);
            all.addAll(s);
            rows.add(row(d, d, s, ledger, runs));
        }
        return new KpiReport(kind, from, to, targets, List.copyOf(rows), row(from, to, all, ledger, runs),
            List.copyOf(notes));
    }

    private static Row row(final LocalDate from, final LocalDate to, final List<Sample> samples,
        final GateLedger.Contents ledger, final List<TailRun> runs)
    {
        final Instant start = from.atStartOfDay(ZoneOffset.UTC).toInstant();
        final Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1);
        final LedgerSummary gate = LedgerSummary.of(ledger, Duration.between(start, end), end, 0);
        final Map<String, Long> counts = new LinkedHashMap<>();
        CLASSES.forEach(c -> counts.put(c, 0L));
        final Map<String, Long> others = new TreeMap<>();
        int n = 0;
        for (final TailRun r : runs)
        {
            if (!r.startedAt().isBefore(start) && !r.startedAt().isAfter(end))
            {
                n++;
                r.counts().forEach((k, v) -> (counts.containsKey(k) ? counts : others).merge(k, v, Long::sum));
            }
        }
        counts.putAll(others);
        final List<Sample> sorted = new ArrayList<>(samples);
        sorted.sort((a, b) -> a.time().compareTo(b.time()));
        return new Row(from, to, List.copyOf(sorted), gate, n, Collections.unmodifiableMap(counts));
    }

    /**
     * @param file  a day file.
     * @param notes receives a line per unreadable line.
     * @return its samples; none when it does not exist.
     * @throws IOException when it exists but cannot be read.
     */
    static List<Sample> samples(final Path file, final List<String> notes) throws IOException
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final NoSuchFileException ex)
        {
            return List.of();
        }
        final List<Sample> out = new ArrayList<>();
        int bad = 0;
        for (final String line : lines)
        {
            if (line.isBlank())
            {
                continue;
            }
            try
            {
                final Map<String, Object> o = JsonReader.parseObject(line);
                if (!(o.get("p99_us") instanceof Double p99))
                {
                    throw new IllegalArgumentException("no p99_us");
                }
                out.add(new Sample(Instant.parse(String.valueOf(o.get("time"))), p99, whole(o.get("used_memory")),
                    whole(o.get("used_memory_rss")),
                    o.get("mem_fragmentation_ratio") instanceof Double f ? f : Double.NaN));
            }
            catch (final IllegalArgumentException | DateTimeParseException ex)
            {
                bad++;
            }
        }
        if (bad > 0)
        {
            notes.add(file + ": skipped " + bad + " unreadable line(s)");
        }
        return out;
    }

    private static long whole(final Object v)
    {
        return v instanceof Double d ? d.longValue() : -1;
    }

    /**
     * @param dir   the tail-runs directory.
     * @param notes receives a line per unreadable file.
     * @return every run found; none when the directory does not exist.
     * @throws IOException when it exists but cannot be listed.
     */
    static List<TailRun> tailRuns(final Path dir, final List<String> notes) throws IOException
    {
        final List<TailRun> out = new ArrayList<>();
        if (!Files.isDirectory(dir))
        {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json"))
        {
            for (final Path f : files)
            {
                try
                {
                    final Map<String, Object> o = JsonReader.parseObject(Files.readString(f, StandardCharsets.UTF_8));
                    final Instant started = Instant.parse(String.valueOf(o.get("startedAt")));
                    final Map<String, Long> counts = new LinkedHashMap<>();
                    if (o.get("classCounts") instanceof Map<?, ?> m)
                    {
                        m.forEach((k, v) -> counts.put(String.valueOf(k), whole(v)));
                    }
                    out.add(new TailRun(started, counts));
                }
                catch (final IllegalArgumentException | DateTimeParseException | IOException ex)
                {
                    notes.add(f + ": not a tail run (" + ex.getMessage() + "); skipped");
                }
            }
        }
        return out;
    }

    /** @return whether the period has any sample, gate decision or tail run. */
    public boolean hasData()
    {
        return total.hasData();
    }

    /** @return the KPIs of the period that missed their target. */
    public List<String> missed()
    {
        final List<String> m = new ArrayList<>();
        total.verdicts(targets).forEach((k, v) ->
        {
            if (v == Kpi.MISSED)
            {
                m.add(k);
            }
        });
        return m;
    }

    private static double mb(final long bytes)
    {
        return bytes < 0 ? Double.NaN : LatencyStats.round(bytes / ServerStats.BYTES_PER_MB);
    }

    private static double r2(final double v)
    {
        return Double.isNaN(v) ? Double.NaN : LatencyStats.round(v);
    }

    private static double r4(final double v)
    {
        return Double.isNaN(v) ? Double.NaN : Math.round(v * 10_000.0) / 10_000.0;
    }

    /** @return the JSON object (schema station.report/1). */
    public String toJson()
    {
        final JsonWriter w = new JsonWriter().beginObject().field("schema", "station.report/1").field("kind", kind)
            .field("from", from.toString()).field("to", to.toString());
        w.name("targets").beginObject().field("avg_p99_us", targets.avgP99Us())
            .field("peak_p99_us", targets.peakP99Us()).field("pass_rate_pct", targets.passRatePct())
            .field("memory_growth_mb_per_hour", targets.memoryGrowthMbPerHour())
            .field("p99_source", targets.p99Source()).field("other_source", targets.otherSource()).endObject();
        w.name("total");
        row(w, total);
        w.name("days").beginArray();
        days.forEach(d -> row(w, d));
        w.endArray();
        w.name("missed").beginArray();
        missed().forEach(w::value);
        w.endArray().field("has_data", hasData());
        w.name("notes").beginArray();
        notes.forEach(w::value);
        return w.endArray().endObject().toString();
    }

    private void row(final JsonWriter w, final Row r)
    {
        w.beginObject().field("from", r.from().toString()).field("to", r.to().toString())
            .field("samples", r.samples().size()).field("avg_p99_us", r4(r.avgP99Us()))
            .field("peak_p99_us", r.peakP99Us());
        w.name("memory").beginObject().field("first_bytes", r.firstMemory()).field("last_bytes", r.lastMemory())
            .field("min_bytes", r.minMemory()).field("max_bytes", r.maxMemory())
            .field("growth_mb_per_hour", r4(r.growthMbPerHour())).field("fragmentation_min", r.fragMin())
            .field("fragmentation_max", r.fragMax()).endObject();
        final LedgerSummary g = r.gate();
        w.name("gate").beginObject().field("decisions", g.total()).field("pass", g.passed())
            .field("soft_fail", g.softFailed()).field("fail", g.failed()).field("unmeasured", g.unmeasured())
            .field("pass_rate_pct", r4(g.passRate() * 100)).endObject();
        w.name("tail").beginObject().field("runs", r.tailRuns());
        w.name("class_counts").beginObject();
        r.tailCounts().forEach(w::field);
        w.endObject().endObject();
        w.name("verdicts").beginObject();
        r.verdicts(targets).forEach((k, v) -> w.field(k, v.name()));
        w.endObject().endObject();
    }

    /** @return human lines: for a week a table of the days, then the period's KPIs with their verdicts. */
    public String toText()
    {
        final StringBuilder sb = new StringBuilder(2048);
        sb.append("KPI report, ").append(kind).append(' ').append(from.equals(to) ? from : from + " .. " + to)
            .append(" (UTC)\n");
        if ("week".equals(kind))
        {
            sb.append(String.format(Locale.ROOT, "  %-10s %7s %9s %9s %11s %9s  %s%n", "day", "samples", "avg p99",
                "peak p99", "growth MB/h", "pass", "tail " + String.join("/", CLASSES)));
            days.forEach(d -> tableRow(sb, d.from().toString(), d));
            tableRow(sb, "week", total);
        }
        final Map<String, Kpi> v = total.verdicts(targets);
        sb.append(String.format(Locale.ROOT, "  samples     %d%n", total.samples().size()));
        sb.append(String.format(Locale.ROOT, "  avg p99     %s us (target < %s us)  %s%n", fmt(total.avgP99Us()),
            MetricLimits.fmt(targets.avgP99Us()), v.get("avg_p99")));
        sb.append(String.format(Locale.ROOT, "  peak p99    %s us (target <= %s us)  %s%n", fmt(total.peakP99Us()),
            MetricLimits.fmt(targets.peakP99Us()), v.get("peak_p99")));
        sb.append(String.format(Locale.ROOT,
            "  memory      used first %s MB, last %s MB, min %s MB, max %s MB; growth %s MB/h (target <= %s)  %s%n",
            fmt(mb(total.firstMemory())), fmt(mb(total.lastMemory())), fmt(mb(total.minMemory())),
            fmt(mb(total.maxMemory())), fmt(total.growthMbPerHour()), MetricLimits.fmt(targets.memoryGrowthMbPerHour()),
            v.get("memory_growth")));
        sb.append(String.format(Locale.ROOT, "  frag ratio  min %s, max %s%n", fmt(total.fragMin()),
            fmt(total.fragMax())));
        final LedgerSummary g = total.gate();
        sb.append(String.format(Locale.ROOT, "  gate        %d of %d pass (%s; %d soft fail, %d fail, %d unmeasured)"
                + " (target > %s%%)  %s%n", g.passed(), g.total(), pct(g.passRate()), g.softFailed(), g.failed(),
            g.unmeasured(), MetricLimits.fmt(targets.passRatePct()), v.get("gate_pass_rate")));
        final StringBuilder tail = new StringBuilder();
        total.tailCounts().forEach((k, n) -> tail.append(tail.length() == 0 ? "" : ", ").append(k).append(' ')
            .append(n));
        sb.append(String.format(Locale.ROOT, "  tail events %s (%d run(s))%n", tail, total.tailRuns()));
        sb.append("  targets: p99 from ").append(targets.p99Source()).append("; pass rate and memory from ")
            .append(targets.otherSource()).append('\n');
        final List<String> missed = missed();
        sb.append(!hasData() ? "no KPI data for the period\n" : missed.isEmpty() ? "every KPI with data met\n"
            : "KPIs missed: " + String.join(", ", missed) + "\n");
        return sb.toString();
    }

    private void tableRow(final StringBuilder sb, final String label, final Row r)
    {
        final StringBuilder tail = new StringBuilder();
        for (final String c : CLASSES)
        {
            tail.append(tail.length() == 0 ? "" : "/").append(r.tailCounts().getOrDefault(c, 0L));
        }
        sb.append(String.format(Locale.ROOT, "  %-10s %7d %9s %9s %11s %9s  %s%n", label, r.samples().size(),
            fmt(r.avgP99Us()), fmt(r.peakP99Us()), fmt(r.growthMbPerHour()), pct(r.gate().passRate()), tail));
    }

    private static String fmt(final double v)
    {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String pct(final double rate)
    {
        return Double.isNaN(rate) ? "-" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }
}
