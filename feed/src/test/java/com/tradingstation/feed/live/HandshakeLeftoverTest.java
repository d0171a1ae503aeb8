package com.tradingstation.feed.live;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server may send its first frames in the same TCP segment as the 101 answer: those bytes reach
 * the frame reader after the HTTP codec is removed, none lost, none twice, and framing stays aligned.
 */
class HandshakeLeftoverTest
{
    private static final int GLUED = 150;

    @Test
    void framesInTheSameWriteAsTheUpgradeAnswerAreAllRead() throws Exception
    {
        for (int round = 0; round < 10; round++)
        {
            try (FrameBlaster blaster = new FrameBlaster("BTCUSDT").framesWithHandshake(GLUED))
            {
                final LiveSession session = blaster.openSession();
                final Thread runner = new Thread(() -> session.pipeline().run(session), "test-live-run");
                runner.setDaemon(true);
                runner.start();
                try
                {
                    final FrameBlaster.Client client = blaster.awaitClient(30, TimeUnit.SECONDS);
                    await(() -> messages(session) >= GLUED || !closeReasons(session).isEmpty(), "the glued frames");
                    try
                    {
                        client.blast(2_000);
                    }
                    catch (final java.io.IOException ex)
                    {
                        throw new AssertionError("round " + round + ": the station hung up: " + closeReasons(session) +
                            ", " + messages(session) + " messages", ex);
                    }
                    await(() -> messages(session) >= GLUED + 2_000 || !closeReasons(session).isEmpty(), "the blast");
                    assertThat(closeReasons(session)).as("round %d", round).isEmpty();
                    assertThat(messages(session)).isEqualTo(GLUED + 2_000);
                    assertThat(session.pipeline().decoder().malformedTotal()).isZero();
                }
                finally
                {
                    session.stop();
                    runner.join(30_000);
                }
            }
        }
    }

    private static long messages(final LiveSession session)
    {
        return session.feed().slots().get(0).messages();
    }

    private static List<String> closeReasons(final LiveSession session)
    {
        return session.feed().slots().get(0).closeReasons();
    }

    private static void await(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
