package com.tradingstation.app;

import com.tradingstation.core.counters.CountersFile;
import com.tradingstation.core.counters.StationCounter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

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
        long drops = 0;
        for (final CountersFile.Counter c : counters.counters())
        {
            final StationCounter def = c.definition();
            if (def == null)
            {
                continue;
            }
            if (def.perVenue())
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
        return snapshotCount.build();
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
