package com.tradingstation.feed.testing;

import com.tradingstation.core.fixedpoint.FixedPoint;
import com.tradingstation.core.instrument.Venue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Generates deterministic Binance-format sessions (the recorder's {@code <ns> <json>} lines) for
 * always-on tests: a REST snapshot after a few buffered diffs, then diffs with correct spot
 * ({@code U == prev u + 1}) or futures ({@code pu == prev u}, non-contiguous ids) sequencing,
 * bookTickers computed from a reference book, and trades. Churn concentrates near the top.
 */
public final class SessionFixture
{
    private final Venue venue;
    private final String symbol;
    private final SplittableRandom random;
    private final TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<Long, Long> asks = new TreeMap<>();
    private final List<String> lines = new ArrayList<>();
    private long mid = 6_000_000; // in ticks of 0.01
    private long updateId = 1_000_000;
    private long timeNs = 1_723_161_253_000_000_000L;
    private long tradeId = 1;

    /**
     * @param venue  which variant to write.
     * @param symbol symbol.
     * @param seed   random seed.
     */
    public SessionFixture(final Venue venue, final String symbol, final long seed)
    {
        this.venue = venue;
        this.symbol = symbol;
        this.random = new SplittableRandom(seed);
        for (int i = 1; i <= 300; i++)
        {
            bids.put(mid - i, qty());
            asks.put(mid + i, qty());
        }
    }

    /**
     * Generate a session.
     *
     * @param diffs number of depth diffs.
     * @return capture lines (without newlines).
     */
    public List<String> generate(final int diffs)
    {
        final int beforeSnapshot = 3;
        long snapshotId = 0;
        String snapshot = null;
        long prevU = -1;
        for (int d = 0; d < diffs; d++)
        {
            final long first = updateId + 1;
            final StringBuilder b = new StringBuilder();
            final StringBuilder a = new StringBuilder();
            final int changes = 1 + random.nextInt(8);
            long last = first;
            for (int c = 0; c < changes; c++)
            {
                mutate(b, a);
                last = venue == Venue.BINANCE_SPOT ? first + c : first + c * (1 + random.nextInt(5));
            }
            if (random.nextInt(20) == 0)
            {
                mid += random.nextBoolean() ? 1 : -1;
                uncross(b, a);
            }
            updateId = last;
            timeNs += 1_000_000 + random.nextInt(50_000_000);
            final StringBuilder depth = new StringBuilder(256).append("{\"stream\":\"")
                .append(symbol.toLowerCase()).append("@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":")
                .append(timeNs / 1_000_000);
            if (venue != Venue.BINANCE_SPOT)
            {
                depth.append(",\"T\":").append(timeNs / 1_000_000);
            }
            depth.append(",\"s\":\"").append(symbol).append('"');
            if (venue == Venue.BINANCE_COINM)
            {
                depth.append(",\"ps\":\"").append(symbol, 0, symbol.indexOf('_')).append('"');
            }
            depth.append(",\"U\":").append(first).append(",\"u\":").append(last);
            if (venue != Venue.BINANCE_SPOT)
            {
                depth.append(",\"pu\":").append(prevU);
            }
            depth.append(",\"b\":[").append(b).append("],\"a\":[").append(a).append("]}}");
            lines.add(timeNs + " " + depth);
            prevU = last;
            if (d == beforeSnapshot - 1)
            {
                // The REST answer reflects a state part-way through the next diff.
                snapshotId = updateId;
                snapshot = snapshotLine(snapshotId);
            }
            if (d == beforeSnapshot + 1 && snapshot != null)
            {
                lines.add(timeNs + " " + snapshot);
            }
            if (random.nextInt(3) == 0)
            {
                lines.add(timeNs + " " + ticker(last));
            }
            if (random.nextInt(2) == 0)
            {
                lines.add(timeNs + " " + trade());
            }
        }
        return lines;
    }

    /**
     * @param diffs number of diffs.
     * @return the session as UTF-8 bytes with newlines.
     */
    public byte[] generateBytes(final int diffs)
    {
        return (String.join("\n", generate(diffs)) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @return the reference best bid price in ticks.
     */
    public long bestBidTicks()
    {
        return bids.firstKey();
    }

    /**
     * @return the reference best ask price in ticks.
     */
    public long bestAskTicks()
    {
        return asks.firstKey();
    }

    /**
     * @return reference bid levels.
     */
    public int bidLevels()
    {
        return bids.size();
    }

    /**
     * @return reference ask levels.
     */
    public int askLevels()
    {
        return asks.size();
    }

    private void mutate(final StringBuilder b, final StringBuilder a)
    {
        final boolean bid = random.nextBoolean();
        // Mostly near the top, sometimes deep.
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

    private void uncross(final StringBuilder b, final StringBuilder a)
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

    private static void level(final StringBuilder sb, final long priceTicks, final long qty)
    {
        if (sb.length() > 0)
        {
            sb.append(',');
        }
        sb.append("[\"").append(FixedPoint.toPlainString(priceTicks, 2)).append("\",\"")
            .append(FixedPoint.toPlainString(qty, 5)).append("\"]");
    }

    private String snapshotLine(final long id)
    {
        final StringBuilder sb = new StringBuilder("{\"lastUpdateId\":").append(id);
        if (venue == Venue.BINANCE_USDM)
        {
            sb.append(",\"E\":").append(timeNs / 1_000_000).append(",\"T\":").append(timeNs / 1_000_000);
        }
        else if (venue == Venue.BINANCE_COINM)
        {
            sb.append(",\"E\":").append(timeNs / 1_000_000).append(",\"T\":").append(timeNs / 1_000_000)
                .append(",\"symbol\":\"").append(symbol).append("\",\"pair\":\"")
                .append(symbol, 0, symbol.indexOf('_')).append('"');
        }
        sb.append(",\"bids\":[");
        appendSide(sb, bids);
        sb.append("],\"asks\":[");
        appendSide(sb, asks);
        return sb.append("]}").toString();
    }

    private static void appendSide(final StringBuilder sb, final TreeMap<Long, Long> side)
    {
        final StringBuilder levels = new StringBuilder();
        for (final Map.Entry<Long, Long> e : side.entrySet())
        {
            level(levels, e.getKey(), e.getValue());
        }
        sb.append(levels);
    }

    private String ticker(final long id)
    {
        final StringBuilder sb = new StringBuilder("{\"stream\":\"").append(symbol.toLowerCase())
            .append("@bookTicker\",\"data\":{");
        if (venue != Venue.BINANCE_SPOT)
        {
            sb.append("\"e\":\"bookTicker\",");
        }
        sb.append("\"u\":").append(id).append(",\"s\":\"").append(symbol).append('"');
        if (venue == Venue.BINANCE_COINM)
        {
            sb.append(",\"ps\":\"").append(symbol, 0, symbol.indexOf('_')).append('"');
        }
        sb.append(",\"b\":\"").append(FixedPoint.toPlainString(bids.firstKey(), 2))
            .append("\",\"B\":\"").append(FixedPoint.toPlainString(bids.firstEntry().getValue(), 5))
            .append("\",\"a\":\"").append(FixedPoint.toPlainString(asks.firstKey(), 2))
            .append("\",\"A\":\"").append(FixedPoint.toPlainString(asks.firstEntry().getValue(), 5))
            .append("\"}}");
        return sb.toString();
    }

    private String trade()
    {
        final StringBuilder sb = new StringBuilder("{\"stream\":\"").append(symbol.toLowerCase())
            .append("@trade\",\"data\":{\"e\":\"trade\",\"E\":").append(timeNs / 1_000_000)
            .append(",\"s\":\"").append(symbol).append("\",\"t\":").append(tradeId++)
            .append(",\"p\":\"").append(FixedPoint.toPlainString(mid, 2))
            .append("\",\"q\":\"").append(FixedPoint.toPlainString(qty(), 5))
            .append("\",\"T\":").append(timeNs / 1_000_000).append(",\"m\":").append(random.nextBoolean());
        if (venue == Venue.BINANCE_SPOT)
        {
            sb.append(",\"M\":true");
        }
        else
        {
            sb.append(",\"X\":\"MARKET\"");
        }
        return sb.append("}}").toString();
    }

    private long qty()
    {
        return 1 + random.nextInt(500_000);
    }
}
