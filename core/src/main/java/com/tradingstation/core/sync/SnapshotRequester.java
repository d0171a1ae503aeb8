package com.tradingstation.core.sync;

/**
 * Called on the book thread when an instrument needs a fresh snapshot (first sight, gap,
 * crossed book, or a snapshot older than the buffered diffs). Implementations must not block:
 * live sources queue a paced REST request; replay has nothing to fetch and only counts.
 */
@FunctionalInterface
public interface SnapshotRequester
{
    /** Requester that does nothing: replay waits for the capture's next snapshot. */
    SnapshotRequester NONE = instrumentId -> {};

    /**
     * @param instrumentId the instrument whose book is stale.
     */
    void requestSnapshot(int instrumentId);
}
