package com.tradingstation.wire;

/**
 * What a {@link WireSubscriber} has received, rejected, lost and recovered, as plain counters
 * (read through the subscriber's accessors, which document each).
 * <p>
 * Threading: written by the subscriber's thread. Allocation: none after construction.
 */
final class SubscriberCounters
{
    /** Channels are 1 and 2: indexed by channel id. */
    private static final int CHANNEL_SLOTS = 3;

    final long[] packetCounts = new long[CHANNEL_SLOTS];
    final long[] messageCounts = new long[CHANNEL_SLOTS];
    final long[] receivedBytes = new long[CHANNEL_SLOTS];
    final long[] rejectedCounts = new long[RejectReason.values().length];
    long gapCount;
    long restartCount;
    long lostPacketCount;
    long duplicateCount;
    long snapshotGapCount;
    long snapshotsAppliedCount;
    long snapshotsUnusableCount;
    long snapshotsDiscardedCount;
    long recoveryCount;
    long instrumentGapCount;
    long lostBookMessageCount;
    long gapsFoundByDefinitionCount;
    long gapsFoundBySnapshotCount;
    long unknownTemplateCount;
    long undefinedInstrumentCount;
    long topCheckCount;
    long topMismatchCount;

    /**
     * Count an accepted packet.
     *
     * @param channel      its channel.
     * @param messageCount messages in it.
     * @param length       its length in bytes.
     */
    void accepted(final int channel, final int messageCount, final int length)
    {
        packetCounts[channel]++;
        messageCounts[channel] += messageCount;
        receivedBytes[channel] += length;
    }

    /** @return packets rejected for any reason. */
    long rejectedTotal()
    {
        long n = 0;
        for (final long count : rejectedCounts)
        {
            n += count;
        }
        return n;
    }
}
