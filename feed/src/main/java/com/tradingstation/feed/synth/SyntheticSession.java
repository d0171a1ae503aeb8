package com.tradingstation.feed.synth;

import com.tradingstation.core.fixedpoint.FixedPoint;
import com.tradingstation.core.instrument.Venue;

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
        final StringBuilder sb = new StringBuilder(4096);
        for (long step = 0; step < steps; step++)
        {
            final long timeNs = startNs + step * stepNs;
            for (final SymbolState s : symbols)
            {
                sb.setLength(0);
                s.step(sb, timeNs + random.nextInt((int)Math.max(1, stepNs / 2)));
                out.append(sb);
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
        final String stream;
        final TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<Long, Long> asks = new TreeMap<>();
        final StringBuilder b = new StringBuilder(256);
        final StringBuilder a = new StringBuilder(256);
        long mid; // ticks of 0.01
        long updateId;
        long prevU = -1;
        long tradeId = 1;
        int diffs;
        String snapshot;

        SymbolState(final String symbol, final long mid, final int levelsPerSide)
        {
            this.symbol = symbol;
            this.stream = symbol.toLowerCase(Locale.ROOT);
            this.mid = mid;
            this.updateId = 1_000_000L + random.nextInt(1_000_000);
            for (int i = 1; i <= levelsPerSide; i++)
            {
                bids.put(mid - i, qty());
                asks.put(mid + i, qty());
            }
        }

        void step(final StringBuilder out, final long timeNs)
        {
            b.setLength(0);
            a.setLength(0);
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
            line(out, timeNs).append("{\"stream\":\"").append(stream).append(
                venue == Venue.BINANCE_SPOT ? "@depth@100ms" : "@depth@0ms")
                .append("\",\"data\":{\"e\":\"depthUpdate\",\"E\":").append(timeNs / 1_000_000);
            if (venue != Venue.BINANCE_SPOT)
            {
                out.append(",\"T\":").append(timeNs / 1_000_000);
            }
            out.append(",\"s\":\"").append(symbol).append('"');
            if (venue == Venue.BINANCE_COINM)
            {
                out.append(",\"ps\":\"").append(symbol, 0, symbol.indexOf('_')).append('"');
            }
            out.append(",\"U\":").append(first).append(",\"u\":").append(last);
            if (venue != Venue.BINANCE_SPOT)
            {
                out.append(",\"pu\":").append(prevU);
            }
            out.append(",\"b\":[").append(b).append("],\"a\":[").append(a).append("]}}\n");
            prevU = last;
            diffs++;
            if (diffs == DIFFS_BEFORE_SNAPSHOT)
            {
                // The REST answer reflects this diff; it is recorded two diffs later, as a slow REST call would be.
                snapshot = snapshotJson(last, timeNs);
            }
            else if (diffs == DIFFS_BEFORE_SNAPSHOT + 2)
            {
                line(out, timeNs).append(snapshot).append('\n');
                snapshot = null;
            }
            if (random.nextInt(3) == 0)
            {
                ticker(line(out, timeNs), last, timeNs);
            }
            if (random.nextInt(2) == 0)
            {
                trade(line(out, timeNs), timeNs);
            }
        }

        private StringBuilder line(final StringBuilder out, final long timeNs)
        {
            lines++;
            return out.append(timeNs).append(' ');
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
            level(bid ? b : a, price, qty);
        }

        private void uncross()
        {
            while (!bids.isEmpty() && bids.firstKey() >= mid)
            {
                level(b, bids.firstKey(), 0);
                bids.remove(bids.firstKey());
            }
            while (!asks.isEmpty() && asks.firstKey() <= mid)
            {
                level(a, asks.firstKey(), 0);
                asks.remove(asks.firstKey());
            }
            if (bids.isEmpty() || bids.firstKey() < mid - 1)
            {
                final long q = qty();
                bids.put(mid - 1, q);
                level(b, mid - 1, q);
            }
            if (asks.isEmpty() || asks.firstKey() > mid + 1)
            {
                final long q = qty();
                asks.put(mid + 1, q);
                level(a, mid + 1, q);
            }
        }

        private String snapshotJson(final long id, final long timeNs)
        {
            final StringBuilder sb = new StringBuilder(64 * (bids.size() + asks.size()) + 128);
            sb.append("{\"lastUpdateId\":").append(id);
            if (venue != Venue.BINANCE_SPOT)
            {
                sb.append(",\"E\":").append(timeNs / 1_000_000).append(",\"T\":").append(timeNs / 1_000_000);
            }
            sb.append(",\"symbol\":\"").append(symbol).append('"');
            if (venue == Venue.BINANCE_COINM)
            {
                sb.append(",\"pair\":\"").append(symbol, 0, symbol.indexOf('_')).append('"');
            }
            sb.append(",\"bids\":[");
            appendSide(sb, bids);
            sb.append("],\"asks\":[");
            appendSide(sb, asks);
            return sb.append("]}").toString();
        }

        private void ticker(final StringBuilder out, final long id, final long timeNs)
        {
            out.append("{\"stream\":\"").append(stream).append("@bookTicker\",\"data\":{");
            if (venue != Venue.BINANCE_SPOT)
            {
                out.append("\"e\":\"bookTicker\",");
            }
            out.append("\"u\":").append(id).append(",\"s\":\"").append(symbol).append('"');
            if (venue == Venue.BINANCE_COINM)
            {
                out.append(",\"ps\":\"").append(symbol, 0, symbol.indexOf('_')).append('"');
            }
            out.append(",\"b\":\"");
            FixedPoint.appendPlain(out, bids.firstKey(), 2).append("\",\"B\":\"");
            FixedPoint.appendPlain(out, bids.firstEntry().getValue(), 5).append("\",\"a\":\"");
            FixedPoint.appendPlain(out, asks.firstKey(), 2).append("\",\"A\":\"");
            FixedPoint.appendPlain(out, asks.firstEntry().getValue(), 5).append('"');
            if (venue != Venue.BINANCE_SPOT)
            {
                out.append(",\"T\":").append(timeNs / 1_000_000).append(",\"E\":").append(timeNs / 1_000_000);
            }
            out.append("}}\n");
        }

        private void trade(final StringBuilder out, final long timeNs)
        {
            out.append("{\"stream\":\"").append(stream).append("@trade\",\"data\":{\"e\":\"trade\",\"E\":")
                .append(timeNs / 1_000_000);
            if (venue != Venue.BINANCE_SPOT)
            {
                out.append(",\"T\":").append(timeNs / 1_000_000);
            }
            out.append(",\"s\":\"").append(symbol).append("\",\"t\":").append(tradeId++).append(",\"p\":\"");
            FixedPoint.appendPlain(out, mid, 2).append("\",\"q\":\"");
            FixedPoint.appendPlain(out, qty(), 5).append('"');
            if (venue == Venue.BINANCE_SPOT)
            {
                out.append(",\"T\":").append(timeNs / 1_000_000).append(",\"m\":").append(random.nextBoolean())
                    .append(",\"M\":true}}\n");
            }
            else
            {
                out.append(",\"X\":\"MARKET\",\"m\":").append(random.nextBoolean()).append("}}\n");
            }
        }
    }

    private static void appendSide(final StringBuilder sb, final TreeMap<Long, Long> side)
    {
        boolean first = true;
        for (final Map.Entry<Long, Long> e : side.entrySet())
        {
            if (!first)
            {
                sb.append(',');
            }
            first = false;
            pair(sb, e.getKey(), e.getValue());
        }
    }

    private static void level(final StringBuilder sb, final long priceTicks, final long qty)
    {
        if (sb.length() > 0)
        {
            sb.append(',');
        }
        pair(sb, priceTicks, qty);
    }

    /** One level as the venue writes it: {@code ["price","qty"]}. */
    private static void pair(final StringBuilder sb, final long priceTicks, final long qty)
    {
        sb.append("[\"");
        FixedPoint.appendPlain(sb, priceTicks, 2).append("\",\"");
        FixedPoint.appendPlain(sb, qty, 5).append("\"]");
    }

    private long qty()
    {
        return 1 + random.nextInt(500_000);
    }
}
