package com.tradingstation.sim;

import com.tradingstation.core.instrument.Venue;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.KeyManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local exchange that speaks the Binance REST and WebSocket market-data API for spot, USD-M and
 * COIN-M on one port (HTTP and WebSocket upgrade on the same Netty server, optionally TLS), serving
 * capture files or synthetic sessions on one timeline, with seeded faults. It is what the
 * station's live connectors are tested against and what {@code station exchange-sim} runs.
 * <p>
 * Lifecycle: construct, {@link #start()} (loads every session into memory, seeds the reference
 * books, binds), use, {@link #close()}. The timeline starts when the first WebSocket client
 * subscribes. Threading: {@link #start()} and {@link #close()} from one controlling thread; the
 * getters and {@link #stats()} from any thread. The server runs on two Netty event loops, the
 * timeline on {@code sim-timeline}, the periodic faults on {@code sim-faults}.
 */
public final class ExchangeSimulator implements AutoCloseable
{
    private final SimConfig config;
    private SimContext context;
    private Faults faults;
    private EventLoopGroup group;
    private Channel serverChannel;
    private Thread timelineThread;
    private List<Venue> venues = List.of();
    private int port = -1;

    /**
     * @param config what to serve and which faults to inject.
     */
    public ExchangeSimulator(final SimConfig config)
    {
        this.config = config;
    }

    /**
     * Load the sessions and bind the port.
     *
     * @return the bound port.
     * @throws IOException           when a capture file cannot be read.
     * @throws BindException         when the address cannot be bound.
     * @throws IllegalArgumentException when the sessions conflict (one symbol twice on a venue) or the
     *                               TLS keystore cannot be used.
     * @throws IllegalStateException when already started.
     */
    public int start() throws IOException
    {
        if (context != null)
        {
            throw new IllegalStateException("already started");
        }
        final SessionLoader loader = new SessionLoader();
        final List<SessionLoader.Session> sessions = new ArrayList<>();
        for (final SimConfig.CaptureGroup g : config.captures())
        {
            sessions.add(loader.loadCaptures(g));
        }
        for (final SimConfig.Synthetic s : config.synthetics())
        {
            sessions.add(loader.loadSynthetic(s));
        }
        final Map<Venue, Map<String, SimSymbol>> symbols = new EnumMap<>(Venue.class);
        for (final SessionLoader.Session s : sessions)
        {
            final Map<String, SimSymbol> venueSymbols = symbols.computeIfAbsent(s.venue(), v -> new LinkedHashMap<>());
            for (final SimSymbol sym : s.symbols().values())
            {
                if (venueSymbols.putIfAbsent(sym.symbol, sym) != null)
                {
                    throw new IllegalArgumentException(
                        "symbol " + sym.symbol + " appears in two " + s.venue().id() + " sessions; serve one of them");
                }
            }
        }
        venues = List.copyOf(symbols.keySet());
        final SslContext ssl = config.tlsKeystore() == null ? null : ssl(config);
        final SimContext ctx = new SimContext(config, symbols, sessions);
        final RestApi rest = new RestApi(ctx);
        final Faults f = new Faults(ctx);
        ctx.timeline.onStart(f::start);

        final EventLoopGroup g = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        final ServerBootstrap b = new ServerBootstrap()
            .group(g)
            .channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.TCP_NODELAY, true)
            // Room for bursts at speed 0 before the timeline waits; at speed > 0 a full socket skips frames.
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(2 << 20, 8 << 20))
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    if (ssl != null)
                    {
                        ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc()));
                    }
                    ch.pipeline().addLast("http", new HttpServerCodec());
                    ch.pipeline().addLast("aggregator", new HttpObjectAggregator(SimHttpHandler.MAX_FRAME_BYTES));
                    ch.pipeline().addLast("sim-http", new SimHttpHandler(ctx, rest, ssl != null));
                }
            });
        try
        {
            serverChannel = b.bind(new InetSocketAddress(config.bindAddress(), config.port())).sync().channel();
        }
        catch (final Exception ex)
        {
            g.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
            final BindException bind = new BindException(
                "cannot bind " + config.bindAddress() + ":" + config.port() + ": " + ex.getMessage());
            bind.initCause(ex);
            throw bind;
        }
        group = g;
        context = ctx;
        faults = f;
        port = ((InetSocketAddress)serverChannel.localAddress()).getPort();
        timelineThread = new Thread(ctx.timeline, "sim-timeline");
        timelineThread.setDaemon(true);
        timelineThread.start();
        return port;
    }

    private static SslContext ssl(final SimConfig config)
    {
        try (InputStream in = Files.newInputStream(config.tlsKeystore()))
        {
            final KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, config.tlsPassword().toCharArray());
            final KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, config.tlsPassword().toCharArray());
            return SslContextBuilder.forServer(kmf).build();
        }
        catch (final IOException | GeneralSecurityException ex)
        {
            throw new IllegalArgumentException("cannot use TLS keystore " + config.tlsKeystore() + ": " +
                ex.getMessage(), ex);
        }
    }

    /** @return the bound port, or -1 before {@link #start()}. */
    public int port()
    {
        return port;
    }

    /** @return venues with at least one session, in {@link Venue} order (after {@link #start()}). */
    public List<Venue> venues()
    {
        return venues;
    }

    /** @return true when the server speaks TLS only (wss, https). */
    public boolean tls()
    {
        return config.tlsKeystore() != null;
    }

    /**
     * @return the WebSocket base URL a connector appends its paths to, e.g. {@code ws://127.0.0.1:PORT}.
     */
    public String wsBaseUrl()
    {
        return (tls() ? "wss://" : "ws://") + host() + ":" + port;
    }

    /**
     * @return the REST base URL a connector appends {@code /api/v3/...} (and the futures paths) to.
     */
    public String restBaseUrl()
    {
        return (tls() ? "https://" : "http://") + host() + ":" + port;
    }

    private String host()
    {
        final String h = config.bindAddress();
        return h.contains(":") ? "[" + h + "]" : h;
    }

    /**
     * @return a snapshot of every counter (any thread).
     * @throws IllegalStateException before {@link #start()}.
     */
    public SimStats stats()
    {
        if (context == null)
        {
            throw new IllegalStateException("not started");
        }
        return context.stats();
    }

    /**
     * Wait until the timeline has sent every line.
     *
     * @param timeout how long to wait.
     * @return true when finished, false on timeout.
     * @throws InterruptedException when interrupted.
     */
    public boolean awaitFinished(final Duration timeout) throws InterruptedException
    {
        if (context == null)
        {
            throw new IllegalStateException("not started");
        }
        return context.timeline.awaitFinished(timeout.toNanos());
    }

    /** @return true once the timeline has sent every line. */
    public boolean isFinished()
    {
        return context != null && context.timeline.finished();
    }

    /**
     * Stop the timeline and faults, close every connection and release the port. Idempotent.
     */
    @Override
    public void close()
    {
        if (context == null || context.stopping)
        {
            return;
        }
        context.stopping = true;
        context.timeline.stop();
        faults.close();
        for (final SimConnection c : context.openConnections.values())
        {
            c.closeWithFrame("server-stop", 1001, "Simulator stopping");
        }
        if (serverChannel != null)
        {
            serverChannel.close().syncUninterruptibly();
        }
        try
        {
            timelineThread.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        group.shutdownGracefully(100, 2_000, java.util.concurrent.TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
}
