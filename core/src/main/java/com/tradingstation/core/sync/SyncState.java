package com.tradingstation.core.sync;

/**
 * Where an instrument's book stands in its venue's sequencing.
 */
public enum SyncState
{
    /** No usable snapshot: diffs are buffered; the book is stale. */
    AWAITING_SNAPSHOT,
    /** A snapshot is loaded; waiting for the diff that bridges it. */
    SYNCING,
    /** Diffs chain without gaps; the book is current. */
    LIVE
}
