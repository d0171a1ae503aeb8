package com.tradingstation.app;

import com.tradingstation.core.event.EventLayout;
import com.tradingstation.core.sync.BookListener;
import com.tradingstation.core.sync.InstrumentBook;
import com.tradingstation.sink.RedisSink;
import com.tradingstation.wire.UdpPublisher;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;

/**
 * The measuring points of {@code station bench}, each on the thread where the step ends, each from
 * the line's planned send time (the source stamps it as the event's receive time, so a stall delays
 * every line behind it and shows: no coordinated omission):
 * <ul>
 * <li>book: a diff's levels applied (book thread, after the publishers saw them);</li>
 * <li>udp: the datagram holding them sent (book thread, after the duty cycle's flush returned);</li>
 * <li>redis: a trade's XADD acknowledged by Redis (sink thread, after the pipeline's sync);</li>
 * <li>source: the line handed to the decoder (reader thread): the harness's own lateness, the floor
 * under the others.</li>
 * </ul>
 * Lines planned before the warm-up ends are not recorded; the rest fall into rounds of equal length
 * by their planned time. Recording allocates nothing (preallocated histograms).
 */
final class BenchProbe implements BookListener, Agent, RedisSink.AckListener
{
    static final int BOOK = 0;
    static final int UDP = 1;
    static final int REDIS = 2;
    /** The harness itself: how late the source handed a line over (reader thread). */
    static final int SOURCE = 3;
    static final String[] NAMES = {"book", "udp", "redis", "source"};
    private static final long HIGHEST_NS = 60_000_000_000L;

    private final Histogram[][] rounds;
    private final long roundNs;
    private final long warmupNs;
    private final long injectDelayNs;
    private final UdpPublisher udp;
    private final long[] pending = new long[1 << 16];
    private int pendingCount;
    private long packetsSeen;
    private volatile long startNs;

    /**
     * @param roundCount    rounds.
     * @param roundNs       planned time per round.
     * @param warmupNs      planned time not recorded at the start.
     * @param injectDelayNs a busy delay on the book thread per diff (0: none): a slowdown to detect.
     * @param udp           the UDP publisher, or null when UDP is off.
     */
    BenchProbe(final int roundCount, final long roundNs, final long warmupNs, final long injectDelayNs,
        final UdpPublisher udp)
    {
        this.rounds = new Histogram[NAMES.length][roundCount];
        for (final Histogram[] metric : rounds)
        {
            for (int r = 0; r < roundCount; r++)
            {
                metric[r] = new Histogram(HIGHEST_NS, 3);
            }
        }
        this.roundNs = roundNs;
        this.warmupNs = warmupNs;
        this.injectDelayNs = injectDelayNs;
        this.udp = udp;
    }

    /**
     * @param planned0 the first line's planned time (set by the source before its first line).
     */
    void start(final long planned0)
    {
        startNs = planned0;
    }

    /** @return per metric, per round, the latencies in ns. */
    Histogram[][] rounds()
    {
        return rounds;
    }

    private void record(final int metric, final long plannedNs, final long nowNs)
    {
        final long sinceWarmup = plannedNs - startNs - warmupNs;
        if (sinceWarmup < 0)
        {
            return;
        }
        final int round = (int)(sinceWarmup / roundNs);
        if (round < rounds[metric].length)
        {
            rounds[metric][round].recordValue(Math.min(Math.max(0, nowNs - plannedNs), HIGHEST_NS));
        }
    }

    @Override
    public void onLevelsApplied(final InstrumentBook book, final DirectBuffer buffer, final int offset)
    {
        final long planned = buffer.getLong(offset + EventLayout.DEPTH_RECEIVE_TIME_NS);
        if (injectDelayNs > 0)
        {
            final long until = System.nanoTime() + injectDelayNs;
            while (System.nanoTime() < until)
            {
                Thread.onSpinWait();
            }
        }
        record(BOOK, planned, System.nanoTime());
        if (udp != null && pendingCount < pending.length)
        {
            pending[pendingCount++] = planned;
        }
    }

    @Override
    public int doWork()
    {
        if (udp != null && pendingCount > 0)
        {
            final long packets = udp.incremental().packets();
            if (packets != packetsSeen)
            {
                packetsSeen = packets;
                final long now = System.nanoTime();
                for (int i = 0; i < pendingCount; i++)
                {
                    record(UDP, pending[i], now);
                }
                pendingCount = 0;
            }
        }
        return 0;
    }

    /**
     * @param plannedNs a line's planned time.
     * @param nowNs     when the source handed it over (reader thread only).
     */
    void sourced(final long plannedNs, final long nowNs)
    {
        record(SOURCE, plannedNs, nowNs);
    }

    @Override
    public void onTradeAcknowledged(final long receiveTimeNs, final long ackNs)
    {
        record(REDIS, receiveTimeNs, ackNs);
    }

    @Override
    public String roleName()
    {
        return "station-bench-probe";
    }
}
