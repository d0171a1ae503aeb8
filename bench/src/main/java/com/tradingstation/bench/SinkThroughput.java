package com.tradingstation.bench;

import com.tradingstation.core.event.EventLayout;
import com.tradingstation.core.instrument.Instrument;
import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.core.instrument.Venue;
import com.tradingstation.redis.KeySchema;
import com.tradingstation.redis.ManagedRedis;
import com.tradingstation.redis.RedisConnector;
import com.tradingstation.redis.RedisUnavailableException;
import com.tradingstation.sink.RedisSink;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import redis.clients.jedis.Jedis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sink throughput beside {@code redis-benchmark} on the same private redis-server in the same run:
 * N trades (never conflated, one XADD MAXLEN ~ each) through {@link RedisSink}, against
 * {@code redis-benchmark -P 64 -c 1} sending the same XADD. Rounds alternate to spread machine
 * noise over both. Usage: {@code java -cp benchmarks.jar com.tradingstation.bench.SinkThroughput [trades] [rounds]}.
 */
public final class SinkThroughput
{
    private SinkThroughput()
    {
    }

    /**
     * @param args trades per round (default 200000), rounds (default 3).
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final int trades = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (ManagedRedis redis = ManagedRedis.builder().maxmemory("1gb").start())
        {
            final List<Double> ours = new ArrayList<>();
            final List<Double> peer = new ArrayList<>();
            for (int r = 0; r < rounds; r++)
            {
                flush(redis);
                ours.add(sink(redis, trades));
                flush(redis);
                peer.add(redisBenchmark(redis, trades));
            }
            ours.sort(null);
            peer.sort(null);
            final double o = ours.get(ours.size() / 2);
            final double p = peer.get(peer.size() / 2);
            System.out.printf(Locale.ROOT,
                "sink XADD: median %.0f trades/s (rounds %s); redis-benchmark -P 64 -c 1 XADD: median %.0f req/s " +
                "(rounds %s); ratio %.2f%n",
                o, ours, p, peer, o / p);
        }
    }

    private static void flush(final ManagedRedis redis) throws RedisUnavailableException
    {
        try (Jedis j = RedisConnector.connect(redis.endpoint()))
        {
            j.flushAll();
        }
    }

    private static double sink(final ManagedRedis redis, final int trades)
    {
        final InstrumentRegistry registry = new InstrumentRegistry();
        final Instrument ins = registry.register(Venue.BINANCE_SPOT, "BTCUSDT", 8, 8);
        final RingBuffer ring = new OneToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect((64 << 20) + RingBufferDescriptor.TRAILER_LENGTH)));
        final RedisSink sink = new RedisSink(ring, registry, () ->
        {
            try
            {
                return RedisConnector.connect(redis.endpoint());
            }
            catch (final RedisUnavailableException ex)
            {
                throw new IllegalStateException(ex.getMessage(), ex);
            }
        }, 10_000, trades);
        final UnsafeBuffer trade = new UnsafeBuffer(new byte[EventLayout.TRADE_LENGTH]);
        trade.putInt(EventLayout.INSTRUMENT_ID, ins.id());
        trade.putInt(EventLayout.TRADE_FLAGS, EventLayout.TRADE_FLAG_BUYER_MAKER);
        trade.putLong(EventLayout.TRADE_PRICE, 6_160_201_000_000L);
        trade.putLong(EventLayout.TRADE_QTY, 50_000_000L);
        trade.putLong(EventLayout.TRADE_TIME_MS, 1_723_161_601_273L);
        for (int i = 0; i < trades; i++)
        {
            trade.putLong(EventLayout.TRADE_ID, i);
            if (!ring.write(3, trade, 0, EventLayout.TRADE_LENGTH))
            {
                throw new IllegalStateException("ring too small");
            }
        }
        final long start = System.nanoTime();
        while (sink.writtenTradeCount() < trades && sink.errors() == 0)
        {
            sink.doWork();
        }
        final long elapsed = System.nanoTime() - start;
        sink.onClose();
        if (sink.errors() != 0)
        {
            throw new IllegalStateException("sink error: " + sink.lastError());
        }
        return trades / (elapsed / 1e9);
    }

    private static double redisBenchmark(final ManagedRedis redis, final int trades)
        throws IOException, InterruptedException
    {
        final Process p = new ProcessBuilder("redis-benchmark", "-h", "127.0.0.1", "-p", Integer.toString(redis.port()),
            "-P", "64", "-c", "1", "-n", Integer.toString(trades), "-q",
            "XADD", "md:{binance-spot:BTCUSDT}:trades", "MAXLEN", "~", "10000", "*",
            "id", "__rand_int__", "p", "61602.01", "q", "0.5", "side", "sell", "ts", "1723161601273")
            .redirectErrorStream(true).start();
        final StringBuilder output = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)))
        {
            for (String line = r.readLine(); line != null; line = r.readLine())
            {
                output.append(line).append('\n');
            }
        }
        p.waitFor();
        // -q prints "<command>: <n> requests per second", with \r progress lines before it.
        final Matcher m = Pattern.compile("([0-9.]+) requests per second").matcher(output);
        double last = -1;
        while (m.find())
        {
            last = Double.parseDouble(m.group(1));
        }
        if (last < 0)
        {
            throw new IllegalStateException("redis-benchmark said: " + output.toString().trim());
        }
        if (!KeySchema.trades(new Instrument(0, Venue.BINANCE_SPOT, "BTCUSDT", 8, 8).key())
            .equals("md:{binance-spot:BTCUSDT}:trades"))
        {
            throw new IllegalStateException("key schema changed; update the redis-benchmark command");
        }
        return last;
    }
}
