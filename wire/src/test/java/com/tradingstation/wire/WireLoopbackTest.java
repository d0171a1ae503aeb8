package com.tradingstation.wire;

import com.tradingstation.core.sync.InstrumentBook;
import com.tradingstation.feed.pipeline.PipelineResult;
import com.tradingstation.feed.testing.Captures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WireLoopbackTest
{
    @TempDir
    Path dir;

    @Test
    void syntheticSessionArrivesWhole() throws Exception
    {
        final Path session = LoopbackRig.synthetic(dir, 8, 50, 20);
        try (LoopbackRig rig = new LoopbackRig(LoopbackRig.unicast()))
        {
            final PipelineResult result = rig.replay(List.of(session));
            assertThat(result.clean()).isTrue();
            assertThat(rig.converge(10_000)).as("%s", rig.mismatches()).isTrue();
            assertClean(rig);
            assertThat(rig.subscriber.books()).hasSize(8);
            assertThat(rig.trades)
                .isEqualTo(rig.pipeline.engine().books().stream().mapToLong(InstrumentBook::trades).sum());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"spot", "usdm", "coinm"})
    void realCaptureArrivesWhole(final String set) throws Exception
    {
        final List<String> names = switch (set)
        {
            case "spot" -> Captures.SPOT;
            case "usdm" -> Captures.USDM;
            default -> Captures.COINM;
        };
        final List<Path> files = Captures.session(names);
        Assumptions.assumeTrue(files != null, () -> Captures.missing(names));
        try (LoopbackRig rig = new LoopbackRig(LoopbackRig.unicast()))
        {
            rig.replay(files);
            assertThat(rig.converge(20_000)).as("%s", rig.mismatches()).isTrue();
            assertClean(rig);
            // Every top of book the subscriber saw after its first snapshot matched its own book.
            assertThat(rig.subscriber.topChecks()).isGreaterThan(1000);
        }
    }

    @Test
    void lostPacketsAreDetectedAndBooksRecoverFromSnapshots() throws Exception
    {
        final Path session = LoopbackRig.synthetic(dir, 6, 100, 30);
        final WireConfig config = LoopbackRig.unicast().withTimings(20, 200, 1000);
        try (LoopbackRig rig = new LoopbackRig(config))
        {
            // Drop 3 packets once every book is live, then a burst of 40 once they all recovered, and
            // two snapshot packets early on.
            final int[] losses = {3, 40};
            final int[] phase = {0};
            final long[] dropped = {0, 0};
            final java.util.BitSet carried = new java.util.BitSet();
            final long[] carriedDrops = new long[6];
            rig.publisher.lossHook((channel, seq) ->
            {
                if (channel == WireProtocol.CHANNEL_SNAPSHOT)
                {
                    return seq == 2 || seq == 7;
                }
                if (phase[0] >= losses.length)
                {
                    return false;
                }
                if (dropped[phase[0]] == 0 && (rig.subscriber.gapCount() < phase[0] ||
                    rig.subscriber.books().size() < 6 || rig.subscriber.staleBooks() > 0))
                {
                    return false; // the last loss not yet noticed, or not yet all live again
                }
                if (++dropped[phase[0]] == losses[phase[0]])
                {
                    phase[0]++;
                }
                // The packet being dropped is in the sender's buffer: whose book messages does it carry?
                final java.util.BitSet ids = LoopbackRig.bookInstruments(rig.publisher.incremental().buffer());
                carried.or(ids);
                ids.stream().forEach(id -> carriedDrops[id]++);
                return true;
            });
            rig.replay(List.of(session));
            assertThat(phase[0]).as("both losses happened during the session").isEqualTo(2);
            assertThat(rig.converge(10_000)).as("%s", rig.mismatches()).isTrue();

            final WireSubscriber sub = rig.subscriber;
            assertThat(sub.gapCount()).isEqualTo(2);
            assertThat(sub.lostPacketCount()).isEqualTo(43);
            assertThat(rig.publisher.incremental().hookDrops()).isEqualTo(43);
            assertThat(sub.snapshotGaps()).isEqualTo(2);
            // Only the books whose messages the lost packets carried went stale, each at most once per
            // packet that carried it, and each was recovered from a snapshot after it.
            assertThat(carried.cardinality()).isBetween(1, 6);
            for (int id = 0; id < 6; id++)
            {
                if (carried.get(id))
                {
                    assertThat(rig.staleById[id]).as("instrument %d", id).isBetween(1L, carriedDrops[id]);
                }
                else
                {
                    assertThat(rig.staleById[id]).as("instrument %d", id).isZero();
                }
                assertThat(rig.recoveredById[id]).as("instrument %d", id).isEqualTo(1 + rig.staleById[id]);
            }
            assertThat(sub.instrumentGaps()).isEqualTo(rig.staleCallbacks);
            assertThat(sub.recoveryCount()).isEqualTo(rig.recoveredCallbacks);
            assertThat(sub.topMismatches()).isZero();
            assertThat(rig.mismatches()).isEmpty();
        }
    }

    @Test
    void multicastOnThisHost() throws Exception
    {
        try
        {
            UdpTransport.multicastInterface(null);
        }
        catch (final SocketException ex)
        {
            Assumptions.abort("SKIPPED: no multicast-capable interface on this host (" + ex.getMessage() + ")");
        }
        final int[] ports = LoopbackRig.freeUdpPorts();
        final WireConfig config = WireConfig.defaults()
            .withChannels(new InetSocketAddress("239.255.77.41", ports[0]),
                new InetSocketAddress("239.255.77.42", ports[1]))
            .withTimings(20, 200, 200);
        final Path session = LoopbackRig.synthetic(dir, 3, 20, 10);
        try (LoopbackRig rig = new LoopbackRig(config))
        {
            rig.replay(List.of(session));
            assertThat(rig.converge(10_000)).as("%s", rig.mismatches()).isTrue();
            assertClean(rig);
        }
    }

    private static void assertClean(final LoopbackRig rig)
    {
        final WireSubscriber sub = rig.subscriber;
        assertThat(sub.gapCount()).isZero();
        assertThat(sub.lostPacketCount()).isZero();
        assertThat(sub.rejectedTotal()).isZero();
        assertThat(sub.topMismatches()).isZero();
        assertThat(sub.topChecks()).isPositive();
        assertThat(rig.publisher.incremental().sendErrorCount()).isZero();
        assertThat(sub.packets(WireProtocol.CHANNEL_INCREMENTAL)).isEqualTo(rig.publisher.incremental().packets());
        assertThat(rig.mismatches()).isEmpty();
    }
}
