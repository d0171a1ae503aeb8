package com.tradingstation.app;

import com.tradingstation.core.fixedpoint.FixedPoint;
import com.tradingstation.json.JsonWriter;
import com.tradingstation.wire.ReceiveLoss;
import com.tradingstation.wire.RejectReason;
import com.tradingstation.wire.SubscriberBook;
import com.tradingstation.wire.SubscriberListener;
import com.tradingstation.wire.UdpSubscriber;
import com.tradingstation.wire.WireConfig;
import com.tradingstation.wire.WireProtocol;
import com.tradingstation.wire.WireSubscriber;
import org.agrona.concurrent.BackoffIdleStrategy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code station udp-monitor}: joins the station's UDP channels with the subscriber SDK and reports
 * what a strategy would see: rates, sequence gaps, lost packets, rejected packets, recoveries and
 * how long each instrument was stale.
 */
@Command(
    name = "udp-monitor",
    defaultValueProvider = ConfigDefaults.class,
    mixinStandardHelpOptions = true,
    description = {
        "Join the station's UDP channels and report packets/s, messages/s, bytes/s,",
        "gaps, lost and rejected packets, per-instrument gaps (holes in an",
        "instrument's bookSeq), recoveries and staleness, every interval and at the end.",
        "Each instrument is sampled live or stale once per interval at a seeded random",
        "instant, from its first recovery on (with --loss-pct, only while it drops).",
        "--loss-pct is a test aid: it drops that share of the incremental datagrams",
        "received, before decoding, so recovery can be watched. With --json: one object",
        "per interval and a final one with \"final\": true.",
        "Exit: 0 packets seen, no gaps beyond the monitor's own drops, nothing",
        "rejected; 1 gaps, rejected packets or no packets at all; 2 usage or config",
        "error; 3 the channels cannot be joined."})
final class UdpMonitorCommand implements Callable<Integer>
{
    @CommandLine.Mixin
    private Output output;

    @CommandLine.Mixin
    private StopAfter stopAfter;

    @CommandLine.Mixin
    private PrintPeriod period;

    @CommandLine.Mixin
    private ConfigOption config = new ConfigOption();

    @Option(names = "--incremental", paramLabel = "HOST:PORT", descriptionKey = "station.udp.incremental",
        defaultValue = WireConfig.DEFAULT_INCREMENTAL,
        description = "Incremental channel (station.udp.incremental, default ${DEFAULT-VALUE}).")
    private String incremental;

    @Option(names = "--snapshot", paramLabel = "HOST:PORT", descriptionKey = "station.udp.snapshot",
        defaultValue = WireConfig.DEFAULT_SNAPSHOT,
        description = "Snapshot channel (station.udp.snapshot, default ${DEFAULT-VALUE}).")
    private String snapshot;

    @Option(names = "--interface", paramLabel = "NAME", descriptionKey = "station.udp.interface",
        description = "Multicast interface (station.udp.interface; default: picked as the station does).")
    private String iface;

    @Option(names = "--loss-pct", paramLabel = "P", defaultValue = "0",
        description = "Test aid: drop P percent (0..100) of received incremental datagrams before decoding (default " +
            "${DEFAULT-VALUE}).")
    private double lossPct;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
        description = "Seed of --loss-pct's choice of datagrams (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--loss-duration", paramLabel = "SECONDS",
        description = "Drop only for SECONDS from the first datagram, then report how long until every book is live " +
            "(default: the whole run).")
    private Double lossSeconds;

    private volatile boolean running = true;

    @Override
    public Integer call() throws IOException
    {
        period.check(100);
        stopAfter.check();
        if (!(lossPct >= 0 && lossPct <= 100))
        {
            throw new IllegalArgumentException("--loss-pct must be 0..100, was " + lossPct);
        }
        if (lossSeconds != null && (!(lossSeconds > 0) || lossPct == 0))
        {
            throw new IllegalArgumentException("--loss-duration must be > 0 and needs --loss-pct > 0");
        }
        final WireConfig wire = StationConfig.channels(config.stationConfig().udp(), incremental, snapshot, iface);
        final WireSubscriber subscriber = new WireSubscriber(SubscriberListener.NONE);
        final UdpSubscriber udp;
        try
        {
            udp = UdpSubscriber.open(wire, subscriber);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new IOException("cannot join " + WireConfig.hostPort(wire.incremental()) + ": " +
                StationMain.oneLine(ex), ex);
        }
        udp.warnings().forEach(w -> output.note("warning: " + w));
        if (lossPct > 0)
        {
            udp.receiveLoss(ReceiveLoss.incremental(lossPct, seed));
        }
        if (!output.json)
        {
            output.note("listening on incremental " + WireConfig.hostPort(wire.incremental()) + ", snapshot " +
                WireConfig.hostPort(wire.snapshot()) +
                (lossPct > 0 ? String.format(Locale.ROOT, ", dropping %s%% of incremental datagrams (seed %d%s)",
                    FixedPoint.toPlainString(Math.round(lossPct * 1000), 3), seed,
                    lossSeconds == null ? "" : ", for " + lossSeconds + " s") : ""));
        }
        try (ShutdownSignal signal = ShutdownSignal.install("udp-monitor-stop", 5, () -> running = false))
        {
            return monitor(udp, subscriber, wire);
        }
        finally
        {
            try
            {
                udp.close();
            }
            catch (final IOException ignored)
            {
                // closing datagram sockets
            }
        }
    }

    private int monitor(final UdpSubscriber udp, final WireSubscriber subscriber, final WireConfig wire)
    {
        final PrintWriter out = output.out();
        final long startNs = System.nanoTime();
        final long endNs = stopAfter.endNs(startNs);
        final long intervalNs = period.nanos();
        final Samples samples = new Samples(lossPct, seed, lossSeconds == null ? -1 : (long)(lossSeconds * 1e9),
            startNs, intervalNs);
        long nextReportNs = startNs + intervalNs;
        final Snapshot last = new Snapshot();
        last.take(subscriber, udp, startNs);
        final BackoffIdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 100_000);
        while (running)
        {
            idle.idle(udp.poll());
            final long now = System.nanoTime();
            samples.afterPoll(udp, now);
            if (now >= nextReportNs || now >= endNs)
            {
                final Snapshot current = new Snapshot();
                current.take(subscriber, udp, now);
                out.println(output.json ? jsonLine(subscriber, udp.receiveErrors(), samples, last, current, false)
                    : textLine(subscriber, last, current));
                out.flush();
                last.copy(current);
                nextReportNs += intervalNs;
            }
            if (now >= endNs)
            {
                break;
            }
        }
        final long now = System.nanoTime();
        final Snapshot whole = new Snapshot();
        whole.take(subscriber, udp, now);
        final Snapshot zero = new Snapshot();
        zero.ns = startNs;
        output.print(() -> jsonLine(subscriber, udp.receiveErrors(), samples, zero, whole, true),
            w -> w.println(summary(subscriber, samples, zero, whole)));
        final long packets = subscriber.packets(WireProtocol.CHANNEL_INCREMENTAL);
        if (packets == 0)
        {
            output.note("no packets on " + WireConfig.hostPort(wire.incremental()) +
                ": is 'station run --udp' running with the same channels and interface?");
        }
        // Holes the monitor punched itself are not the network's: only lost packets beyond them count.
        final boolean networkLoss = subscriber.lostPacketCount() > whole.dropped;
        return packets > 0 && !networkLoss && subscriber.rejectedTotal() == 0
            ? StationMain.EXIT_OK : StationMain.EXIT_PROBLEMS;
    }

    /** Counters at one instant. */
    static final class Snapshot
    {
        long ns;
        long packets;
        long messages;
        long bytes;
        long dropped;

        void take(final WireSubscriber s, final UdpSubscriber udp, final long nowNs)
        {
            ns = nowNs;
            packets = s.packets(WireProtocol.CHANNEL_INCREMENTAL) + s.packets(WireProtocol.CHANNEL_SNAPSHOT);
            messages = s.messages(WireProtocol.CHANNEL_INCREMENTAL) + s.messages(WireProtocol.CHANNEL_SNAPSHOT);
            bytes = s.bytes(WireProtocol.CHANNEL_INCREMENTAL) + s.bytes(WireProtocol.CHANNEL_SNAPSHOT);
            dropped = udp.dropped(WireProtocol.CHANNEL_INCREMENTAL);
        }

        void copy(final Snapshot o)
        {
            ns = o.ns;
            packets = o.packets;
            messages = o.messages;
            bytes = o.bytes;
            dropped = o.dropped;
        }
    }

    /**
     * Per-instrument live/stale samples and the end of the loss window. One sample per interval, at
     * a seeded random instant in it: sampling at a fixed phase would lock onto the snapshot cycle
     * (each instrument's snapshot comes at the same point of every cycle) and show some instruments
     * stale far more often than they are. Counted from the instrument's first recovery on, so
     * joining before the first snapshot is not loss; under a test loss only while it drops.
     */
    static final class Samples
    {
        final double lossPct;
        final long seed;
        /** How long the monitor drops, from the first incremental datagram on, or -1 for the whole run. */
        final long lossWindowNs;
        /** When the monitor stops dropping: -1 for never, or until the first datagram came. */
        long lossEndNs = -1;
        final Map<String, long[]> counts = new LinkedHashMap<>();
        long reports;
        /** First time after the loss window that every known book was live, or -1. */
        long allLiveNs = -1;

        private final long intervalNs;
        private final java.util.SplittableRandom jitter;
        private long intervalStartNs;
        private long nextSampleNs;

        Samples(final double lossPct, final long seed, final long lossWindowNs, final long startNs,
            final long intervalNs)
        {
            this.lossPct = lossPct;
            this.seed = seed;
            this.lossWindowNs = lossWindowNs;
            this.intervalNs = intervalNs;
            this.jitter = new java.util.SplittableRandom(seed ^ 0x5DEECE66DL);
            this.intervalStartNs = startNs;
            this.nextSampleNs = startNs + jitter.nextLong(intervalNs);
        }

        void afterPoll(final UdpSubscriber udp, final long nowNs)
        {
            if (nowNs >= nextSampleNs)
            {
                sample(udp.subscriber(), nowNs);
                intervalStartNs += intervalNs;
                nextSampleNs = Math.max(nowNs + 1, intervalStartNs + jitter.nextLong(intervalNs));
            }
            lossWindow(udp, nowNs);
        }

        private void lossWindow(final UdpSubscriber udp, final long nowNs)
        {
            if (lossWindowNs < 0 || allLiveNs >= 0)
            {
                return;
            }
            if (lossEndNs < 0)
            {
                if (udp.subscriber().packets(WireProtocol.CHANNEL_INCREMENTAL) +
                    udp.dropped(WireProtocol.CHANNEL_INCREMENTAL) > 0)
                {
                    lossEndNs = nowNs + lossWindowNs;
                }
                return;
            }
            if (nowNs < lossEndNs)
            {
                return;
            }
            udp.receiveLoss(ReceiveLoss.NONE);
            final WireSubscriber s = udp.subscriber();
            if (!s.books().isEmpty() && s.staleBooks() == 0)
            {
                allLiveNs = nowNs;
            }
        }

        /** Under a test loss only the samples taken while it drops count: they measure the live share under loss. */
        void sample(final WireSubscriber s, final long nowNs)
        {
            if (lossPct > 0 && lossEndNs >= 0 && nowNs >= lossEndNs)
            {
                return;
            }
            reports++;
            for (final SubscriberBook b : s.books())
            {
                final long[] c = counts(b);
                if (b.recoveryCount() > 0 || c[0] + c[1] > 0)
                {
                    c[b.isStale() ? 1 : 0]++;
                }
            }
        }

        long[] counts(final SubscriberBook b)
        {
            return counts.computeIfAbsent(b.venue().id() + ":" + b.symbol(), k -> new long[2]);
        }

        double livePct(final SubscriberBook b)
        {
            return pct(counts(b));
        }

        private static double pct(final long[] c)
        {
            return c[0] + c[1] == 0 ? 0 : Math.round(1000.0 * c[0] / (c[0] + c[1])) / 10.0;
        }

        /** @return the live share of every sampled instrument, ascending. */
        double[] livePcts()
        {
            return counts.values().stream().filter(c -> c[0] + c[1] > 0).mapToDouble(Samples::pct).sorted().toArray();
        }
    }

    static String textLine(final WireSubscriber s, final Snapshot from, final Snapshot to)
    {
        final double secs = Math.max(1e-9, (to.ns - from.ns) / 1e9);
        return String.format(Locale.ROOT,
            "udp: %,.0f pkts/s, %,.0f msgs/s, %,.1f KB/s | gaps %d, lost %d%s, rejected %d | books %d live, %d " +
            "stale, %d recovered | seq %d",
            (to.packets - from.packets) / secs, (to.messages - from.messages) / secs,
            (to.bytes - from.bytes) / secs / 1024,
            s.gapCount(), s.lostPacketCount(), to.dropped == 0 ? "" : " (dropped here " + to.dropped + ")",
            s.rejectedTotal(), s.books().size() - s.staleBooks(), s.staleBooks(), s.recoveryCount(),
            s.lastIncrementalSequence());
    }

    static String summary(final WireSubscriber s, final Samples samples, final Snapshot from, final Snapshot to)
    {
        final StringBuilder sb = new StringBuilder(1024);
        final double secs = Math.max(1e-9, (to.ns - from.ns) / 1e9);
        sb.append(String.format(Locale.ROOT,
            "udp-monitor final: %.1f s, %,d packets (%,d incremental, %,d snapshot), %,d messages, %,d bytes%n",
            secs, to.packets, s.packets(WireProtocol.CHANNEL_INCREMENTAL), s.packets(WireProtocol.CHANNEL_SNAPSHOT),
            to.messages, to.bytes));
        sb.append(String.format(Locale.ROOT,
            "  gaps %d, lost packets %d, duplicates %d, snapshot gaps %d, recovered %d, top checks %,d (mismatches " +
            "%d)%n",
            s.gapCount(), s.lostPacketCount(), s.duplicateCount(), s.snapshotGaps(), s.recoveryCount(), s.topChecks(),
            s.topMismatches()));
        sb.append(String.format(Locale.ROOT,
            "  instrument gaps %d (%d found by definitions, %d by snapshots), book messages lost %d%n",
            s.instrumentGaps(), s.gapsFoundByDefinition(), s.gapsFoundBySnapshot(), s.lostBookMessages()));
        sb.append(String.format(Locale.ROOT,
            "  snapshots applied %d, unusable %d, discarded %d; publisher restarts %d; messages for undefined " +
            "instruments %d%n",
            s.snapshotsApplied(), s.snapshotsUnusable(), s.snapshotsDiscarded(), s.restarts(),
            s.undefinedInstrument()));
        sb.append("  rejected:");
        for (final RejectReason r : RejectReason.values())
        {
            sb.append(' ').append(r.label()).append(' ').append(s.rejected(r));
        }
        sb.append(String.format(Locale.ROOT, ", unknown templates %d%n", s.unknownTemplates()));
        if (samples.lossPct > 0)
        {
            sb.append(String.format(Locale.ROOT,
                "  test loss %s%% (seed %d): dropped %d incremental datagrams, %d detected as lost; %s%n",
                FixedPoint.toPlainString(Math.round(samples.lossPct * 1000), 3), samples.seed, to.dropped,
                s.lostPacketCount(), samples.lossWindowNs < 0 ? "loss until the end"
                    : samples.allLiveNs < 0 ? "not every book live after the loss stopped"
                    : String.format(Locale.ROOT, "every book live %d ms after the loss stopped",
                        (samples.allLiveNs - samples.lossEndNs) / 1_000_000)));
        }
        final double[] pcts = samples.livePcts();
        if (pcts.length > 0)
        {
            sb.append(String.format(Locale.ROOT,
                "  live share of %d samples per instrument: min %.1f%%, median %.1f%%, max %.1f%% (%d instruments)%n",
                samples.reports, pcts[0], pcts[pcts.length / 2], pcts[pcts.length - 1], pcts.length));
        }
        sb.append(String.format(Locale.ROOT, "  %-16s %-14s %-6s %9s %6s %5s %9s %11s %6s %18s %18s%n",
            "instrument", "venue", "state", "stale ms", "stale#", "gaps", "recovered", "live/stale", "live%",
            "best bid", "best ask"));
        for (final SubscriberBook b : s.books())
        {
            final long[] c = samples.counts(b);
            sb.append(String.format(Locale.ROOT, "  %-16s %-14s %-6s %9d %6d %5d %9d %11s %6.1f %18s %18s%n",
                b.symbol(), b.venue().id(), b.isStale() ? "STALE" : "live", b.staleNs(to.ns) / 1_000_000,
                b.staleCount(),
                b.gapCount(), b.recoveryCount(), c[0] + "/" + c[1], samples.livePct(b), price(b, b.bestBidPrice()),
                price(b, b.bestAskPrice())));
        }
        return sb.toString().stripTrailing();
    }

    private static String price(final SubscriberBook b, final long mantissa)
    {
        return b.isStale() ||
            mantissa == WireProtocol.NO_PRICE ? "-" : FixedPoint.toPlainString(mantissa, -b.priceExponent());
    }

    static String jsonLine(
        final WireSubscriber s, final long receiveErrors, final Samples samples, final Snapshot from, final Snapshot to,
        final boolean last)
    {
        final double secs = Math.max(1e-9, (to.ns - from.ns) / 1e9);
        final JsonWriter w = new JsonWriter().beginObject()
            .field("final", last)
            .field("seconds", Math.round(secs * 1000) / 1000.0)
            .field("packetsPerSec", Math.round((to.packets - from.packets) / secs))
            .field("messagesPerSec", Math.round((to.messages - from.messages) / secs))
            .field("bytesPerSec", Math.round((to.bytes - from.bytes) / secs))
            .field("incrementalPackets", s.packets(WireProtocol.CHANNEL_INCREMENTAL))
            .field("snapshotPackets", s.packets(WireProtocol.CHANNEL_SNAPSHOT))
            .field("gaps", s.gapCount())
            .field("lostPackets", s.lostPacketCount())
            .field("duplicates", s.duplicateCount())
            .field("snapshotGaps", s.snapshotGaps())
            .field("recovered", s.recoveryCount())
            .field("instrumentGaps", s.instrumentGaps())
            .field("gapsFoundByDefinition", s.gapsFoundByDefinition())
            .field("gapsFoundBySnapshot", s.gapsFoundBySnapshot())
            .field("lostBookMessages", s.lostBookMessages())
            .field("topChecks", s.topChecks())
            .field("topMismatches", s.topMismatches())
            .field("unknownTemplates", s.unknownTemplates())
            .field("snapshotsApplied", s.snapshotsApplied())
            .field("snapshotsUnusable", s.snapshotsUnusable())
            .field("snapshotsDiscarded", s.snapshotsDiscarded())
            .field("restarts", s.restarts())
            .field("undefinedInstrument", s.undefinedInstrument())
            .field("receiveErrors", receiveErrors)
            .field("lossPct", samples.lossPct)
            .field("seed", samples.seed)
            .field("droppedIncremental", to.dropped)
            .field("samples", samples.reports);
        final double[] pcts = samples.livePcts();
        w.field("minLivePct", pcts.length == 0 ? 0 : pcts[0])
            .field("medianLivePct", pcts.length == 0 ? 0 : pcts[pcts.length / 2]);
        w.name("allLiveMsAfterLoss");
        if (samples.allLiveNs < 0)
        {
            w.value((String)null);
        }
        else
        {
            w.value((samples.allLiveNs - samples.lossEndNs) / 1_000_000);
        }
        w.name("rejected").beginObject();
        for (final RejectReason r : RejectReason.values())
        {
            w.field(r.label(), s.rejected(r));
        }
        w.endObject();
        w.name("instruments").beginArray();
        for (final SubscriberBook b : s.books())
        {
            w.beginObject().field("symbol", b.symbol()).field("venue", b.venue().id())
                .field("stale", b.isStale()).field("staleMs", b.staleNs(to.ns) / 1_000_000)
                .field("staleCount", b.staleCount()).field("gaps", b.gapCount()).field("lostMessages", b.lostMessages())
                .field("recoveries", b.recoveryCount())
                .field("liveSamples", samples.counts(b)[0]).field("staleSamples", samples.counts(b)[1])
                .field("livePct", samples.livePct(b))
                .field("lastUpdateId", b.lastUpdateId()).endObject();
        }
        w.endArray();
        return w.endObject().toString();
    }
}
