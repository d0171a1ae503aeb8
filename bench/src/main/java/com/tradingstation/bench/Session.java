package com.tradingstation.bench;

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
 */
public final class Session
{
    /** Room for the deepest side of a real capture's book (2,000 to 5,000 levels). */
    public static final int MAX_SIDE_LEVELS = 8192;

    /** One depth diff or snapshot, decoded, with the raw line. */
    public static final class Message
    {
        /** {@link EventType#DEPTH} or {@link EventType#SNAPSHOT}. */
        public final int type;
        /** U (the snapshot's lastUpdateId for a snapshot). */
        public final long firstId;
        /** u (the snapshot's lastUpdateId for a snapshot). */
        public final long lastId;
        /** pu, or -1. */
        public final long prevId;
        /** Bid prices (mantissas) in message order. */
        public final long[] bidPrices;
        /** Bid quantities (mantissas). */
        public final long[] bidQtys;
        /** Ask prices (mantissas) in message order. */
        public final long[] askPrices;
        /** Ask quantities (mantissas). */
        public final long[] askQtys;
        /** The JSON text of the line, without the capture's receive-time prefix. */
        public final byte[] json;

        Message(
            final int type, final long firstId, final long lastId, final long prevId, final long[] bidPrices,
            final long[] bidQtys, final long[] askPrices, final long[] askQtys, final byte[] json)
        {
            this.type = type;
            this.firstId = firstId;
            this.lastId = lastId;
            this.prevId = prevId;
            this.bidPrices = bidPrices;
            this.bidQtys = bidQtys;
            this.askPrices = askPrices;
            this.askQtys = askQtys;
            this.json = json;
        }

        /** @return levels carried. */
        public int levels()
        {
            return bidPrices.length + askPrices.length;
        }
    }

    private final CaptureSet set;
    private final Instrument instrument;
    private final Message snapshot;
    private final List<Message> diffs;
    private final int depthLinesInCapture;
    private final int diffsBeforeSnapshot;

    private Session(
        final CaptureSet set, final Instrument instrument, final Message snapshot, final List<Message> diffs,
        final int depthLinesInCapture, final int diffsBeforeSnapshot)
    {
        this.set = set;
        this.instrument = instrument;
        this.snapshot = snapshot;
        this.diffs = diffs;
        this.depthLinesInCapture = depthLinesInCapture;
        this.diffsBeforeSnapshot = diffsBeforeSnapshot;
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
            if (m.type == EventType.SNAPSHOT)
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
        long bookId = snapshot.lastId;
        for (final Message m : all)
        {
            if (m.type != EventType.DEPTH)
            {
                continue;
            }
            if (kept.isEmpty())
            {
                if (rule.precedesSnapshot(snapshot.lastId, m.lastId))
                {
                    before++;
                    continue;
                }
                if (!rule.bridgesSnapshot(snapshot.lastId, m.firstId, m.lastId))
                {
                    throw new IllegalStateException(set.id() + ": first diff after the snapshot does not bridge it");
                }
            }
            else if (!rule.continues(bookId, m.firstId, m.lastId, m.prevId))
            {
                throw new IllegalStateException(set.id() + ": sequence gap after update id " + bookId);
            }
            kept.add(m);
            bookId = m.lastId;
        }
        return new Session(set, registry.get(0), snapshot, List.copyOf(kept), depthLines, before);
    }

    /** @return the capture set. */
    public CaptureSet set()
    {
        return set;
    }

    /** @return the instrument (scales). */
    public Instrument instrument()
    {
        return instrument;
    }

    /** @return the REST snapshot. */
    public Message snapshot()
    {
        return snapshot;
    }

    /** @return the diffs applied after the snapshot, in order. */
    public List<Message> diffs()
    {
        return diffs;
    }

    /** @return the raw JSON of the snapshot, then of every diff, in replay order. */
    public List<byte[]> jsonLines()
    {
        final List<byte[]> lines = new ArrayList<>(diffs.size() + 1);
        lines.add(snapshot.json);
        for (final Message m : diffs)
        {
            lines.add(m.json);
        }
        return lines;
    }

    /** @return depth diff lines in the capture, including those older than the snapshot. */
    public int depthLinesInCapture()
    {
        return depthLinesInCapture;
    }

    /** @return diffs left out because the snapshot already contains them. */
    public int diffsBeforeSnapshot()
    {
        return diffsBeforeSnapshot;
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
        long n = snapshot.json.length;
        for (final Message m : diffs)
        {
            n += m.json.length;
        }
        return n;
    }

    /**
     * The level updates of one replay, flattened in the order the engine applies them: snapshot
     * bids then asks as the REST answer lists them (best first), then each diff's bids then asks.
     */
    public static final class Levels
    {
        /** Side of each update. */
        public final Side[] sides;
        /** Price mantissa of each update. */
        public final long[] prices;
        /** Quantity mantissa of each update (0 deletes). */
        public final long[] qtys;
        /** Updates [0, snapshotCount) load the snapshot. */
        public final int snapshotCount;

        Levels(final Side[] sides, final long[] prices, final long[] qtys, final int snapshotCount)
        {
            this.sides = sides;
            this.prices = prices;
            this.qtys = qtys;
            this.snapshotCount = snapshotCount;
        }

        /** @return number of updates. */
        public int size()
        {
            return sides.length;
        }
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
        for (int k = 0; k < m.bidPrices.length; k++, i++)
        {
            sides[i] = Side.BID;
            prices[i] = m.bidPrices[k];
            qtys[i] = m.bidQtys[k];
        }
        for (int k = 0; k < m.askPrices.length; k++, i++)
        {
            sides[i] = Side.ASK;
            prices[i] = m.askPrices[k];
            qtys[i] = m.askQtys[k];
        }
        return i;
    }

    /** @return a one-line description for setup logs. */
    public String describe()
    {
        return String.format("%s: snapshot id %d with %d levels, %d diffs applied after it (%d levels; %d older diffs "
                + "left out of %d depth lines), %d level updates per replay, %d JSON bytes per replay",
            set.id(), snapshot.lastId, snapshotLevels(), diffs.size(), diffLevels(), diffsBeforeSnapshot,
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
