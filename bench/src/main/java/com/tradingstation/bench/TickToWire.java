package com.tradingstation.bench;

import com.tradingstation.runtime.Affinity;
import com.tradingstation.runtime.CpuSet;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Locale;

/**
 * Tick-to-wire latency at a paced rate, measured from each message's planned time (so a stall
 * delays the messages behind it and shows in the histogram: no coordinated omission), beside the
 * physical limit in the same run.
 * <ul>
 * <li>station: the raw capture line goes into the decoder, through the ring to the book, the
 * publisher encodes the level updates and top of book, and the time is taken when the datagram's
 * send returned.</li>
 * <li>bare: at the same planned times, a connected DatagramChannel writes the same datagrams the
 * station sent for each line (count and sizes, noted in the warm-up pass), to the same socket.</li>
 * </ul>
 * Only messages that produced a packet are recorded (diffs buffered before the snapshot do not).
 * Usage: {@code java -cp benchmarks.jar com.tradingstation.bench.TickToWire [set] [rate/s] [passes]}.
 */
public final class TickToWire
{
    private TickToWire()
    {
    }

    /**
     * @param args capture set (spot), messages per second (20000), passes over the session (10).
     * @throws IOException on socket errors.
     */
    public static void main(final String[] args) throws IOException
    {
        final String set = args.length > 0 ? args[0] : "spot";
        final int rate = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        final int passes = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        final String cpu = System.getProperty("ttw.cpu", "");
        if (!cpu.isEmpty())
        {
            // Only this thread: pinning the whole JVM (taskset) would put the JIT and GC threads on its CPU too.
            final Affinity.Placement p = Affinity.pinCurrentThread("tick-to-wire", CpuSet.parse(cpu));
            System.out.println("pinned the measuring thread to CPU " + p.effective() +
                (p.ok() ? "" : ": " + p.problem()));
        }
        final Session session = Session.load(CaptureSet.of(set));
        final List<byte[]> lines = session.jsonLines();
        final long intervalNs = 1_000_000_000L / rate;

        final Histogram station = new Histogram(10_000_000_000L, 3);
        final Histogram bare = new Histogram(10_000_000_000L, 3);
        try (WireRig rig = new WireRig(0))
        {
            // Warm-up pass, unpaced and unrecorded; it also notes the datagrams each line makes the station send.
            rig.pipeline.reset();
            final int[][] datagrams = record(rig, lines);
            final long packetsBefore = rig.publisher.incremental().packets();
            final long bytesBefore = rig.publisher.incremental().bytes();
            for (int pass = 0; pass < passes; pass++)
            {
                rig.pipeline.reset();
                feed(rig, lines, intervalNs, station);
            }
            final long packets = rig.publisher.incremental().packets() - packetsBefore;
            final int meanPacket = (int)((rig.publisher.incremental().bytes() - bytesBefore) / Math.max(1, packets));
            bareLoop(rig.incremental, datagrams, passes, intervalNs, bare);
            System.out.printf(Locale.ROOT,
                "tick-to-wire %s at %,d msgs/s, %d passes of %,d messages; %,d packets, mean %d B; bare sends the " +
                "same %,d datagrams a pass%n", set, rate, passes, lines.size(), packets, meanPacket, count(datagrams));
        }
        print("station (decode+book+encode+send)", station);
        print("bare DatagramChannel, same datagrams", bare);
        System.out.printf(Locale.ROOT, "ratio station/bare: p50 %.2f, p99 %.2f, p99.9 %.2f%n",
            ratio(station, bare, 50), ratio(station, bare, 99), ratio(station, bare, 99.9));
    }

    private static void feed(final WireRig rig, final List<byte[]> lines, final long intervalNs, final Histogram h)
    {
        final long start = System.nanoTime();
        for (int i = 0, n = lines.size(); i < n; i++)
        {
            final long planned = start + i * intervalNs;
            while (System.nanoTime() < planned)
            {
                Thread.onSpinWait();
            }
            final long packets = rig.publisher.incremental().packets();
            final byte[] json = lines.get(i);
            rig.pipeline.onMessage(json, 0, json.length, 0);
            if (h != null && rig.publisher.incremental().packets() != packets)
            {
                h.recordValue(System.nanoTime() - planned);
            }
        }
    }

    /**
     * Feed every line once and note, per line, the sizes of the datagrams the station sent for it.
     */
    private static int[][] record(final WireRig rig, final List<byte[]> lines) throws IOException
    {
        final int[][] sizes = new int[lines.size()][];
        final ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
        final int[] scratch = new int[4096];
        for (int i = 0; i < sizes.length; i++)
        {
            final byte[] json = lines.get(i);
            rig.pipeline.onMessage(json, 0, json.length, 0);
            int n = 0;
            buffer.clear();
            while (rig.incremental.receive(buffer) != null)
            {
                scratch[n++] = buffer.position();
                buffer.clear();
            }
            sizes[i] = java.util.Arrays.copyOf(scratch, n);
        }
        return sizes;
    }

    private static long count(final int[][] datagrams)
    {
        long n = 0;
        for (final int[] d : datagrams)
        {
            n += d.length;
        }
        return n;
    }

    /**
     * The physical limit, fairly: at the same planned times, the same datagrams (count and sizes per
     * line) that the station sent, through a connected DatagramChannel to the same socket; recorded
     * after a line's last datagram, for the lines that sent any (as the station's are).
     */
    private static void bareLoop(
        final DatagramChannel target, final int[][] datagrams, final int passes, final long intervalNs,
        final Histogram h)
        throws IOException
    {
        try (DatagramChannel ch = DatagramChannel.open())
        {
            ch.connect(target.getLocalAddress());
            final ByteBuffer packet = ByteBuffer.allocateDirect(65536);
            for (int i = 0; i < 10_000; i++) // warm-up
            {
                packet.clear().limit(256);
                ch.write(packet);
            }
            final long start = System.nanoTime();
            long line = 0;
            for (int pass = 0; pass < passes; pass++)
            {
                for (final int[] sizes : datagrams)
                {
                    final long planned = start + line++ * intervalNs;
                    while (System.nanoTime() < planned)
                    {
                        Thread.onSpinWait();
                    }
                    for (final int size : sizes)
                    {
                        packet.clear().limit(size);
                        ch.write(packet);
                    }
                    if (sizes.length > 0)
                    {
                        h.recordValue(System.nanoTime() - planned);
                    }
                }
            }
        }
    }

    private static double ratio(final Histogram a, final Histogram b, final double percentile)
    {
        return (double)a.getValueAtPercentile(percentile) / Math.max(1, b.getValueAtPercentile(percentile));
    }

    private static void print(final String name, final Histogram h)
    {
        System.out.printf(Locale.ROOT, "%-36s n=%,d  p50 %.1f us  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n", name,
            h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3,
            h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }
}
