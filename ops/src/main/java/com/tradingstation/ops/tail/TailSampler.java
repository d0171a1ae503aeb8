package com.tradingstation.ops.tail;

import com.tradingstation.ops.CpuPin;
import com.tradingstation.ops.LatencyStats;
import com.tradingstation.ops.MeasuringThread;
import com.tradingstation.ops.PacedSampler;
import com.tradingstation.ops.ThreadProbe;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisUnavailableException;
import org.HdrHistogram.Histogram;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The extended tail sampler: PINGs on one connection at a fixed rate, each latency from its planned
 * send (as {@link PacedSampler}: a stall delays the following sends and is charged to them), and every
 * sample above the tail threshold classified by the counters around it ({@link TailClassifier}).
 *
 * <p><b>Keeping the probe cheap.</b> Per sample, only what costs a few microseconds and allocates
 * nothing: the thread's run-queue wait and involuntary switches ({@link ThreadSched}: two open
 * /proc files re-read in place) and the JVM collectors' counts. The "before" reading is taken when
 * the thread returns from parking, within the last 200 µs before the planned send (a thread that
 * is parked cannot be preempted, so what happened earlier cannot delay the send); when the previous
 * sample ran late and the send goes out at once, the previous sample's "after" is the "before". The
 * expensive readings, the CPUs' columns of /proc/interrupts and /proc/softirqs, Redis INFO
 * and LATENCY LATEST, are taken at a tail event (at most one per {@value #CAPTURE_MIN_GAP_MS} ms;
 * events in between wait for the next), and every {@value #REFRESH_MS} ms otherwise, so the window they
 * cover stays short; each event is attributed the window's deltas, judged against the rates since the
 * start (a {@value #BASELINE_MS} ms baseline, sampled at the run's rate but not recorded, comes first).
 * The time a snapshot usually takes (four times the fastest, at least 1 ms) is taken out of the schedule
 * (the planned sends move by as much), so the probe's own readings are not charged to the samples; a
 * snapshot that takes longer, because Redis stalled or the thread was held up meanwhile, charges the
 * rest to the following samples as any stall would, and their events carry its evidence.
 *
 * <p>A tail sample sent late because the previous one, also a tail sample, had not answered yet is
 * queued behind it: it is counted as a tail event with the same classes, and the report lists the
 * first of the run with the number of samples it stands for and the worst latency among them.
 */
public final class TailSampler
{
    /** Smallest gap between two expensive snapshots taken for events. */
    static final long CAPTURE_MIN_GAP_MS = 20;
    /** Longest gap between two expensive snapshots. */
    static final long REFRESH_MS = 250;
    /** The interrupt and Redis baseline read before sampling. */
    static final long BASELINE_MS = 250;
    /** A snapshot is taken out of the schedule up to four times the fastest one, and at least this. */
    private static final long CAPTURE_CHARGE_FLOOR_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long CAPTURE_MIN_GAP_NS = TimeUnit.MILLISECONDS.toNanos(CAPTURE_MIN_GAP_MS);
    private static final long REFRESH_NS = TimeUnit.MILLISECONDS.toNanos(REFRESH_MS);
    private static final long BASELINE_NS = TimeUnit.MILLISECONDS.toNanos(BASELINE_MS);

    /** Progress, reported on the calling thread about four times a second. */
    @FunctionalInterface
    public interface Progress
    {
        /**
         * @param done   samples recorded so far.
         * @param total  samples planned.
         * @param events tail events so far.
         */
        void update(long done, long total, long events);
    }

    /** Shows nothing. */
    public static final Progress NO_PROGRESS = TailSampler::noProgress;

    private TailSampler()
    {
    }

    private static void noProgress(final long done, final long total, final long events)
    {
        // nothing to show
    }

    /**
     * Samples {@code endpoint} on a fresh thread {@code station-tail} (pinned first when asked).
     *
     * @param endpoint         the Redis.
     * @param settings         rate, samples, CPU, worst.
     * @param thresholds       the threshold and budget.
     * @param thresholdsSource where the thresholds came from, for the report.
     * @param progress         called on the calling thread while sampling.
     * @return the report.
     * @throws RedisUnavailableException when the server cannot be reached or fails mid-run.
     */
    public static TailReport run(final RedisEndpoint endpoint, final TailSettings settings,
        final TailThresholds thresholds, final String thresholdsSource, final Progress progress)
        throws RedisUnavailableException
    {
        final AtomicLong done = new AtomicLong();
        final AtomicLong events = new AtomicLong();
        return MeasuringThread.run("station-tail", endpoint, settings.cpu(),
            (jedis, pin) -> new Run(jedis, settings, thresholds, pin, done, events)
                .sample(endpoint.address(), thresholdsSource),
            250, () -> progress.update(done.get(), settings.samples(), events.get()));
    }

    /** A tail sample with the samples queued behind it, until classified and after. */
    private static final class Stall
    {
        private final Instant time;
        private final TailDeltas deltas;
        private long latencyNs;
        private TailClassifier.Classification classification;
        private int cpu = -1;
        private long queued;
        private boolean ended;

        Stall(final Instant time, final long latencyNs, final TailDeltas deltas)
        {
            this.time = time;
            this.latencyNs = latencyNs;
            this.deltas = deltas;
        }

        TailEvent event()
        {
            return new TailEvent(time, latencyNs, classification.ordered(), classification.evidence(), 1 + queued,
                cpu);
        }
    }

    /** One run's state, on the measuring thread. */
    private static final class Run
    {
        private final Jedis jedis;
        private final TailSettings settings;
        private final TailThresholds thresholds;
        private final CpuPin pin;
        private final AtomicLong done;
        private final AtomicLong events;
        private final ThreadSched sched;
        private final List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
        private final long[] gcCountBefore;
        private final long[] gcTimeBefore;
        private final long[] gcCountAfter;
        private final long[] gcTimeAfter;
        private final Map<TailClass, Long> classCounts = new EnumMap<>(TailClass.class);
        private final PriorityQueue<Stall> worst = new PriorityQueue<>(Comparator.comparingLong(s -> s.latencyNs));
        private final List<Stall> pending = new ArrayList<>();
        private Map<Integer, Map<String, Long>> irqFirst;
        private Map<Integer, Map<String, Long>> irqLast;
        private RedisSnapshot redisFirst;
        private RedisSnapshot redisLast;
        private long firstNs;
        private long lastNs;
        private long ownFirstToLast;
        private long samplesSinceCapture;
        private long captures;
        private long captureNs;
        private long longestCaptureNs;
        private long fastestCaptureNs = Long.MAX_VALUE;
        private long stalls;

        Run(final Jedis jedis, final TailSettings settings, final TailThresholds thresholds, final CpuPin pin,
            final AtomicLong done, final AtomicLong events)
        {
            this.jedis = jedis;
            this.settings = settings;
            this.thresholds = thresholds;
            this.pin = pin;
            this.done = done;
            this.events = events;
            this.sched = ThreadSched.open(ThreadProbe.tid());
            this.gcCountBefore = new long[gcs.size()];
            this.gcTimeBefore = new long[gcs.size()];
            this.gcCountAfter = new long[gcs.size()];
            this.gcTimeAfter = new long[gcs.size()];
            for (final TailClass c : TailClass.values())
            {
                classCounts.put(c, 0L);
            }
        }

        TailReport sample(final String address, final String thresholdsSource)
        {
            try (ThreadSched ignored = sched)
            {
                return measure(address, thresholdsSource);
            }
        }

        private TailReport measure(final String address, final String thresholdsSource)
        {
            final Instant startedAt = Instant.now();
            final long tid = ThreadProbe.tid();
            for (int i = 0; i < settings.warmup(); i++)
            {
                jedis.sendCommand(Protocol.Command.PING);
            }
            // The baseline samples as the run will (unrecorded), so the rates it gives include the
            // probe's own: the loopback softirqs of its round trips, the ticks of a busy CPU.
            irqFirst = CpuInterrupts.read();
            redisFirst = RedisSnapshot.take(jedis);
            firstNs = System.nanoTime();
            long baseline = 0;
            for (long planned = firstNs; planned - firstNs < BASELINE_NS; planned += settings.intervalNs())
            {
                PacedSampler.parkUntil(planned);
                PacedSampler.spinUntil(planned);
                jedis.sendCommand(Protocol.Command.PING);
                baseline++;
            }
            irqLast = CpuInterrupts.read();
            redisLast = RedisSnapshot.take(jedis);
            lastNs = System.nanoTime();
            ownFirstToLast = baseline + RedisSnapshot.OWN_COMMANDS;

            final Histogram h = PacedSampler.newHistogram();
            final long thresholdNs = thresholds.thresholdNs();
            final long intervalNs = settings.intervalNs();
            final long n = settings.samples();
            long runDelay = sched.runDelayNs();
            long involuntary = sched.involuntarySwitches();
            readGc(gcCountBefore, gcTimeBefore);
            long shift = 0;
            long prevEnd = Long.MIN_VALUE;
            boolean prevTail = false;
            Stall head = null;
            long tailSamples = 0;
            final long start = System.nanoTime();
            for (long i = 0; i < n; i++)
            {
                final long planned = start + i * intervalNs + shift;
                if (planned - System.nanoTime() > PacedSampler.SPIN_NS)
                {
                    PacedSampler.parkUntil(planned);
                    runDelay = sched.runDelayNs();
                    involuntary = sched.involuntarySwitches();
                    readGc(gcCountBefore, gcTimeBefore);
                }
                PacedSampler.spinUntil(planned);
                jedis.sendCommand(Protocol.Command.PING);
                final long end = System.nanoTime();
                final long latency = end - planned;
                h.recordValue(Math.min(latency, h.getHighestTrackableValue()));
                final long runDelayAfter = sched.runDelayNs();
                final long involuntaryAfter = sched.involuntarySwitches();
                readGc(gcCountAfter, gcTimeAfter);
                samplesSinceCapture++;
                final boolean tail = latency > thresholdNs;
                if (tail)
                {
                    tailSamples++;
                    if (prevTail && prevEnd > planned && head != null)
                    {
                        queueBehind(head, latency);
                    }
                    else
                    {
                        end(head);
                        head = new Stall(Instant.now(), latency, TailDeltas.quiet(latency, thresholdNs)
                            .withSched(diff(involuntaryAfter, involuntary), diff(runDelayAfter, runDelay))
                            .withGc(gcDelta(), gcTimeDelta(), gcNames()));
                        pending.add(head);
                        stalls++;
                    }
                    events.lazySet(tailSamples);
                }
                else
                {
                    end(head);
                }
                prevTail = tail;
                prevEnd = end;
                runDelay = runDelayAfter;
                involuntary = involuntaryAfter;
                System.arraycopy(gcCountAfter, 0, gcCountBefore, 0, gcs.size());
                System.arraycopy(gcTimeAfter, 0, gcTimeBefore, 0, gcs.size());
                final long sinceCapture = end - lastNs;
                if (sinceCapture >= REFRESH_NS || !pending.isEmpty() && sinceCapture >= CAPTURE_MIN_GAP_NS)
                {
                    final long c0 = System.nanoTime();
                    capture();
                    final long took = System.nanoTime() - c0;
                    // Out of the schedule goes what a snapshot usually costs; beyond that (Redis stalled,
                    // or the thread was held up, during the snapshot) is charged to the next samples.
                    final long usual = fastestCaptureNs == Long.MAX_VALUE ? CAPTURE_CHARGE_FLOOR_NS
                        : Math.max(CAPTURE_CHARGE_FLOOR_NS, 4 * fastestCaptureNs);
                    shift += Math.min(took, usual);
                    fastestCaptureNs = Math.min(fastestCaptureNs, took);
                    captureNs += took;
                    longestCaptureNs = Math.max(longestCaptureNs, took);
                }
                done.lazySet(i + 1);
            }
            final long wallNs = System.nanoTime() - start;
            end(head);
            if (!pending.isEmpty())
            {
                capture();
            }
            final List<TailEvent> worstEvents = new ArrayList<>();
            worst.stream().sorted(Comparator.comparingLong((final Stall s) -> s.latencyNs).reversed())
                .forEach(s -> worstEvents.add(s.event()));
            return new TailReport(startedAt, Instant.now(), address, settings, thresholds, thresholdsSource, pin, tid,
                LatencyStats.of(h, new long[0], 0), tailSamples, stalls, Map.copyOf(classCounts), worstEvents,
                captures, captureNs, longestCaptureNs, wallNs);
        }

        private void queueBehind(final Stall head, final long latency)
        {
            head.queued++;
            head.latencyNs = Math.max(head.latencyNs, latency);
            if (head.classification != null)
            {
                count(head.classification, 1);
            }
        }

        /** A stall whose queue has ended (its latency is final), once classified, may be among the worst. */
        private void end(final Stall stall)
        {
            if (stall != null && !stall.ended)
            {
                stall.ended = true;
                offerIfDone(stall);
            }
        }

        private void offerIfDone(final Stall s)
        {
            if (s.ended && s.classification != null)
            {
                worst.add(s);
                if (worst.size() > settings.worst())
                {
                    worst.poll();
                }
            }
        }

        private void count(final TailClassifier.Classification c, final long samples)
        {
            for (final TailClass k : c.classes())
            {
                classCounts.merge(k, samples, Long::sum);
            }
        }

        /** The expensive snapshot: classifies the pending events with the window since the last one. */
        private void capture()
        {
            final int cpu = measuringCpu();
            final Map<Integer, Map<String, Long>> irqNow = CpuInterrupts.read();
            final RedisSnapshot redisNow = RedisSnapshot.take(jedis);
            final long now = System.nanoTime();
            final long window = now - lastNs;
            final double scale = (double)window / Math.max(1, lastNs - firstNs);
            final List<TailDeltas.LineDelta> lines = new ArrayList<>();
            final Map<String, Long> last = irqLast.getOrDefault(cpu, Map.of());
            final Map<String, Long> first = irqFirst.getOrDefault(cpu, Map.of());
            irqNow.getOrDefault(cpu, Map.of()).forEach((line, count) ->
            {
                final long before = last.getOrDefault(line, count);
                if (count > before)
                {
                    lines.add(new TailDeltas.LineDelta(line, line.startsWith(CpuInterrupts.DEVICE_PREFIX),
                        count - before, (before - first.getOrDefault(line, before)) * scale));
                }
            });
            final long own = samplesSinceCapture + RedisSnapshot.OWN_COMMANDS;
            final TailDeltas.RedisDelta redis = redisNow.since(redisLast, own,
                redisLast.otherCommands(redisFirst, ownFirstToLast) * scale);
            for (final Stall s : pending)
            {
                s.classification = TailClassifier.classify(s.deltas.withWindow(cpu, window, lines, redis));
                s.cpu = cpu;
                count(s.classification, 1 + s.queued);
                offerIfDone(s);
            }
            pending.clear();
            irqLast = irqNow;
            redisLast = redisNow;
            ownFirstToLast += own;
            lastNs = now;
            samplesSinceCapture = 0;
            captures++;
        }

        private int measuringCpu()
        {
            return pin.pinned() ? pin.requestedCpu() : sched.lastCpu();
        }

        private void readGc(final long[] counts, final long[] times)
        {
            for (int i = 0; i < counts.length; i++)
            {
                counts[i] = gcs.get(i).getCollectionCount();
                times[i] = gcs.get(i).getCollectionTime();
            }
        }

        private long gcDelta()
        {
            long d = 0;
            for (int i = 0; i < gcCountAfter.length; i++)
            {
                d += Math.max(0, gcCountAfter[i] - gcCountBefore[i]);
            }
            return d;
        }

        private long gcTimeDelta()
        {
            long d = 0;
            for (int i = 0; i < gcTimeAfter.length; i++)
            {
                d += Math.max(0, gcTimeAfter[i] - gcTimeBefore[i]);
            }
            return d;
        }

        private String gcNames()
        {
            final StringJoiner j = new StringJoiner(", ");
            for (int i = 0; i < gcCountAfter.length; i++)
            {
                if (gcCountAfter[i] > gcCountBefore[i])
                {
                    j.add(gcs.get(i).getName());
                }
            }
            return j.toString();
        }

        private static long diff(final long after, final long before)
        {
            return after < 0 || before < 0 ? -1 : after - before;
        }
    }
}
