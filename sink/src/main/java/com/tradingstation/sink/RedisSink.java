package com.tradingstation.sink;

import com.tradingstation.core.book.L2Book;
import com.tradingstation.core.event.EventLayout;
import com.tradingstation.core.fixedpoint.FixedPoint;
import com.tradingstation.core.instrument.Instrument;
import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.json.JsonWriter;
import com.tradingstation.redis.KeySchema;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.params.XAddParams;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import static com.tradingstation.sink.SinkEvents.*;

/**
 * The Redis sink's own thread: drains the sink ring, conflates per instrument (the latest top of
 * book and book snapshot win), queues trades (never conflated, bounded), and writes everything in
 * one pipeline per flush. When Redis goes away it keeps conflating, counts the trades it cannot
 * keep, and reconnects with exponential backoff; no exception leaves {@link #doWork()}.
 * <p>
 * Values are JSON text, readable with redis-cli; the key schema is {@link KeySchema}. Threading:
 * one thread (an Agrona agent); counters are plain longs read racily for monitoring, exactly after
 * the agent stopped. Allocation: this thread builds value strings (it is off the hot path).
 */
public final class RedisSink implements Agent, MessageHandler
{
    private final RingBuffer ring;
    private final InstrumentRegistry registry;
    private final Supplier<Jedis> connector;
    private final int maxPendingTrades;
    private final long minBackoffNs;
    private final long maxBackoffNs;

    private final boolean[] tobDirty;
    private final int[] tobDirtyIds;
    private int tobDirtyCount;
    private final long[][] tob;
    private final boolean[] bookDirty;
    private final int[] bookDirtyIds;
    private int bookDirtyCount;
    private final ExpandableArrayBuffer[] books;
    private final ExpandableArrayBuffer trades = new ExpandableArrayBuffer(64 * 1024);
    private int pendingTrades;

    private final Histogram flushLatencyUs = new Histogram(60_000_000L, 3);
    private AckListener ackListener;
    private final JsonWriter json = new JsonWriter(new StringBuilder(2048));
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final XAddParams xaddParams;
    /** Per instrument id: its tob, book and trades keys, built once (they were three Strings per command). */
    private final String[][] keys;

    private Jedis jedis;
    private long nextHeartbeatNs;
    private long backoffNs;
    private long nextAttemptNs;

    private long writeCount;
    private long flushCount;
    private long writtenTradeCount;
    private long droppedTradeCount;
    private long reconnectCount;
    private long errors;
    private volatile String lastError = "";
    private volatile String recoveredError = "";
    private volatile boolean closed;
    private volatile boolean connectedAtClose;

    /**
     * @param ring             events from the book thread ({@link SinkPublisher}).
     * @param registry         instruments, for keys and scales.
     * @param connector        opens a connection (throws on failure).
     * @param tradesMaxLen     approximate cap of every trade stream.
     * @param maxPendingTrades trades held while Redis is slow or away; more are dropped and counted.
     */
    public RedisSink(
        final RingBuffer ring, final InstrumentRegistry registry, final Supplier<Jedis> connector,
        final long tradesMaxLen, final int maxPendingTrades)
    {
        this.ring = ring;
        this.registry = registry;
        this.connector = connector;
        this.maxPendingTrades = maxPendingTrades;
        this.minBackoffNs = 10_000_000L;
        this.maxBackoffNs = 1_000_000_000L;
        final int cap = registry.capacity();
        this.xaddParams = XAddParams.xAddParams().maxLen(tradesMaxLen).approximateTrimming();
        this.keys = new String[cap][];
        this.tobDirty = new boolean[cap];
        this.tobDirtyIds = new int[cap];
        this.tob = new long[cap][];
        this.bookDirty = new boolean[cap];
        this.bookDirtyIds = new int[cap];
        this.books = new ExpandableArrayBuffer[cap];
    }

    /**
     * Told, on the sink thread, of every trade Redis acknowledged (a benchmark's probe). Set before the sink runs.
     *
     * @param listener the probe, or null for none.
     */
    public void ackListener(final AckListener listener)
    {
        this.ackListener = listener;
    }

    /** A trade's write acknowledged by Redis: the pipeline holding it returned from {@code sync()}. */
    @FunctionalInterface
    public interface AckListener
    {
        /**
         * @param receiveTimeNs the trade event's receive time (as the source stamped it).
         * @param ackNs         {@link System#nanoTime()} when the pipeline's replies were read.
         */
        void onTradeAcknowledged(long receiveTimeNs, long ackNs);
    }

    @Override
    public String roleName()
    {
        return "station-redis-sink";
    }

    @Override
    public int doWork()
    {
        final int events = ring.read(this, 4096);
        if (tobDirtyCount + bookDirtyCount + pendingTrades > 0 && (events == 0 || pendingTrades >= 4096))
        {
            flush();
        }
        return events;
    }

    @Override
    public void onClose()
    {
        // Final drain: everything still on the ring, then one last flush attempt.
        while (ring.read(this) > 0)
        {
            // keep draining
        }
        nextAttemptNs = 0;
        flush();
        connectedAtClose = jedis != null;
        closed = true;
        closeConnection();
    }

    @Override
    public void onMessage(final int type, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final int id = buffer.getInt(index);
        if (type == TOB)
        {
            long[] t = tob[id];
            if (t == null)
            {
                t = new long[5];
                tob[id] = t;
            }
            t[0] = buffer.getLong(index + TOB_UPDATE_ID);
            t[1] = buffer.getLong(index + TOB_BID_PRICE);
            t[2] = buffer.getLong(index + TOB_BID_QTY);
            t[3] = buffer.getLong(index + TOB_ASK_PRICE);
            t[4] = buffer.getLong(index + TOB_ASK_QTY);
            if (!tobDirty[id])
            {
                tobDirty[id] = true;
                tobDirtyIds[tobDirtyCount++] = id;
            }
        }
        else if (type == BOOK)
        {
            ExpandableArrayBuffer b = books[id];
            if (b == null)
            {
                b = new ExpandableArrayBuffer(length);
                books[id] = b;
            }
            b.putBytes(0, buffer, index, length);
            if (!bookDirty[id])
            {
                bookDirty[id] = true;
                bookDirtyIds[bookDirtyCount++] = id;
            }
        }
        else if (type == TRADE)
        {
            if (pendingTrades >= maxPendingTrades)
            {
                droppedTradeCount++;
                return;
            }
            trades.putBytes(pendingTrades * EventLayout.TRADE_LENGTH, buffer, index, EventLayout.TRADE_LENGTH);
            pendingTrades++;
        }
    }

    private void flush()
    {
        if (jedis == null && !connect())
        {
            return;
        }
        final long start = System.nanoTime();
        int commands = 0;
        try
        {
            final Pipeline p = jedis.pipelined();
            for (int i = 0; i < tobDirtyCount; i++)
            {
                final int id = tobDirtyIds[i];
                final Instrument ins = registry.get(id);
                p.set(keys(ins)[0], tobJson(ins, tob[id]));
                commands++;
            }
            for (int i = 0; i < bookDirtyCount; i++)
            {
                final int id = bookDirtyIds[i];
                final Instrument ins = registry.get(id);
                p.set(keys(ins)[1], bookJson(ins, books[id]));
                commands++;
            }
            for (int i = 0; i < pendingTrades; i++)
            {
                final int off = i * EventLayout.TRADE_LENGTH;
                final Instrument ins = registry.get(trades.getInt(off + EventLayout.INSTRUMENT_ID));
                tradeFields(ins, trades, off);
                p.xadd(keys(ins)[2], xaddParams, fields);
                commands++;
            }
            final long now = System.nanoTime();
            if (nextHeartbeatNs == 0 || now - nextHeartbeatNs >= 0)
            {
                nextHeartbeatNs = now + 1_000_000_000L;
                p.set(KeySchema.HEARTBEAT, heartbeatJson());
                commands++;
            }
            p.sync();
        }
        catch (final RuntimeException ex)
        {
            // The batch's trades may or may not have landed: count them as dropped, keep the
            // conflated state dirty (it is rewritten whole after reconnecting).
            errors++;
            droppedTradeCount += pendingTrades;
            pendingTrades = 0;
            lastError = ex.getClass().getSimpleName() + ": " + ex.getMessage();
            closeConnection();
            scheduleReconnect();
            return;
        }
        flushLatencyUs.recordValue(Math.min((System.nanoTime() - start) / 1000, 60_000_000L));
        if (!lastError.isEmpty())
        {
            // Writing again: the error is history, not the sink's state.
            recoveredError = lastError;
            lastError = "";
        }
        flushCount++;
        writeCount += commands;
        writtenTradeCount += pendingTrades;
        if (ackListener != null)
        {
            final long ackNs = System.nanoTime();
            for (int i = 0; i < pendingTrades; i++)
            {
                ackListener.onTradeAcknowledged(
                    trades.getLong(i * EventLayout.TRADE_LENGTH + EventLayout.TRADE_RECEIVE_TIME_NS), ackNs);
            }
        }
        pendingTrades = 0;
        for (int i = 0; i < tobDirtyCount; i++)
        {
            tobDirty[tobDirtyIds[i]] = false;
        }
        tobDirtyCount = 0;
        for (int i = 0; i < bookDirtyCount; i++)
        {
            bookDirty[bookDirtyIds[i]] = false;
        }
        bookDirtyCount = 0;
    }

    private boolean connect()
    {
        final long now = System.nanoTime();
        if (nextAttemptNs != 0 && now - nextAttemptNs < 0)
        {
            return false;
        }
        try
        {
            jedis = connector.get();
            if (backoffNs != 0)
            {
                reconnectCount++;
            }
            backoffNs = 0;
            nextAttemptNs = 0;
            return true;
        }
        catch (final RuntimeException ex)
        {
            errors++;
            lastError = ex.getClass().getSimpleName() + ": " + ex.getMessage();
            jedis = null;
            scheduleReconnect();
            return false;
        }
    }

    private void scheduleReconnect()
    {
        backoffNs = backoffNs == 0 ? minBackoffNs : Math.min(maxBackoffNs, backoffNs * 2);
        nextAttemptNs = System.nanoTime() + backoffNs;
    }

    private void closeConnection()
    {
        if (jedis != null)
        {
            try
            {
                jedis.close();
            }
            catch (final RuntimeException ignored)
            {
                // the connection is already broken; nothing to release beyond the socket
            }
            jedis = null;
        }
    }

    private String heartbeatJson()
    {
        return json.reset().beginObject()
            .field("ts", System.currentTimeMillis())
            .field("writes", writeCount).field("flushes", flushCount)
            .field("trades", writtenTradeCount).field("droppedTrades", droppedTradeCount)
            .field("reconnects", reconnectCount).field("errors", errors)
            .endObject().toString();
    }

    private String[] keys(final Instrument ins)
    {
        String[] k = keys[ins.id()];
        if (k == null)
        {
            k = new String[] {KeySchema.tob(ins.key()), KeySchema.book(ins.key()), KeySchema.trades(ins.key())};
            keys[ins.id()] = k;
        }
        return k;
    }

    private String tobJson(final Instrument ins, final long[] t)
    {
        json.reset().beginObject().field("u", t[0]);
        decimal(json.name("bid"), t[1], ins.priceScale());
        decimal(json.name("bidQty"), t[1] == L2Book.NO_PRICE ? L2Book.NO_PRICE : t[2], ins.qtyScale());
        decimal(json.name("ask"), t[3], ins.priceScale());
        decimal(json.name("askQty"), t[3] == L2Book.NO_PRICE ? L2Book.NO_PRICE : t[4], ins.qtyScale());
        return json.endObject().toString();
    }

    private String bookJson(final Instrument ins, final DirectBuffer b)
    {
        final int bidCount = b.getInt(BOOK_BID_COUNT);
        final int askCount = b.getInt(BOOK_ASK_COUNT);
        json.reset().beginObject().field("u", b.getLong(BOOK_UPDATE_ID)).name("bids").beginArray();
        int pos = BOOK_LEVELS;
        for (int i = 0; i < bidCount; i++, pos += 16)
        {
            level(ins, b, pos);
        }
        json.endArray().name("asks").beginArray();
        for (int i = 0; i < askCount; i++, pos += 16)
        {
            level(ins, b, pos);
        }
        return json.endArray().endObject().toString();
    }

    private void level(final Instrument ins, final DirectBuffer b, final int pos)
    {
        json.beginArray();
        decimal(json, b.getLong(pos), ins.priceScale());
        decimal(json, b.getLong(pos + 8), ins.qtyScale());
        json.endArray();
    }

    private void tradeFields(final Instrument ins, final DirectBuffer b, final int off)
    {
        fields.clear();
        fields.put("id", Long.toString(b.getLong(off + EventLayout.TRADE_ID)));
        fields.put("p", FixedPoint.toPlainString(b.getLong(off + EventLayout.TRADE_PRICE), ins.priceScale()));
        fields.put("q", FixedPoint.toPlainString(b.getLong(off + EventLayout.TRADE_QTY), ins.qtyScale()));
        // Buyer is maker means the aggressor sold.
        fields.put("side",
            (b.getInt(off + EventLayout.TRADE_FLAGS) & EventLayout.TRADE_FLAG_BUYER_MAKER) != 0 ? "sell" : "buy");
        fields.put("ts", Long.toString(b.getLong(off + EventLayout.TRADE_TIME_MS)));
    }

    private static void decimal(final JsonWriter json, final long mantissa, final int scale)
    {
        if (mantissa == L2Book.NO_PRICE)
        {
            json.rawValue("null");
            return;
        }
        FixedPoint.appendPlain(json.valueBuilder().append('"'), mantissa, scale).append('"');
    }

    /** @return commands written (SET and XADD). */
    public long writeCount()
    {
        return writeCount;
    }

    /** @return pipelines flushed. */
    public long flushCount()
    {
        return flushCount;
    }

    /** @return trades written. */
    public long writtenTradeCount()
    {
        return writtenTradeCount;
    }

    /** @return trades dropped: queue full while Redis was slow or away, or lost with a failed flush. */
    public long droppedTradeCount()
    {
        return droppedTradeCount;
    }

    /** @return successful reconnections after a failure. */
    public long reconnectCount()
    {
        return reconnectCount;
    }

    /** @return connection and write errors. */
    public long errors()
    {
        return errors;
    }

    /** @return the error the sink is in now (empty once a flush succeeded after it), one line. */
    public String lastError()
    {
        return lastError;
    }

    /** @return the last error the sink recovered from, one line (empty when none). */
    public String recoveredError()
    {
        return recoveredError;
    }

    /**
     * @return {@code connected}, {@code reconnecting} (an error, retrying with backoff), or after
     * the final flush {@code closed} (a clean stop) or {@code closed-disconnected} (Redis was away
     * at the end: what was queued could not be written).
     */
    public String state()
    {
        if (closed)
        {
            return connectedAtClose ? "closed" : "closed-disconnected";
        }
        return jedis != null ? "connected" : "reconnecting";
    }

    /** @return flush (pipeline round trip) latency in microseconds. */
    public Histogram flushLatencyUs()
    {
        return flushLatencyUs;
    }

    /** @return true while a connection is open, and after a clean close when it was open to the end. */
    public boolean connected()
    {
        return closed ? connectedAtClose : jedis != null;
    }
}
