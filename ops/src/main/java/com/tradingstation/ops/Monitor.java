package com.tradingstation.ops;

import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisUnavailableException;
import org.HdrHistogram.Histogram;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The latency monitor: on one connection, PING, SET and XADD each sampled at a fixed interval from
 * their planned send times ({@link PacedSampler}), then a closed-loop PING burst for the ops/sec the
 * server sustains to one client, then the size of the station's own data ({@link StationData}) and
 * one INFO for memory, fragmentation and clients.
 *
 * <p>Everything runs on a fresh thread named {@code station-monitor} ({@link MeasuringThread}), which is
 * pinned first when a CPU is requested, so a pin never leaks to the caller's thread. The probe keys
 * {@value #SET_KEY} and {@value #STREAM_KEY} (stream capped at about 1000 entries) are deleted at
 * the end. Stateless: call {@link #run} from any thread, one run at a time per Redis for meaningful
 * figures.
 */
public final class Monitor
{
    /** Key the SET samples write (a 32-byte value). */
    public static final String SET_KEY = "station:{monitor}:set";
    /** Stream the XADD samples append to, capped with MAXLEN ~ 1000. */
    public static final String STREAM_KEY = "station:{monitor}:stream";
    /** Size of the SET value and of the XADD field value. */
    public static final int VALUE_BYTES = 32;

    private static final byte[] SET = SET_KEY.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STREAM = STREAM_KEY.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VALUE = new byte[VALUE_BYTES];
    private static final byte[][] XADD_ARGS;

    static
    {
        Arrays.fill(VALUE, (byte)'x');
        XADD_ARGS = new byte[][] {STREAM, bytes("MAXLEN"), bytes("~"), bytes("1000"), bytes("*"), bytes("v"), VALUE};
    }

    private Monitor()
    {
    }

    /**
     * Measures {@code endpoint}.
     *
     * @param endpoint the Redis to measure.
     * @param settings samples, interval, warm-up and CPU.
     * @return the report.
     * @throws RedisUnavailableException when the server cannot be reached or fails mid-run.
     */
    public static MonitorReport run(final RedisEndpoint endpoint, final MonitorSettings settings)
        throws RedisUnavailableException
    {
        return MeasuringThread.run("station-monitor", endpoint, settings.cpu(),
            (jedis, pin) -> sample(jedis, endpoint, settings, pin, Instant.now()), 0, null);
    }

    private static MonitorReport sample(
        final Jedis jedis, final RedisEndpoint endpoint, final MonitorSettings settings, final CpuPin pin,
        final Instant time)
    {
        final PacedSampler.TimedOp ping = () -> jedis.sendCommand(Protocol.Command.PING);
        final PacedSampler.TimedOp set = () -> jedis.sendCommand(Protocol.Command.SET, SET, VALUE);
        final PacedSampler.TimedOp xadd = () -> jedis.sendCommand(Protocol.Command.XADD, XADD_ARGS);
        final int n = settings.samples();
        final long[] scratch = new long[Math.max(n, settings.warmupSamples())];
        // One histogram for every run, reset in between: nothing is allocated next to a timed run.
        final Histogram h = PacedSampler.newHistogram();
        for (final PacedSampler.TimedOp op : new PacedSampler.TimedOp[] {ping, set, xadd})
        {
            h.reset();
            PacedSampler.run(op, settings.warmupSamples(), 0, h, scratch);
        }
        final long intervalNs = TimeUnit.MICROSECONDS.toNanos(settings.intervalUs());
        final long tid = ThreadProbe.tid();
        final ThreadProbe.Counters before = ThreadProbe.counters();
        final long startNs = System.nanoTime();
        final LatencyStats rtt = stats(ping, n, intervalNs, h, scratch);
        final LatencyStats setStats = stats(set, n, intervalNs, h, scratch);
        final LatencyStats xaddStats = stats(xadd, n, intervalNs, h, scratch);
        h.reset();
        final long burstNs = PacedSampler.run(ping, n, 0, h, scratch);
        final long wallNs = System.nanoTime() - startNs;
        final ThreadProbe.Counters used = ThreadProbe.counters().minus(before);
        // The probe keys go first, so memory is judged without the monitor's own writes; the
        // station's data is measured right before INFO, so the two describe the same moment.
        jedis.del(SET_KEY, STREAM_KEY);
        final long stationData = StationData.bytes(jedis);
        final ServerStats server = ServerStats.of(RedisInfo.parse(jedis.info())).withStationData(stationData);
        final double opsPerSec = Math.round(n / (burstNs / 1e9));
        return new MonitorReport(time, endpoint.address(), settings, rtt, setStats, xaddStats, opsPerSec, server,
            pin, tid, used, wallNs);
    }

    private static LatencyStats stats(
        final PacedSampler.TimedOp op, final int n, final long intervalNs, final Histogram h, final long[] scratch)
    {
        h.reset();
        PacedSampler.run(op, n, intervalNs, h, scratch);
        return LatencyStats.of(h, scratch, n);
    }

    private static byte[] bytes(final String s)
    {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
