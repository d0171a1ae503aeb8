package com.tradingstation.wire;

import com.tradingstation.core.instrument.Venue;
import com.tradingstation.core.sync.InstrumentBook;
import com.tradingstation.feed.synth.SyntheticSession;
import com.tradingstation.feed.testing.Captures;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Receive-side loss of incremental datagrams on real loopback sockets, 20 instruments: a lost
 * datagram makes stale only the instruments whose book messages it carried, each recovers from its
 * own next snapshot, and every instrument is live (and equal to the station's book) in at least 90%
 * of the sampled seconds at 1% and 0.1% loss; after the loss stops every book is live and equal
 * within one snapshot cycle. Without loss nothing goes stale.
 * <p>
 * The session is replayed inline at its own pace (20 instruments x 10 depth diffs/s plus tickers and
 * trades: about 370 lines a second, as {@code station run --rate 369} would), in simulated time: the
 * publisher's interval clock and the subscriber's receive clock advance one line interval per line,
 * so snapshots come at the configured 20 a second, a snapshot cycle is 1 s, and the run is
 * deterministic and takes seconds.
 */
class PerInstrumentRecoveryTest
{
    private static final int INSTRUMENTS = 20;
    private static final int SNAPSHOTS_PER_SECOND = 20;
    private static final long SECOND = 1_000_000_000L;
    private static final long CYCLE_NS = SECOND * INSTRUMENTS / SNAPSHOTS_PER_SECOND;
    private static final int LOSS_SECONDS = 240;
    private static final int SESSION_SECONDS = LOSS_SECONDS + 30;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}% of incremental datagrams lost")
    @ValueSource(doubles = {1.0, 0.1})
    void aLostDatagramStalesOnlyItsInstrumentsAndEachRecoversFromItsNextSnapshot(final double pct) throws Exception
    {
        final Run run = run(pct);
        final WireSubscriber sub = run.rig.subscriber;
        System.out.println(run.summary());

        assertThat(run.dropped).as("datagrams dropped").isGreaterThan(pct >= 1 ? 200 : 10);
        // Every dropped datagram was seen as lost (the session goes on after the loss, so none is last).
        assertThat(sub.lostPacketCount()).isEqualTo(run.dropped);
        assertThat(sub.gapCount()).isPositive();
        for (int id = 0; id < INSTRUMENTS; id++)
        {
            // Stale only when a lost datagram carried its book messages, at most once per such datagram,
            // and at least once when one did.
            if (run.carriedDrops[id] == 0)
            {
                assertThat(run.rig.staleById[id]).as("instrument %d, never in a lost datagram", id).isZero();
            }
            else
            {
                assertThat(run.rig.staleById[id]).as("instrument %d", id).isBetween(1L, run.carriedDrops[id]);
            }
            assertThat(run.liveShare(id)).as("instrument %d live and equal to the station's book, of %d samples (%s)",
                id, run.samples, run.summary()).isGreaterThanOrEqualTo(0.90);
        }
        assertThat(run.rig.staleCallbacks).as("books made stale by losses")
            .isLessThan(run.dropped * INSTRUMENTS / 4) // far from "every gap stales every book"
            .isEqualTo(sub.instrumentGaps());
        assertThat(run.allLiveNs).as("every book live and equal after the loss stopped").isPositive();
        assertThat(run.lastDropNs).as("the loss ended on a datagram with book messages").isPositive();
        assertThat(run.allLiveNs - run.lastDropNs).as("ns from the last lost datagram to every book live and equal")
            .isLessThanOrEqualTo(CYCLE_NS);
        assertThat(sub.topMismatches()).isZero();
        assertThat(run.rig.mismatches()).isEmpty();
    }

    @Test
    void withoutLossNoBookEverGoesStale() throws Exception
    {
        final Run run = run(0);
        final WireSubscriber sub = run.rig.subscriber;
        System.out.println(run.summary());
        assertThat(run.dropped).isZero();
        assertThat(sub.gapCount()).isZero();
        assertThat(sub.instrumentGaps()).isZero();
        assertThat(run.rig.staleCallbacks).isZero();
        assertThat(run.rig.recoveredCallbacks).as("each book's first snapshot only").isEqualTo(INSTRUMENTS);
        assertThat(run.samples).isEqualTo(LOSS_SECONDS);
        for (int id = 0; id < INSTRUMENTS; id++)
        {
            assertThat(run.liveAndEqual[id]).as("instrument %d", id).isEqualTo(run.samples);
        }
        assertThat(sub.topMismatches()).isZero();
        assertThat(run.rig.mismatches()).isEmpty();
    }

    /** One replay of the session with {@code pct}% of incremental datagrams dropped for {@link #LOSS_SECONDS}. */
    private Run run(final double pct) throws Exception
    {
        final Path file = dir.resolve("s20.jsonl");
        if (!Files.exists(file))
        {
            try (Writer w = Files.newBufferedWriter(file))
            {
                new SyntheticSession(Venue.BINANCE_SPOT, INSTRUMENTS, 10, 200, 7).write(w, SESSION_SECONDS);
            }
        }
        final List<Captures.Line> lines = Captures.load(List.of(file));
        final CachedNanoClock clock = new CachedNanoClock();
        final WireConfig config = LoopbackRig.unicast().withTimings(250, 1000, SNAPSHOTS_PER_SECOND);
        final Run run = new Run(new LoopbackRig(config, clock), pct);
        try (LoopbackRig rig = run.rig)
        {
            final ReceiveLoss seeded = ReceiveLoss.incremental(pct, 11);
            rig.udp.receiveLoss((channel, datagram, length) ->
            {
                final BitSet ids = LoopbackRig.bookInstruments(datagram);
                if (run.lastDrop && pct > 0 && channel == WireProtocol.CHANNEL_INCREMENTAL && !ids.isEmpty())
                {
                    // The loss ends on a datagram with book messages, so there is something to recover from.
                    run.lastDrop = false;
                    run.lastDropNs = clock.nanoTime();
                }
                else if (!run.lossOn || !seeded.drop(channel, datagram, length))
                {
                    return false;
                }
                run.dropped++;
                ids.stream().forEach(id -> run.carriedDrops[id]++);
                return true;
            });
            // Paced as `station run --rate` paces a file: line i at i / rate seconds, the session's own rate.
            final long lineNs = SESSION_SECONDS * SECOND / lines.size();
            final java.util.SplittableRandom jitter = new java.util.SplittableRandom(3);
            long now = 0;
            long nextSampleNs = Long.MAX_VALUE;
            for (final Captures.Line line : lines)
            {
                now += lineNs;
                clock.update(now);
                rig.pipeline.onMessage(line.json(), 0, line.json().length, line.receiveTimeNs());
                if (run.lossStartNs == 0)
                {
                    // Loss starts one second after every book was first live.
                    if (rig.subscriber.books().size() == INSTRUMENTS && rig.subscriber.staleBooks() == 0 &&
                        rig.mismatches().isEmpty())
                    {
                        run.lossStartNs = now + SECOND;
                        run.lossEndNs = run.lossStartNs + LOSS_SECONDS * SECOND;
                        nextSampleNs = run.lossStartNs + jitter.nextLong(SECOND);
                    }
                    continue;
                }
                final boolean wasOn = run.lossOn;
                run.lossOn = now >= run.lossStartNs && now < run.lossEndNs;
                run.lastDrop |= wasOn && !run.lossOn;
                if (now >= nextSampleNs && run.samples < LOSS_SECONDS)
                {
                    // One sample per second at a random instant in it, so no instrument's snapshot phase is favoured.
                    run.sample();
                    nextSampleNs = run.lossStartNs + run.samples * SECOND + jitter.nextLong(SECOND);
                }
                if (run.lastDropNs > 0 && run.allLiveNs == 0 && rig.mismatches().isEmpty())
                {
                    run.allLiveNs = now;
                }
            }
            assertThat(run.lossEndNs).as("the session outlasts the loss").isLessThan(now);
            return run;
        }
    }

    private static final class Run
    {
        final LoopbackRig rig;
        final double pct;
        final long[] carriedDrops = new long[INSTRUMENTS];
        final long[] liveAndEqual = new long[INSTRUMENTS];
        final long[] liveButBehind = new long[INSTRUMENTS];
        long samples;
        long dropped;
        boolean lossOn;
        long lossStartNs;
        long lossEndNs;
        boolean lastDrop;
        /** When the loss stopped: the last datagram dropped, one with book messages. */
        long lastDropNs;
        long allLiveNs;

        Run(final LoopbackRig rig, final double pct)
        {
            this.rig = rig;
            this.pct = pct;
        }

        void sample()
        {
            samples++;
            for (int id = 0; id < INSTRUMENTS; id++)
            {
                final SubscriberBook mine = rig.subscriber.book(id);
                final InstrumentBook station = rig.pipeline.engine().book(id);
                if (mine.isStale())
                {
                    continue;
                }
                if (mine.stateHash() == station.book().stateHash() &&
                    mine.lastUpdateId() == station.book().lastUpdateId())
                {
                    liveAndEqual[id]++;
                }
                else
                {
                    // A loss not found yet: the instrument's next message, definition or snapshot will
                    liveButBehind[id]++;
                }
            }
        }

        double liveShare(final int id)
        {
            return (double)liveAndEqual[id] / samples;
        }

        String summary()
        {
            final double[] shares = new double[INSTRUMENTS];
            for (int id = 0; id < INSTRUMENTS; id++)
            {
                shares[id] = 100.0 * liveShare(id);
            }
            Arrays.sort(shares);
            final WireSubscriber s = rig.subscriber;
            return String.format(Locale.ROOT,
                "loss %s%%: %d incremental datagrams, %d dropped, %d found lost; %d books made stale (%d by " +
                "definitions, %d by snapshots); " +
                    "live and equal in %d samples per instrument: min %.1f%%, median %.1f%%, max %.1f%%; live but " +
                    "behind %d samples in all; every book live and equal %s after the loss stopped",
                pct, s.packets(WireProtocol.CHANNEL_INCREMENTAL) + dropped, dropped, s.lostPacketCount(),
                rig.staleCallbacks,
                s.gapsFoundByDefinition(), s.gapsFoundBySnapshot(), samples, shares[0], shares[INSTRUMENTS / 2],
                shares[INSTRUMENTS - 1], Arrays.stream(liveButBehind).sum(),
                allLiveNs == 0 ? "never" : (allLiveNs - Math.max(lossEndNs, lastDropNs)) / 1_000_000 + " ms");
        }
    }
}
