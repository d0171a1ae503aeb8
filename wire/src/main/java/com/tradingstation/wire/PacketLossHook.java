package com.tradingstation.wire;

/**
 * Test hook of the publisher: a packet it says to drop is numbered and counted but never sent,
 * which is exactly how a lost datagram looks to a subscriber.
 */
@FunctionalInterface
public interface PacketLossHook
{
    /** Drops nothing. */
    PacketLossHook NONE = (channel, sequence) -> false;

    /**
     * @param channel  {@link WireProtocol#CHANNEL_INCREMENTAL} or {@link WireProtocol#CHANNEL_SNAPSHOT}.
     * @param sequence the packet's sequence number.
     * @return true to drop it.
     */
    boolean drop(int channel, long sequence);
}
