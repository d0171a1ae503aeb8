package com.tradingstation.bench;

import com.tradingstation.core.book.L2Book;
import com.tradingstation.core.book.Side;
import com.tradingstation.core.event.EventLayout;
import com.tradingstation.core.event.EventType;
import com.tradingstation.core.instrument.Instrument;
import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.core.sync.SequencingRule;
import com.tradingstation.feed.binance.BinanceDecoder;
import com.tradingstation.feed.capture.CaptureLineHandler;
import com.tradingstation.feed.capture.CaptureReader;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One capture session loaded for the benchmarks, outside any timed region: its REST snapshot and
 * every depth diff that applies after it (diffs the sequencing rule says precede the snapshot are
 * left out), both as decoded fixed-point levels and as the raw JSON lines they came from.
 * <p>
 * Levels are obtained by running the station's own {@link BinanceDecoder} over the capture with an
 * {@link com.tradingstation.core.event.EventSink} that copies the DEPTH and SNAPSHOT events out
 * through {@link EventLayout}. The chain of kept diffs is checked against the venue's
 * {@link SequencingRule} (bridge onto the snapshot, then no gap), so a benchmark never times a
 * replay that the real engine would have rejected.
 *
 * @param set                 the capture set.
 * @param instrument          the instrument (scales).
 * @param snapshot            the REST snapshot.
 * @param diffs               the diffs applied after the snapshot, in order.
 * @param depthLinesInCapture depth diff lines in the capture, including those older than the snapshot.
 * @param diffsBeforeSnapshot diffs left out because the snapshot already contains them.
 */
public record Session(
    CaptureSet set, Instrument instrument, Message snapshot, List<Message> diffs, int depthLinesInCapture,
    int diffsBeforeSnapshot)
{
    /** Room for the deepest side of a real capture's book (2,000 to 5,000 levels). */
    public static final int MAX_SIDE_LEVELS = 8192;

    /**
     * One depth diff or snapshot, decoded, with the raw line.
     *
     * @param type      {@link EventType#DEPTH} or {@link EventType#SNAPSHOT}.
     * @param firstId   U (the snapshot's lastUpdateId for a snapshot).
     * @param lastId    u (the snapshot's lastUpdateId for a snapshot).
     * @param prevId    pu, or -1.
     * @param bidPrices bid prices (mantissas) in message order.
     * @param bidQtys   bid quantities (mantissas).
     * @param askPrices ask prices (mantissas) in message order.
     * @param askQtys   ask quantities (mantissas).
     * @param json      the JSON text of the line, without the capture's receive-time prefix.
     */
    public record Message(
        int type, long firstId, long lastId, long prevId, long[] bidPrices, long[] bidQtys, long[] askPrices,
        long[] askQtys, byte[] json)
    {
        /** @return levels carried. */
        public int levels()
        {
            return bidPrices.length + askPrices.length;
        }
    }

    /**
     * Read and decode a capture session.
     *
     * @param set the session.
     * @return it, loaded and checked.
     * @throws IllegalStateException when the captures are missing or do not form a clean chain.
     */
    public static Session load(final CaptureSet set)
    {
        final List<Path> paths = set.paths();
        final InstrumentRegistry registry = new InstrumentRegistry();
        final Collector collector = new Collector();
        final BinanceDecoder decoder = new BinanceDecoder(registry, collector);
        final CaptureReader reader = new CaptureReader();
        final List<Message> all = new ArrayList<>();
        final CaptureLineHandler handler = new CaptureLineHandler()
        {
            @Override
            public void onLine(final byte[] buffer, final int offset, final int length, final long receiveTimeNs)
            {
                collector.begin();
                decoder.onMessage(buffer, offset, length, receiveTimeNs);
                if (collector.count > 1)
                {
                    throw new IllegalStateException(set.id() + ": one capture line produced " + collector.count +
                        " book events (a deferred snapshot?); the benchmarks expect one");
                }
                if (collector.count == 1)
                {
                    all.add(collector.message(Arrays.copyOfRange(buffer, offset, offset + length)));
                }
            }

            @Override
            public void onBadLine(final boolean tooLong)
            {
                throw new IllegalStateException(set.id() + ": unreadable capture line");
            }
        };
        for (final Path p : paths)
        {
            try
            {
                reader.read(p, handler);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(p.toString(), ex);
            }
        }
        if (decoder.malformedTotal() != 0)
        {
            throw new IllegalStateException(set.id() + ": " + decoder.malformedTotal() + " malformed messages");
        }

        Message snapshot = null;
        int depthLines = 0;
        for (final Message m : all)
        {
            if (m.type() == EventType.SNAPSHOT)
            {
                if (snapshot != null)
                {
                    throw new IllegalStateException(set.id() + ": more than one snapshot in the session");
                }
                snapshot = m;
            }
            else
            {
                depthLines++;
            }
        }
        if (snapshot == null)
        {
            throw new IllegalStateException(set.id() + ": no REST snapshot in the session");
        }
        if (registry.size() != 1 || registry.get(0).venue() != set.venue())
        {
            throw new IllegalStateException(set.id() + ": expected one " + set.venue().id() + " instrument, got " +
                registry.all());
        }
        final SequencingRule rule = SequencingRule.forVenue(set.venue());
        final List<Message> kept = new ArrayList<>();
        int before = 0;
        long bookId = snapshot.lastId();
        for (final Message m : all)
        {
            if (m.type() != EventType.DEPTH)
            {
                continue;
            }
            if (kept.isEmpty())
            {
                if (rule.precedesSnapshot(snapshot.lastId(), m.lastId()))
                {
                    before++;
                    continue;
                }
                if (!rule.bridgesSnapshot(snapshot.lastId(), m.firstId(), m.lastId()))
                {
                    throw new IllegalStateException(set.id() + ": first diff after the snapshot does not bridge it");
                }
            }
            else if (!rule.continues(bookId, m.firstId(), m.lastId(), m.prevId()))
            {
                throw new IllegalStateException(set.id() + ": sequence gap after update id " + bookId);
            }
            kept.add(m);
            bookId = m.lastId();
        }
        return new Session(set, registry.get(0), snapshot, List.copyOf(kept), depthLines, before);
    }

    /** @return the raw JSON of the snapshot, then of every diff, in replay order. */
    public List<byte[]> jsonLines()
    {
        final List<byte[]> lines = new ArrayList<>(diffs.size() + 1);
        lines.add(snapshot.json());
        for (final Message m : diffs)
        {
            lines.add(m.json());
        }
        return lines;
    }

    /** @return snapshot levels, both sides. */
    public int snapshotLevels()
    {
        return snapshot.levels();
    }

    /** @return diff levels, both sides, every kept diff. */
    public int diffLevels()
    {
        int n = 0;
        for (final Message m : diffs)
        {
            n += m.levels();
        }
        return n;
    }

    /** @return snapshot then diff levels: what one replay of the session applies. */
    public int totalLevels()
    {
        return snapshotLevels() + diffLevels();
    }

    /** @return JSON bytes of the snapshot line and every kept diff line. */
    public long jsonBytes()
    {
        long n = snapshot.json().length;
        for (final Message m : diffs)
        {
            n += m.json().length;
        }
        return n;
    }

    /**
     * The level updates of one replay, flattened in the order the engine applies them: snapshot
     * bids then asks as the REST answer lists them (best first), then each diff's bids then asks.
     *
     * @param sides         side of each update.
     * @param prices        price mantissa of each update.
     * @param qtys          quantity mantissa of each update (0 deletes).
     * @param snapshotCount updates [0, snapshotCount) load the snapshot.
     */
    public record Levels(Side[] sides, long[] prices, long[] qtys, int snapshotCount)
    {
        /** @return number of updates. */
        public int size()
        {
            return sides.length;
        }

        /**
         * Clear a book, then apply every update in order: one replay.
         *
         * @param book the book.
         * @return updates applied.
         */
        public int replay(final L2Book book)
        {
            book.clear();
            final Side[] s = sides;
            final long[] p = prices;
            final long[] q = qtys;
            for (int i = 0, n = s.length; i < n; i++)
            {
                book.set(s[i], p[i], q[i]);
            }
            return s.length;
        }
    }

    /**
     * The snapshot line then every diff line, back to back in one array, for replaying through a
     * decoder without a list in the timed loop.
     *
     * @param data    the lines, concatenated.
     * @param offsets start of each line in data.
     * @param lengths length of each line.
     */
    public record PackedLines(byte[] data, int[] offsets, int[] lengths)
    {
        /** @return lines. */
        public int messages()
        {
            return offsets.length;
        }

        /** @return JSON bytes of all lines. */
        public long bytes()
        {
            return data.length;
        }

        /**
         * Every line, in order, through a decoder.
         *
         * @param decoder the decoder.
         */
        public void replay(final BinanceDecoder decoder)
        {
            final byte[] d = data;
            final int[] off = offsets;
            final int[] len = lengths;
            for (int i = 0, n = off.length; i < n; i++)
            {
                decoder.onMessage(d, off[i], len[i], 0);
            }
        }
    }

    /** @return {@link #jsonLines()} packed into one array. */
    public PackedLines packedLines()
    {
        final List<byte[]> lines = jsonLines();
        final byte[] data = new byte[Math.toIntExact(jsonBytes())];
        final int[] offsets = new int[lines.size()];
        final int[] lengths = new int[lines.size()];
        int pos = 0;
        for (int i = 0; i < offsets.length; i++)
        {
            final byte[] l = lines.get(i);
            System.arraycopy(l, 0, data, pos, l.length);
            offsets[i] = pos;
            lengths[i] = l.length;
            pos += l.length;
        }
        return new PackedLines(data, offsets, lengths);
    }

    /** @return the flattened updates of one replay. */
    public Levels levels()
    {
        final int n = totalLevels();
        final Side[] sides = new Side[n];
        final long[] prices = new long[n];
        final long[] qtys = new long[n];
        int i = add(snapshot, sides, prices, qtys, 0);
        for (final Message m : diffs)
        {
            i = add(m, sides, prices, qtys, i);
        }
        return new Levels(sides, prices, qtys, snapshotLevels());
    }

    private static int add(final Message m, final Side[] sides, final long[] prices, final long[] qtys, final int from)
    {
        int i = from;
        for (int k = 0; k < m.bidPrices().length; k++, i++)
        {
            sides[i] = Side.BID;
            prices[i] = m.bidPrices()[k];
            qtys[i] = m.bidQtys()[k];
        }
        for (int k = 0; k < m.askPrices().length; k++, i++)
        {
            sides[i] = Side.ASK;
            prices[i] = m.askPrices()[k];
            qtys[i] = m.askQtys()[k];
        }
        return i;
    }

    /** @return a one-line description for setup logs. */
    public String describe()
    {
        return String.format("%s: snapshot id %d with %d levels, %d diffs applied after it (%d levels; %d older diffs "
                + "left out of %d depth lines), %d level updates per replay, %d JSON bytes per replay",
            set.id(), snapshot.lastId(), snapshotLevels(), diffs.size(), diffLevels(), diffsBeforeSnapshot,
            depthLinesInCapture, totalLevels(), jsonBytes());
    }

    /**
     * Copies DEPTH and SNAPSHOT events out of the decoder's reused buffer.
     */
    private static final class Collector implements com.tradingstation.core.event.EventSink
    {
        int count;
        int type;
        long firstId;
        long lastId;
        long prevId;
        long[] bidPrices;
        long[] bidQtys;
        long[] askPrices;
        long[] askQtys;

        void begin()
        {
            count = 0;
        }

        @Override
        public void onEvent(final int eventType, final DirectBuffer buffer, final int offset, final int length)
        {
            if (eventType != EventType.DEPTH && eventType != EventType.SNAPSHOT)
            {
                return;
            }
            count++;
            type = eventType;
            firstId = buffer.getLong(offset + EventLayout.DEPTH_FIRST_ID);
            lastId = buffer.getLong(offset + EventLayout.DEPTH_LAST_ID);
            prevId = buffer.getLong(offset + EventLayout.DEPTH_PREV_ID);
            final int bids = buffer.getInt(offset + EventLayout.DEPTH_BID_COUNT);
            final int asks = buffer.getInt(offset + EventLayout.DEPTH_ASK_COUNT);
            if (length != EventLayout.depthLength(bids, asks))
            {
                throw new IllegalStateException("depth event length " + length + " does not match its level counts");
            }
            bidPrices = new long[bids];
            bidQtys = new long[bids];
            askPrices = new long[asks];
            askQtys = new long[asks];
            int pos = offset + EventLayout.DEPTH_LEVELS;
            for (int i = 0; i < bids; i++, pos += EventLayout.LEVEL_LENGTH)
            {
                bidPrices[i] = buffer.getLong(pos);
                bidQtys[i] = buffer.getLong(pos + 8);
            }
            for (int i = 0; i < asks; i++, pos += EventLayout.LEVEL_LENGTH)
            {
                askPrices[i] = buffer.getLong(pos);
                askQtys[i] = buffer.getLong(pos + 8);
            }
        }

        Message message(final byte[] json)
        {
            return new Message(type, firstId, lastId, prevId, bidPrices, bidQtys, askPrices, askQtys, json);
        }
    }
}
