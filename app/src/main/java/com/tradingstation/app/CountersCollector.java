package com.tradingstation.app;

import com.tradingstation.core.counters.CountersFile;
import com.tradingstation.core.counters.StationCounter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The station's counters as Prometheus metrics, read from the {@link CountersFile} on every scrape
 * (never from the threads that own the counts). Metric names are those of {@link StationCounter};
 * the client adds {@code _total} to counters on exposition. {@code station_sink_drops_total} is the
 * sum of the sink ring drops and the sink's lost trades, as it always was.
 */
final class CountersCollector implements MultiCollector
{
    private final CountersFile counters;

    /**
     * @param counters the counters to export.
     */
    CountersCollector(final CountersFile counters)
    {
        this.counters = counters;
    }

    @Override
    public MetricSnapshots collect()
    {
        final MetricSnapshots.Builder snapshotCount = MetricSnapshots.builder();
        final Map<StationCounter, List<CountersFile.Counter>> perThread = new EnumMap<>(StationCounter.class);
        long drops = 0;
        for (final CountersFile.Counter c : counters.counters())
        {
            final StationCounter def = c.definition();
            if (def == null)
            {
                continue;
            }
            if (def.perThread())
            {
                perThread.computeIfAbsent(def, d -> new ArrayList<>()).add(c);
            }
            else if (def.perVenue())
            {
                snapshotCount.metricSnapshot(snapshot(def.metricName() + "_" + c.venue().replace('-', '_'),
                    "Peak REST weight per minute used on " + c.venue() + ".", def.gauge(), c.value()));
            }
            else
            {
                snapshotCount.metricSnapshot(snapshot(def.metricName(), def.help(), def.gauge(), c.value()));
            }
            drops += def == StationCounter.SINK_RING_DROPS || def == StationCounter.SINK_TRADE_DROPS ? c.value() : 0;
        }
        snapshotCount.metricSnapshot(
            snapshot("station_sink_drops", "Sink events dropped (full ring or lost batch).", false, drops));
        perThread.forEach((def, list) -> snapshotCount.metricSnapshot(threadSnapshot(def, list)));
        return snapshotCount.build();
    }

    // One metric per per-thread definition, a data point per thread labelled thread="books" etc.;
    // nanosecond counters are exported in seconds, as their metric names say.
    private static MetricSnapshot threadSnapshot(final StationCounter def, final List<CountersFile.Counter> list)
    {
        final double scale = def.metricName().endsWith("_seconds") ? 1e-9 : 1;
        if (def.gauge())
        {
            final GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(def.metricName()).help(def.help());
            list.forEach(c -> b.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(Labels.of("thread", c.venue())).value(c.value() * scale).build()));
            return b.build();
        }
        final CounterSnapshot.Builder b = CounterSnapshot.builder().name(def.metricName()).help(def.help());
        list.forEach(c -> b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
            .labels(Labels.of("thread", c.venue())).value(Math.max(0, c.value()) * scale).build()));
        return b.build();
    }

    private static MetricSnapshot snapshot(final String name, final String help, final boolean gauge, final long value)
    {
        if (gauge)
        {
            return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build()).build();
        }
        return CounterSnapshot.builder().name(name).help(help)
            .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build()).build();
    }
}
