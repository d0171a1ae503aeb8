package com.tradingstation.bench;

import com.tradingstation.core.event.EventLayout;
import com.tradingstation.core.sync.BookListener;
import com.tradingstation.core.sync.InstrumentBook;
import com.tradingstation.core.sync.SyncState;
import com.tradingstation.feed.live.FrameBlaster;
import com.tradingstation.feed.live.LiveSession;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;

import java.net.URI;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Frame received to book applied, at a fixed rate, beside a bare Netty WebSocket receive loop on
 * the same loopback server in the same run.
 * <ul>
 * <li>station: {@code LiveSession} (Netty event loop, own frame reader, decoder, overlap filter,
 * ring) to the book thread; recorded on the book thread after each applied diff, from the diff's
 * planned send time and from its receive time.</li>
 * <li>bare: Netty's own WebSocket client (handshaker, frame decoder, one {@code TextWebSocketFrame}
 * per message) whose handler only finds the update id and records from the planned send time:
 * the transport's floor, without decoding or a book.</li>
 * </ul>
 * The server ({@link FrameBlaster}) writes spot depth diffs at planned times (a late frame goes
 * at once and the schedule holds: no coordinated omission). Usage:
 * {@code java -cp benchmarks.jar com.tradingstation.bench.LiveTickToBook [rate/s] [seconds] [warm-up s]}.
 */
public final class LiveTickToBook
{
    private LiveTickToBook()
    {
    }

    /**
     * @param args frames per second (10000), measured seconds (20), warm-up seconds (5).
     * @throws Exception on socket errors.
     */
    public static void main(final String[] args) throws Exception
    {
        final int rate = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        final int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        final int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        final long intervalNs = 1_000_000_000L / rate;
        final Histogram stationPlanned = new Histogram(10_000_000_000L, 3);
        final Histogram stationReceived = new Histogram(10_000_000_000L, 3);
        final Histogram bare = new Histogram(10_000_000_000L, 3);
        station(rate, seconds, warmup, intervalNs, stationPlanned, stationReceived);
        bare(rate, seconds, warmup, intervalNs, bare);
        System.out.printf(Locale.ROOT, "%s, %d frames/s for %d s after %d s warm-up, %d cores, %s%n",
            "live frame-to-book", rate, seconds, warmup, Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.vm.version"));
        System.out.println("path                                   count       p50       p90       p99     p99.9     " +
            "  max   (us)");
        print("station: planned send -> book applied", stationPlanned);
        print("station: frame received -> book applied", stationReceived);
        print("bare Netty: planned send -> frame read", bare);
        System.out.printf(Locale.ROOT, "ratio station/bare (planned send): p50 %.2f, p99 %.2f, p99.9 %.2f%n",
            ratio(stationPlanned, bare, 50), ratio(stationPlanned, bare, 99), ratio(stationPlanned, bare, 99.9));
    }

    private static double ratio(final Histogram a, final Histogram b, final double p)
    {
        return (double)a.getValueAtPercentile(p) / Math.max(1, b.getValueAtPercentile(p));
    }

    private static void print(final String name, final Histogram h)
    {
        System.out.printf(Locale.ROOT, "%-38s %7d %9.1f %9.1f %9.1f %9.1f %9.1f%n", name, h.getTotalCount(),
            h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
            h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }

    /** Planned send times of the measured frames, published to the recording threads. */
    private static final class Schedule
    {
        volatile long startNs;
        volatile long firstId = Long.MAX_VALUE;
        volatile long intervalNs;

        long planned(final long updateId)
        {
            return startNs + (updateId - firstId) * intervalNs;
        }
    }

    private static void station(
        final int rate, final int seconds, final int warmup, final long intervalNs, final Histogram planned,
        final Histogram received) throws Exception
    {
        try (FrameBlaster blaster = new FrameBlaster("BTCUSDT"))
        {
            final LiveSession session = blaster.openSession();
            final Schedule schedule = new Schedule();
            session.pipeline().listener(new BookListener()
            {
                private long receiveTimeNs;

                @Override
                public void onLevelsApplied(final InstrumentBook book, final DirectBuffer buffer, final int offset)
                {
                    receiveTimeNs = buffer.getLong(offset + EventLayout.DEPTH_RECEIVE_TIME_NS);
                }

                @Override
                public void onBookUpdated(final InstrumentBook book)
                {
                    final long u = book.book().lastUpdateId();
                    if (u >= schedule.firstId && book.state() == SyncState.LIVE)
                    {
                        final long now = System.nanoTime();
                        planned.recordValue(Math.max(0, now - schedule.planned(u)));
                        received.recordValue(Math.max(0, LiveSession.CLOCK.nanoTime() - receiveTimeNs));
                    }
                }
            });
            final CompletableFuture<Void> run = new CompletableFuture<>();
            final Thread runner = new Thread(() ->
            {
                session.pipeline().run(session);
                run.complete(null);
            }, "bench-live-run");
            runner.start();
            try
            {
                final FrameBlaster.Client client = blaster.awaitClient(30, TimeUnit.SECONDS);
                final long[] first = new long[1];
                // Creates the book, which fetches its snapshot.
                client.paced(1000, System.nanoTime(), intervalNs, first);
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!live(session) && System.nanoTime() < deadline)
                {
                    client.paced(100, System.nanoTime(), intervalNs, first);
                }
                client.paced(rate * warmup, System.nanoTime(), intervalNs, first);
                schedule.intervalNs = intervalNs;
                schedule.startNs = System.nanoTime() + 1_000_000;
                schedule.firstId = blaster.lastSentUpdateId() + 1; // one client: ids are contiguous
                client.paced(rate * seconds, schedule.startNs, intervalNs, first);
                final long last = blaster.lastSentUpdateId();
                while (session.pipeline().engine().book(0).book().lastUpdateId() < last &&
                    System.nanoTime() < deadline + 60_000_000_000L)
                {
                    LockSupport.parkNanos(1_000_000);
                }
            }
            finally
            {
                session.stop();
                run.get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static boolean live(final LiveSession session)
    {
        final InstrumentBook b = session.pipeline().engine().book(0);
        return b != null && b.state() == SyncState.LIVE;
    }

    private static void bare(
        final int rate, final int seconds, final int warmup, final long intervalNs, final Histogram histogram)
        throws Exception
    {
        final Schedule schedule = new Schedule();
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (FrameBlaster blaster = new FrameBlaster("BTCUSDT"))
        {
            final URI uri = URI.create(blaster.wsBase() + "/stream?streams=btcusdt@depth@100ms");
            final Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>()
                {
                    @Override
                    protected void initChannel(final SocketChannel c)
                    {
                        c.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                            new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(
                                uri, WebSocketVersion.V13, null, false, new DefaultHttpHeaders(), 1 << 20)),
                            new SimpleChannelInboundHandler<TextWebSocketFrame>()
                            {
                                @Override
                                protected void channelRead0(final ChannelHandlerContext ctx, final TextWebSocketFrame f)
                                {
                                    final long u = updateId(f.content());
                                    if (u >= schedule.firstId)
                                    {
                                        histogram.recordValue(Math.max(0, System.nanoTime() - schedule.planned(u)));
                                    }
                                }
                            });
                    }
                }).connect(uri.getHost(), uri.getPort()).sync().channel();
            final FrameBlaster.Client client = blaster.awaitClient(30, TimeUnit.SECONDS);
            final long[] first = new long[1];
            client.paced(rate * warmup, System.nanoTime(), intervalNs, first);
            schedule.intervalNs = intervalNs;
            schedule.startNs = System.nanoTime() + 1_000_000;
            schedule.firstId = blaster.lastSentUpdateId() + 1;
            client.paced(rate * seconds, schedule.startNs, intervalNs, first);
            final long expected = (long)rate * seconds;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (histogram.getTotalCount() < expected && System.nanoTime() < deadline)
            {
                LockSupport.parkNanos(1_000_000);
            }
            ch.close().sync();
        }
        finally
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** The value after {@code "u":} in a diff's payload (the bare loop's only parsing). */
    private static long updateId(final ByteBuf content)
    {
        final int end = content.writerIndex();
        for (int i = content.readerIndex(); i + 4 < end; i++)
        {
            if (content.getByte(i) == '"' && content.getByte(i + 1) == 'u' && content.getByte(i + 2) == '"' &&
                content.getByte(i + 3) == ':')
            {
                long v = 0;
                for (int j = i + 4; j < end; j++)
                {
                    final int d = content.getByte(j) - '0';
                    if (d < 0 || d > 9)
                    {
                        return v;
                    }
                    v = v * 10 + d;
                }
                return v;
            }
        }
        return -1;
    }
}
