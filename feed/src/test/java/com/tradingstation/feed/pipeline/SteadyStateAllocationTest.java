package com.tradingstation.feed.pipeline;

import com.tradingstation.core.instrument.Venue;
import com.tradingstation.feed.testing.Captures;
import com.tradingstation.feed.testing.SessionFixture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decoding and applying allocate nothing in steady state: the thread's allocated-bytes counter
 * does not move over a full pass of at least 100,000 messages after warm-up. The pipeline runs
 * inline (decoder → ring → books on one thread) so one thread's counter sees all of it.
 */
class SteadyStateAllocationTest
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @Test
    void realCapturesAllocateNothingAfterWarmUp()
    {
        final List<Captures.Line> lines = new ArrayList<>();
        for (final List<String> set : List.of(Captures.SPOT, Captures.USDM, Captures.COINM))
        {
            final List<Path> paths = Captures.session(set);
            Assumptions.assumeTrue(paths != null, () -> Captures.missing(set));
            lines.addAll(Captures.load(paths));
        }
        assertThat(lines.size()).isGreaterThanOrEqualTo(100_000);
        final long allocated = allocatedOverSteadyPass(lines);
        assertThat(allocated).as("bytes allocated decoding and applying %d real messages", lines.size()).isZero();
    }

    @Test
    void generatedSessionsAllocateNothingAfterWarmUp()
    {
        final List<Captures.Line> lines = new ArrayList<>();
        int seed = 1;
        for (final Venue venue : Venue.values())
        {
            for (final String line : new SessionFixture(venue, seed++).generate(40_000))
            {
                final int space = line.indexOf(' ');
                lines.add(new Captures.Line(
                    line.substring(space + 1).getBytes(StandardCharsets.US_ASCII),
                    Long.parseLong(line.substring(0, space))));
            }
        }
        assertThat(lines.size()).isGreaterThanOrEqualTo(100_000);
        assertThat(allocatedOverSteadyPass(lines)).isZero();
    }

    private static long allocatedOverSteadyPass(final List<Captures.Line> lines)
    {
        final StationPipeline pipeline = new StationPipeline(null, 0, false);
        final int n = lines.size();
        final byte[][] json = new byte[n][];
        final long[] times = new long[n];
        for (int i = 0; i < n; i++)
        {
            json[i] = lines.get(i).json();
            times[i] = lines.get(i).receiveTimeNs();
        }
        for (int pass = 0; pass < 3; pass++) // warm-up: JIT and every buffer at working size
        {
            pipeline.reset();
            feed(pipeline, json, times);
        }
        // Steady state: three measured passes. A JIT recompilation can still cost a one-off
        // hundred bytes in one pass; a per-message allocation would cost megabytes in every pass.
        final long threadId = Thread.currentThread().getId();
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int pass = 0; pass < 3; pass++)
        {
            pipeline.reset();
            final long before = THREADS.getThreadAllocatedBytes(threadId);
            feed(pipeline, json, times);
            final long allocated = THREADS.getThreadAllocatedBytes(threadId) - before;
            min = Math.min(min, allocated);
            max = Math.max(max, allocated);
        }
        System.out.printf("steady-state allocation over %d messages: min %d B, max %d B per pass%n", n, min, max);
        assertThat(max).as("worst pass, bytes for %d messages", n).isLessThan(1024);
        // The pass did real work: every set ends clean and live.
        final PipelineResult result = pipeline.result(0);
        assertThat(result.messages()).isEqualTo(n);
        assertThat(result.clean()).isTrue();
        assertThat(result.symbols()).allSatisfy(s ->
        {
            assertThat(s.state()).isEqualTo("LIVE");
            assertThat(s.appliedCount()).isPositive();
        });
        return min;
    }

    private static void feed(final StationPipeline pipeline, final byte[][] json, final long[] times)
    {
        for (int i = 0; i < json.length; i++)
        {
            pipeline.onMessage(json[i], 0, json[i].length, times[i]);
        }
    }
}
