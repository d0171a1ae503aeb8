package com.tradingstation.feed.pipeline;

import com.tradingstation.core.book.L2Book;
import com.tradingstation.core.fixedpoint.FixedPoint;
import com.tradingstation.core.instrument.Instrument;
import com.tradingstation.core.sync.InstrumentBook;
import com.tradingstation.json.JsonWriter;

/**
 * The end state of one instrument after a replay: top of book, depth and sequencing counters.
 *
 * @param venue          venue id.
 * @param symbol         symbol.
 * @param state          sequencing state at the end.
 * @param lastUpdateId   venue update id the book reflects.
 * @param bestBid        best bid (plain decimal) or null.
 * @param bestBidQty     its quantity or null.
 * @param bestAsk        best ask or null.
 * @param bestAskQty     its quantity or null.
 * @param bidLevels      bid level count.
 * @param askLevels      ask level count.
 * @param applied        diffs applied.
 * @param dropped        diffs dropped (already in the book).
 * @param buffered       diffs buffered before a snapshot.
 * @param gaps           sequence gaps.
 * @param resyncs        times stale and resynced.
 * @param crossed        crossed books seen.
 * @param malformed      malformed messages of this symbol.
 * @param snapshots      snapshots loaded.
 * @param levelUpdates   level sets applied by diffs.
 * @param tickers        bookTickers seen.
 * @param tickerChecks   bookTickers with the book's update id.
 * @param tickerAgree    of those, equal to the rebuilt top.
 * @param trades         trades seen.
 * @param stateHash      hash of every level.
 */
public record SymbolReport(
    String venue, String symbol, String state, long lastUpdateId, String bestBid, String bestBidQty,
    String bestAsk, String bestAskQty, int bidLevels, int askLevels, long appliedCount, long dropped,
    long bufferedCount, long gapCount, long resyncCount, long crossedCount, long malformed, long snapshotCount,
    long levelUpdateCount, long tickerCount, long tickerCheckCount, long tickerAgreeCount, long trades, long stateHash)
{
    /**
     * Capture an instrument book's state (call on the book thread or after it stopped).
     *
     * @param book      the book.
     * @param malformed malformed messages counted by the decoder for it.
     * @return the report.
     */
    public static SymbolReport of(final InstrumentBook book, final long malformed)
    {
        final Instrument ins = book.instrument();
        final L2Book b = book.book();
        final boolean hasBid = !b.bids().isEmpty();
        final boolean hasAsk = !b.asks().isEmpty();
        return new SymbolReport(
            ins.venue().id(), ins.symbol(), book.state().name(), b.lastUpdateId(),
            hasBid ? FixedPoint.toPlainString(b.bids().bestPrice(), ins.priceScale()) : null,
            hasBid ? FixedPoint.toPlainString(b.bids().bestQty(), ins.qtyScale()) : null,
            hasAsk ? FixedPoint.toPlainString(b.asks().bestPrice(), ins.priceScale()) : null,
            hasAsk ? FixedPoint.toPlainString(b.asks().bestQty(), ins.qtyScale()) : null,
            b.bids().size(), b.asks().size(), book.appliedCount(), book.dropped(), book.bufferedCount(),
            book.gapCount(), book.resyncCount(), book.crossedCount(), malformed, book.snapshotCount(),
            book.levelUpdateCount(), book.tickerCount(), book.tickerCheckCount(), book.tickerAgreeCount(),
            book.trades(), b.stateHash());
    }

    /** @return true when the book ended LIVE: diffs chained onto a snapshot to the end. */
    public boolean live()
    {
        return "LIVE".equals(state);
    }

    /**
     * @return why the book did not end LIVE, in a few words; null when it did.
     */
    public String notLiveReason()
    {
        if (live())
        {
            return null;
        }
        if ("SYNCING".equals(state))
        {
            return "its snapshot (lastUpdateId " + lastUpdateId + ") was never bridged by a diff";
        }
        if (snapshotCount == 0)
        {
            return "no depth snapshot arrived" + (bufferedCount > 0 ? ", " + bufferedCount + " diffs buffered" : "") +
                (appliedCount == 0 && bufferedCount == 0 &&
                    trades + tickerCount > 0 ? " and no depth diff either" : "");
        }
        return "it went stale (" + resyncCount + " resync(s)) and no newer snapshot followed";
    }

    /**
     * @param w writer positioned where an object may start.
     */
    public void writeJson(final JsonWriter w)
    {
        writeJson(w, null);
    }

    /**
     * @param w     writer positioned where an object may start.
     * @param extra writes more fields of the same object before it is closed (live sources add
     *              theirs), or null.
     */
    public void writeJson(final JsonWriter w, final java.util.function.Consumer<JsonWriter> extra)
    {
        w.beginObject()
            .field("venue", venue).field("symbol", symbol).field("state", state)
            .field("notLiveReason", notLiveReason())
            .field("lastUpdateId", lastUpdateId)
            .field("bestBid", bestBid).field("bestBidQty", bestBidQty)
            .field("bestAsk", bestAsk).field("bestAskQty", bestAskQty)
            .field("bidLevels", bidLevels).field("askLevels", askLevels)
            .field("applied", appliedCount).field("dropped", dropped).field("buffered", bufferedCount)
            .field("gaps", gapCount).field("resyncs", resyncCount).field("crossed", crossedCount)
            .field("malformed", malformed)
            .field("snapshots", snapshotCount).field("levelUpdates", levelUpdateCount)
            .field("tickers", tickerCount).field("tickerChecks", tickerCheckCount)
            .field("tickerAgree", tickerAgreeCount)
            .field("trades", trades).field("stateHash", Long.toHexString(stateHash));
        if (extra != null)
        {
            extra.accept(w);
        }
        w.endObject();
    }
}
