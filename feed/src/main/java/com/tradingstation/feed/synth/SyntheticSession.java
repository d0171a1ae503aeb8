package com.tradingstation.feed.synth;

import com.tradingstation.core.fixedpoint.FixedPoint;
import com.tradingstation.core.instrument.Venue;
import com.tradingstation.json.JsonWriter;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Deterministic synthetic market sessions in the public recorder format ({@code <ns> <json>}
 * lines), for tests, demos and load: per symbol a REST snapshot after a few buffered diffs, then
 * depth diffs with the venue's sequencing (spot {@code U == prev u + 1}; futures
 * {@code pu == prev u} with non-contiguous ids), bookTickers taken from a reference book, and
 * trades. Mids random-walk; level churn concentrates near the top, with occasional deep levels.
 * <p>
 * Snapshots always carry {@code "symbol"} (and COIN-M's {@code "pair"}), so sessions with many
 * symbols attribute every snapshot unambiguously. Not thread-safe; the same options and seed give
 * the same bytes.
 */
public final class SyntheticSession
{
    private static final int DIFFS_BEFORE_SNAPSHOT = 3;

    private final Venue venue;
    private final List<SymbolState> symbols = new ArrayList<>();
    private final SplittableRandom random;
    private final long startNs;
    private final int diffsPerSecond;
    private final StringBuilder text = new StringBuilder(4096);
    private final JsonWriter json = new JsonWriter(text);
    private long lines;

    /**
     * @param venue          which variant to write.
     * @param symbolCount    number of symbols (named e.g. S0001USDT, or S0001USD_PERP on COIN-M).
     * @param diffsPerSecond depth diffs per symbol per second of market time.
     * @param levelsPerSide  initial levels per side.
     * @param seed           random seed.
     */
    public SyntheticSession(
        final Venue venue, final int symbolCount, final int diffsPerSecond, final int levelsPerSide, final long seed)
    {
        if (symbolCount < 1 || diffsPerSecond < 1 || levelsPerSide < 1)
        {
            throw new IllegalArgumentException("symbols, rate and levels must be positive");
        }
        this.venue = venue;
        this.random = new SplittableRandom(seed);
        this.diffsPerSecond = diffsPerSecond;
        this.startNs = 1_723_161_253_000_000_000L;
        for (int i = 0; i < symbolCount; i++)
        {
            final String base = symbolCount == 1 ? "BTC" : String.format(Locale.ROOT, "S%04d", i);
            final String symbol = venue == Venue.BINANCE_COINM ? base + "USD_PERP" : base + "USDT";
            symbols.add(new SymbolState(symbol, 1_000_000 + random.nextInt(9_000_000), levelsPerSide));
        }
    }

    /**
     * Write {@code seconds} of market time.
     *
     * @param out     destination (not closed).
     * @param seconds market seconds.
     * @return lines written so far.
     * @throws IOException from the writer.
     */
    public long write(final Writer out, final int seconds) throws IOException
    {
        final long stepNs = 1_000_000_000L / diffsPerSecond;
        final long steps = (long)seconds * diffsPerSecond;
        for (long step = 0; step < steps; step++)
        {
            final long timeNs = startNs + step * stepNs;
            for (final SymbolState s : symbols)
            {
                json.reset();
                s.step(timeNs + random.nextInt((int)Math.max(1, stepNs / 2)));
                out.append(text);
            }
        }
        return lines;
    }

    /**
     * @return symbols generated, in order.
     */
    public List<String> symbols()
    {
        final List<String> names = new ArrayList<>();
        for (final SymbolState s : symbols)
        {
            names.add(s.symbol);
        }
        return names;
    }

    /**
     * @param index symbol index.
     * @return the reference best bid as a plain decimal.
     */
    public String bestBid(final int index)
    {
        return FixedPoint.toPlainString(symbols.get(index).bids.firstKey(), 2);
    }

    /**
     * @param index symbol index.
     * @return the reference best ask as a plain decimal.
     */
    public String bestAsk(final int index)
    {
        return FixedPoint.toPlainString(symbols.get(index).asks.firstKey(), 2);
    }

    /**
     * @param index symbol index.
     * @return reference bid level count.
     */
    public int bidLevels(final int index)
    {
        return symbols.get(index).bids.size();
    }

    /**
     * @param index symbol index.
     * @return reference ask level count.
     */
    public int askLevels(final int index)
    {
        return symbols.get(index).asks.size();
    }

    /** @return lines written. */
    public long lines()
    {
        return lines;
    }

    private final class SymbolState
    {
        final String symbol;
        final String pair;
        final String depthStream;
        final String tickerStream;
        final String tradeStream;
        final TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<Long, Long> asks = new TreeMap<>();
        final StringBuilder b = new StringBuilder(256);
        final StringBuilder a = new StringBuilder(256);
        final JsonWriter bidChanges = new JsonWriter(b);
        final JsonWriter askChanges = new JsonWriter(a);
        long mid; // ticks of 0.01
        long updateId;
        long prevU = -1;
        long tradeId = 1;
        int diffs;
        String snapshot;

        SymbolState(final String symbol, final long mid, final int levelsPerSide)
        {
            final String stream = symbol.toLowerCase(Locale.ROOT);
            this.symbol = symbol;
            this.pair = venue == Venue.BINANCE_COINM ? symbol.substring(0, symbol.indexOf('_')) : null;
            this.depthStream = stream + (venue == Venue.BINANCE_SPOT ? "@depth@100ms" : "@depth@0ms");
            this.tickerStream = stream + "@bookTicker";
            this.tradeStream = stream + "@trade";
            this.mid = mid;
            this.updateId = 1_000_000L + random.nextInt(1_000_000);
            for (int i = 1; i <= levelsPerSide; i++)
            {
                bids.put(mid - i, qty());
                asks.put(mid + i, qty());
            }
        }

        void step(final long timeNs)
        {
            bidChanges.reset().beginArray();
            askChanges.reset().beginArray();
            final long first = updateId + 1;
            final int changes = 1 + random.nextInt(8);
            long last = first;
            for (int c = 0; c < changes; c++)
            {
                mutate();
                last = venue == Venue.BINANCE_SPOT ? first + c : first + c * (1L + random.nextInt(5));
            }
            if (random.nextInt(20) == 0)
            {
                mid += random.nextBoolean() ? 1 : -1;
                uncross();
            }
            updateId = last;
            depthUpdate(line(timeNs), first, last, timeNs);
            prevU = last;
            diffs++;
            if (diffs == DIFFS_BEFORE_SNAPSHOT)
            {
                // The REST answer reflects this diff; it is recorded two diffs later, as a slow REST call would be.
                snapshot = snapshotJson(last, timeNs);
            }
            else if (diffs == DIFFS_BEFORE_SNAPSHOT + 2)
            {
                line(timeNs).rawValue(snapshot);
                text.append('\n');
                snapshot = null;
            }
            if (random.nextInt(3) == 0)
            {
                ticker(line(timeNs), last, timeNs);
            }
            if (random.nextInt(2) == 0)
            {
                trade(line(timeNs), timeNs);
            }
        }

        /** Starts a capture line: the receive time, then the line's JSON document. */
        private JsonWriter line(final long timeNs)
        {
            lines++;
            text.append(timeNs).append(' ');
            return json.nextDocument();
        }

        private void depthUpdate(final JsonWriter w, final long first, final long last, final long timeNs)
        {
            w.beginObject().field("stream", depthStream).name("data").beginObject()
                .field("e", "depthUpdate").field("E", timeNs / 1_000_000);
            if (venue != Venue.BINANCE_SPOT)
            {
                w.field("T", timeNs / 1_000_000);
            }
            w.field("s", symbol);
            if (pair != null)
            {
                w.field("ps", pair);
            }
            w.field("U", first).field("u", last);
            if (venue != Venue.BINANCE_SPOT)
            {
                w.field("pu", prevU);
            }
            bidChanges.endArray();
            askChanges.endArray();
            w.name("b").valueBuilder().append(b);
            w.name("a").valueBuilder().append(a);
            w.endObject().endObject();
            text.append('\n');
        }

        private void mutate()
        {
            final boolean bid = random.nextBoolean();
            final long distance = random.nextInt(10) == 0 ? 1 + random.nextInt(2000) : 1 + random.nextInt(15);
            final long price = bid ? mid - distance : mid + distance;
            final long qty = random.nextInt(4) == 0 ? 0 : qty();
            final TreeMap<Long, Long> side = bid ? bids : asks;
            if (qty == 0)
            {
                side.remove(price);
            }
            else
            {
                side.put(price, qty);
            }
            level(bid ? bidChanges : askChanges, price, qty);
        }

        private void uncross()
        {
            while (!bids.isEmpty() && bids.firstKey() >= mid)
            {
                level(bidChanges, bids.firstKey(), 0);
                bids.remove(bids.firstKey());
            }
            while (!asks.isEmpty() && asks.firstKey() <= mid)
            {
                level(askChanges, asks.firstKey(), 0);
                asks.remove(asks.firstKey());
            }
            if (bids.isEmpty() || bids.firstKey() < mid - 1)
            {
                final long q = qty();
                bids.put(mid - 1, q);
                level(bidChanges, mid - 1, q);
            }
            if (asks.isEmpty() || asks.firstKey() > mid + 1)
            {
                final long q = qty();
                asks.put(mid + 1, q);
                level(askChanges, mid + 1, q);
            }
        }

        private String snapshotJson(final long id, final long timeNs)
        {
            final JsonWriter w = new JsonWriter(new StringBuilder(64 * (bids.size() + asks.size()) + 128));
            w.beginObject().field("lastUpdateId", id);
            if (venue != Venue.BINANCE_SPOT)
            {
                w.field("E", timeNs / 1_000_000).field("T", timeNs / 1_000_000);
            }
            w.field("symbol", symbol);
            if (pair != null)
            {
                w.field("pair", pair);
            }
            side(w.name("bids"), bids);
            side(w.name("asks"), asks);
            return w.endObject().toString();
        }

        private void ticker(final JsonWriter w, final long id, final long timeNs)
        {
            w.beginObject().field("stream", tickerStream).name("data").beginObject();
            if (venue != Venue.BINANCE_SPOT)
            {
                w.field("e", "bookTicker");
            }
            w.field("u", id).field("s", symbol);
            if (pair != null)
            {
                w.field("ps", pair);
            }
            decimal(w.name("b"), bids.firstKey(), 2);
            decimal(w.name("B"), bids.firstEntry().getValue(), 5);
            decimal(w.name("a"), asks.firstKey(), 2);
            decimal(w.name("A"), asks.firstEntry().getValue(), 5);
            if (venue != Venue.BINANCE_SPOT)
            {
                w.field("T", timeNs / 1_000_000).field("E", timeNs / 1_000_000);
            }
            w.endObject().endObject();
            text.append('\n');
        }

        private void trade(final JsonWriter w, final long timeNs)
        {
            w.beginObject().field("stream", tradeStream).name("data").beginObject()
                .field("e", "trade").field("E", timeNs / 1_000_000);
            if (venue != Venue.BINANCE_SPOT)
            {
                w.field("T", timeNs / 1_000_000);
            }
            w.field("s", symbol).field("t", tradeId++);
            decimal(w.name("p"), mid, 2);
            decimal(w.name("q"), qty(), 5);
            if (venue == Venue.BINANCE_SPOT)
            {
                w.field("T", timeNs / 1_000_000).field("m", random.nextBoolean()).field("M", true);
            }
            else
            {
                w.field("X", "MARKET").field("m", random.nextBoolean());
            }
            w.endObject().endObject();
            text.append('\n');
        }
    }

    private static void side(final JsonWriter w, final TreeMap<Long, Long> side)
    {
        w.beginArray();
        for (final Map.Entry<Long, Long> e : side.entrySet())
        {
            level(w, e.getKey(), e.getValue());
        }
        w.endArray();
    }

    /** One level as the venue writes it: {@code ["price","qty"]}. */
    private static void level(final JsonWriter w, final long priceTicks, final long qty)
    {
        w.beginArray();
        decimal(w, priceTicks, 2);
        decimal(w, qty, 5);
        w.endArray();
    }

    /** A decimal as the venue writes it, a JSON string such as {@code "123.45"}, with no intermediate String. */
    private static void decimal(final JsonWriter w, final long mantissa, final int scale)
    {
        FixedPoint.appendPlain(w.valueBuilder().append('"'), mantissa, scale).append('"');
    }

    private long qty()
    {
        return 1 + random.nextInt(500_000);
    }
}
