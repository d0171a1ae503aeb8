package com.tradingstation.core.sync;

import com.tradingstation.core.instrument.Venue;

/**
 * How a venue's depth diffs chain onto a REST snapshot and onto each other. Each diff carries
 * its first update id {@code U}, its last {@code u} and, on futures, the previous diff's last
 * id {@code pu}. {@link #forVenue(Venue)} names each venue's rule: the choice lives here, with
 * the rules, so that the instrument package does not depend on this one.
 */
public enum SequencingRule
{
    /**
     * Binance spot: drop {@code u <= lastUpdateId}; the first applied diff has
     * {@code U <= lastUpdateId + 1 <= u}; then each {@code U == previous u + 1}.
     */
    BINANCE_SPOT
    {
        @Override
        public boolean precedesSnapshot(final long lastUpdateId, final long u)
        {
            return u <= lastUpdateId;
        }

        @Override
        public boolean bridgesSnapshot(final long lastUpdateId, final long firstId, final long u)
        {
            return firstId <= lastUpdateId + 1 && lastUpdateId + 1 <= u;
        }

        @Override
        public boolean continues(final long previousU, final long firstId, final long u, final long pu)
        {
            return firstId == previousU + 1;
        }
    },

    /**
     * Binance USD-M and COIN-M futures: drop {@code u < lastUpdateId}; the first applied diff has
     * {@code U <= lastUpdateId <= u}; then {@code pu == previous u} (ids are not contiguous).
     */
    BINANCE_FUTURES
    {
        @Override
        public boolean precedesSnapshot(final long lastUpdateId, final long u)
        {
            return u < lastUpdateId;
        }

        @Override
        public boolean bridgesSnapshot(final long lastUpdateId, final long firstId, final long u)
        {
            return firstId <= lastUpdateId && lastUpdateId <= u;
        }

        @Override
        public boolean continues(final long previousU, final long firstId, final long u, final long pu)
        {
            return pu == previousU;
        }
    };

    /**
     * @param venue a venue.
     * @return how its depth diffs chain onto a snapshot and onto each other.
     */
    public static SequencingRule forVenue(final Venue venue)
    {
        switch (venue)
        {
            case BINANCE_SPOT:
                return BINANCE_SPOT;
            case BINANCE_USDM:
            case BINANCE_COINM:
                return BINANCE_FUTURES;
            default:
                throw new IllegalArgumentException("no sequencing rule for venue " + venue.id());
        }
    }

    /**
     * @param lastUpdateId the snapshot's id.
     * @param u            the diff's last id.
     * @return true when the diff is already contained in the snapshot and must be dropped.
     */
    public abstract boolean precedesSnapshot(long lastUpdateId, long u);

    /**
     * @param lastUpdateId the snapshot's id.
     * @param firstId      the diff's first id {@code U}.
     * @param u            the diff's last id.
     * @return true when the diff is the valid first diff after the snapshot.
     */
    public abstract boolean bridgesSnapshot(long lastUpdateId, long firstId, long u);

    /**
     * @param previousU last id of the previously applied diff.
     * @param firstId   this diff's {@code U}.
     * @param u         this diff's {@code u}.
     * @param pu        this diff's {@code pu} (futures only).
     * @return true when this diff follows the previous one with nothing missing.
     */
    public abstract boolean continues(long previousU, long firstId, long u, long pu);
}
