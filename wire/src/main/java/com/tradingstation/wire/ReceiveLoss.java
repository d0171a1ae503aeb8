package com.tradingstation.wire;

import org.agrona.DirectBuffer;

import java.util.SplittableRandom;

/**
 * Test aid of {@link UdpSubscriber}: a datagram this says to drop is read from its socket and
 * thrown away before the {@link WireSubscriber} sees it, exactly as if the network had lost it.
 * {@code station udp-monitor --loss-pct} uses {@link #incremental(double, long)} to show recovery.
 */
@FunctionalInterface
public interface ReceiveLoss
{
    /** Drops nothing. */
    ReceiveLoss NONE = (channel, datagram, length) -> false;

    /**
     * @param channel  {@link WireProtocol#CHANNEL_INCREMENTAL} or {@link WireProtocol#CHANNEL_SNAPSHOT}.
     * @param datagram the datagram as received (valid during the call only).
     * @param length   its length.
     * @return true to drop it.
     */
    boolean drop(int channel, DirectBuffer datagram, int length);

    /**
     * Drop a seeded random share of the incremental channel's datagrams; the snapshot channel is
     * left alone. The same seed and the same datagrams drop the same ones.
     *
     * @param percent share to drop, 0..100.
     * @param seed    random seed.
     * @return the loss; not thread-safe (one subscriber thread).
     */
    static ReceiveLoss incremental(final double percent, final long seed)
    {
        if (!(percent >= 0 && percent <= 100))
        {
            throw new IllegalArgumentException("loss must be 0..100 percent, was " + percent);
        }
        final double share = percent / 100;
        final SplittableRandom random = new SplittableRandom(seed);
        return (channel, datagram, length) ->
            channel == WireProtocol.CHANNEL_INCREMENTAL && share > 0 && random.nextDouble() < share;
    }
}
