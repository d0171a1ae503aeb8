package com.tradingstation.feed.live;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import org.agrona.concurrent.EpochNanoClock;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client WebSocket connection to a venue (RFC 6455), carrying a fixed set of streams on one
 * combined-stream URL.
 * <p>
 * Netty does the TCP connection, TLS and the HTTP upgrade request; once the server has answered
 * {@code 101} with the right {@code Sec-WebSocket-Accept}, the HTTP codec leaves the pipeline and
 * {@link FrameReader} parses frames itself. It is written by hand because Netty's WebSocket
 * decoder allocates a frame object per message and the station's receive path must not allocate:
 * received bytes are copied once into a reusable array and each text frame's payload is handed
 * to the listener in place, as bytes, never as a String. Pings are answered at once with a pong
 * echoing the payload, as the venues require; client frames are masked, as the RFC requires.
 * <p>
 * Threading: created, driven and read on its event loop thread only (the one the live feed owns),
 * except the counters, which others may read racily for monitoring.
 */
public final class WebSocketConnection
{
    /** What a connection reports to its owner, on the event loop thread. */
    public interface Listener
    {
        /**
         * The upgrade succeeded; frames follow.
         *
         * @param connection the connection.
         */
        void onOpen(WebSocketConnection connection);

        /**
         * One complete text (or binary) message.
         *
         * @param connection    the connection.
         * @param buffer        bytes; valid only during the call.
         * @param offset        first payload byte.
         * @param length        payload length.
         * @param receiveTimeNs epoch ns when the bytes were read from the socket.
         */
        void onMessage(WebSocketConnection connection, byte[] buffer, int offset, int length, long receiveTimeNs);

        /**
         * The connection ended (called once, whatever the cause).
         *
         * @param connection the connection.
         * @param reason     why, one line.
         */
        void onClosed(WebSocketConnection connection, String reason);
    }

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int OP_CONTINUATION = 0;
    private static final int OP_TEXT = 1;
    private static final int OP_BINARY = 2;
    private static final int OP_CLOSE = 8;
    private static final int OP_PING = 9;
    private static final int OP_PONG = 10;
    /** Largest message accepted (a 5000-level snapshot is ~200 KB; venues send far less per frame). */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private final int id;
    private final int slot;
    private final URI uri;
    private final Listener listener;
    private final EpochNanoClock clock;
    private final long openedAtNs;
    private Channel channel;
    private volatile String state = "connecting";
    private boolean closedReported;
    private long lastFrameNs;
    private long openNs;

    // Written by the event loop only; plain fields (read racily for reports), because a volatile
    // store per message would put a fence on the receive path.
    private long messages;
    private volatile String closeReason;

    /**
     * @param id       the feed's number for this connection.
     * @param slot     the owner's number of the stream group it carries.
     * @param uri      full URL including path and query.
     * @param listener its owner.
     * @param clock    epoch clock of receive times.
     * @param nowNs    monotonic time now.
     */
    WebSocketConnection(
        final int id, final int slot, final URI uri, final Listener listener, final EpochNanoClock clock,
        final long nowNs)
    {
        this.id = id;
        this.slot = slot;
        this.uri = uri;
        this.listener = listener;
        this.clock = clock;
        this.openedAtNs = nowNs;
        this.lastFrameNs = nowNs;
    }

    /**
     * Start connecting (returns at once; the outcome reaches the listener).
     *
     * @param group          the event loop group (one thread).
     * @param sslContext     TLS client context for wss://, or null.
     * @param rcvBufBytes    SO_RCVBUF.
     * @param connectTimeoutMs TCP connect timeout.
     */
    void connect(final EventLoopGroup group, final SslContext sslContext, final int rcvBufBytes,
        final int connectTimeoutMs)
    {
        final boolean tls = "wss".equalsIgnoreCase(uri.getScheme());
        final String host = uri.getHost();
        final int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        final Bootstrap b = new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true)
            .option(ChannelOption.SO_RCVBUF, rcvBufBytes)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMs)
            .option(ChannelOption.ALLOCATOR, new ReusableReadAllocator(io.netty.buffer.ByteBufAllocator.DEFAULT))
            .handler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    final ChannelPipeline p = ch.pipeline();
                    if (tls)
                    {
                        if (sslContext == null)
                        {
                            throw new IllegalStateException("wss:// without a TLS context");
                        }
                        p.addLast("tls", sslContext.newHandler(ch.alloc(), host, port));
                    }
                    p.addLast("http", new HttpClientCodec());
                    p.addLast("http-aggregator", new HttpObjectAggregator(64 * 1024));
                    p.addLast("upgrade", new UpgradeHandler(port == (tls ? 443 : 80) ? host : host + ":" + port));
                }
            });
        final ChannelFuture f = b.connect(host, port);
        channel = f.channel();
        f.addListener(done ->
        {
            if (!done.isSuccess())
            {
                closed("connect failed: " + oneLine(done.cause()));
            }
        });
        channel.closeFuture()
            .addListener(done -> closed(closeReason != null ? closeReason : "connection closed by peer"));
    }

    /**
     * Close with a close frame (normal closure) and then the socket.
     *
     * @param reason why, for the report.
     */
    void close(final String reason)
    {
        if (closeReason == null)
        {
            closeReason = reason;
        }
        if (channel != null && channel.isActive() && "open".equals(state))
        {
            final byte[] payload = {(byte)(1000 >> 8), (byte)(1000 & 0xFF)};
            channel.writeAndFlush(maskedFrame(channel, OP_CLOSE, payload, 0, payload.length))
                .addListener(x -> channel.close());
        }
        else if (channel != null)
        {
            channel.close();
        }
    }

    /**
     * Drop the connection without a close frame (a dead or silent peer).
     *
     * @param reason why.
     */
    void abort(final String reason)
    {
        if (closeReason == null)
        {
            closeReason = reason;
        }
        if (channel != null)
        {
            channel.close();
        }
    }

    /**
     * Send a ping (liveness probe).
     *
     * @param payload up to 125 bytes.
     */
    void ping(final byte[] payload)
    {
        if (channel != null && channel.isActive() && "open".equals(state))
        {
            channel.writeAndFlush(maskedFrame(channel, OP_PING, payload, 0, payload.length), channel.voidPromise());
        }
    }

    private void closed(final String reason)
    {
        if (closedReported)
        {
            return;
        }
        closedReported = true;
        state = "closed";
        if (closeReason == null)
        {
            closeReason = reason;
        }
        listener.onClosed(this, closeReason);
    }

    /** @return the feed's number of this connection. */
    public int id()
    {
        return id;
    }

    /** @return the owner's number of the stream group it carries. */
    public int slot()
    {
        return slot;
    }

    /** @return "connecting", "open" or "closed". */
    public String state()
    {
        return state;
    }

    /** @return true once the upgrade succeeded and until it closed. */
    public boolean isOpen()
    {
        return "open".equals(state);
    }

    /**
     * @param nowNs   monotonic time now.
     * @param limitNs how long a handshake may take.
     * @return true while still connecting longer than that after the attempt started.
     */
    public boolean handshakeLate(final long nowNs, final long limitNs)
    {
        return "connecting".equals(state) && nowNs - openedAtNs > limitNs;
    }

    /**
     * @param nowNs monotonic time now.
     * @return ns since the upgrade succeeded, or -1 unless open.
     */
    public long openForNs(final long nowNs)
    {
        return isOpen() ? nowNs - openNs : -1;
    }

    /**
     * @param nowNs monotonic time now.
     * @return ns since the last frame of any kind, or -1 unless open.
     */
    public long silentForNs(final long nowNs)
    {
        return isOpen() ? nowNs - lastFrameNs : -1;
    }

    /** @return data messages received. */
    public long messages()
    {
        return messages;
    }

    static String oneLine(final Throwable t)
    {
        if (t == null)
        {
            return "unknown";
        }
        final String m = t.getMessage();
        return (m == null || m.isBlank() ? t.getClass().getSimpleName() : m).replace('\n', ' ');
    }

    private static ByteBuf maskedFrame(
        final Channel ch, final int opcode, final byte[] payload, final int offset, final int length)
    {
        final ByteBuf out = ch.alloc().buffer(2 + 8 + 4 + length);
        out.writeByte(0x80 | opcode);
        if (length < 126)
        {
            out.writeByte(0x80 | length);
        }
        else if (length < 65536)
        {
            out.writeByte(0x80 | 126);
            out.writeShort(length);
        }
        else
        {
            out.writeByte(0x80 | 127);
            out.writeLong(length);
        }
        final int mask = ThreadLocalRandom.current().nextInt();
        out.writeInt(mask);
        for (int i = 0; i < length; i++)
        {
            final int m = (mask >>> (8 * (3 - (i & 3)))) & 0xFF;
            out.writeByte(payload[offset + i] ^ m);
        }
        return out;
    }

    static String acceptFor(final String key)
    {
        try
        {
            final MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(
                sha1.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII)));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-1 missing from the JDK", ex);
        }
    }

    /**
     * Sends the upgrade request and checks the answer (RFC 6455 section 4), then replaces the HTTP
     * codec with the frame reader.
     */
    private final class UpgradeHandler extends ChannelInboundHandlerAdapter
    {
        private final String hostHeader;
        private final String key;
        private boolean upgraded;

        /**
         * @param hostHeader the Host header: the host, with the port unless it is the scheme's default.
         */
        UpgradeHandler(final String hostHeader)
        {
            this.hostHeader = hostHeader;
            final byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            this.key = Base64.getEncoder().encodeToString(nonce);
        }

        @Override
        public void channelActive(final ChannelHandlerContext ctx)
        {
            final String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()) +
                (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            final FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
            req.headers()
                .set(HttpHeaderNames.HOST, hostHeader)
                .set(HttpHeaderNames.UPGRADE, "websocket")
                .set(HttpHeaderNames.CONNECTION, "Upgrade")
                .set(HttpHeaderNames.SEC_WEBSOCKET_KEY, key)
                .set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13")
                .set(HttpHeaderNames.USER_AGENT, "trading-station");
            ctx.writeAndFlush(req);
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            if (!(msg instanceof FullHttpResponse))
            {
                if (upgraded && msg instanceof ByteBuf)
                {
                    // Frames that came in the same read as the 101: the HTTP codec hands them on
                    // when it is removed, while this handler is still in the pipeline.
                    ctx.fireChannelRead(msg);
                    return;
                }
                io.netty.util.ReferenceCountUtil.release(msg);
                return;
            }
            final FullHttpResponse res = (FullHttpResponse)msg;
            try
            {
                final String accept = res.headers().get(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT);
                if (!res.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS))
                {
                    final String body = res.content().toString(StandardCharsets.UTF_8);
                    abort("handshake refused: HTTP " + res.status().code() +
                        (body.isBlank() ? ""
                            : " " + body.substring(0, Math.min(200, body.length())).replace('\n', ' ')));
                    return;
                }
                if (!"websocket".equalsIgnoreCase(res.headers().get(HttpHeaderNames.UPGRADE)) ||
                    !acceptFor(key).equals(accept))
                {
                    abort("handshake invalid: wrong Upgrade or Sec-WebSocket-Accept");
                    return;
                }
            }
            finally
            {
                res.release();
            }
            // Open before the first frame: frames may already follow the 101 in this very read.
            state = "open";
            openNs = System.nanoTime();
            lastFrameNs = openNs;
            listener.onOpen(WebSocketConnection.this);
            final ChannelPipeline p = ctx.pipeline();
            upgraded = true;
            p.addAfter(ctx.name(), "ws-frames", new FrameReader());
            p.remove("http-aggregator");
            p.remove("http"); // hands any bytes that followed the 101 on (through this handler) to the frame reader
            p.remove(this);
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            abort("handshake failed: " + oneLine(cause));
        }
    }

    /**
     * RFC 6455 frame parser over one reusable accumulation array. Allocation: none once the
     * arrays have grown to the largest message seen.
     */
    private final class FrameReader extends ChannelInboundHandlerAdapter
    {
        private byte[] acc = new byte[256 * 1024];
        private int accLength;
        private byte[] fragments = new byte[0];
        private int fragmentsLength;
        private boolean inFragmentedMessage;

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            if (!(msg instanceof ByteBuf))
            {
                io.netty.util.ReferenceCountUtil.release(msg);
                return;
            }
            final ByteBuf in = (ByteBuf)msg;
            final long receiveTimeNs = clock.nanoTime();
            lastFrameNs = System.nanoTime();
            try
            {
                final int n = in.readableBytes();
                if (accLength + n > acc.length)
                {
                    if (accLength + n > MAX_MESSAGE_BYTES + 16)
                    {
                        protocolError(ctx, 1009, "frame larger than " + MAX_MESSAGE_BYTES + " bytes");
                        return;
                    }
                    acc = java.util.Arrays.copyOf(acc, Math.max(acc.length * 2, accLength + n));
                }
                in.readBytes(acc, accLength, n);
                accLength += n;
            }
            finally
            {
                in.release();
            }
            parse(ctx, receiveTimeNs);
        }

        private void parse(final ChannelHandlerContext ctx, final long receiveTimeNs)
        {
            final byte[] b = acc;
            int pos = 0;
            while (accLength - pos >= 2 && ctx.channel().isActive())
            {
                final int b0 = b[pos] & 0xFF;
                final int b1 = b[pos + 1] & 0xFF;
                final boolean fin = (b0 & 0x80) != 0;
                final int opcode = b0 & 0x0F;
                if ((b0 & 0x70) != 0)
                {
                    protocolError(ctx, 1002, "reserved bits set (no extension was negotiated)");
                    return;
                }
                if ((b1 & 0x80) != 0)
                {
                    protocolError(ctx, 1002, "masked frame from the server");
                    return;
                }
                int header = 2;
                long length = b1 & 0x7F;
                if (length == 126)
                {
                    if (accLength - pos < 4)
                    {
                        break;
                    }
                    length = ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
                    header = 4;
                }
                else if (length == 127)
                {
                    if (accLength - pos < 10)
                    {
                        break;
                    }
                    length = 0;
                    for (int i = 0; i < 8; i++)
                    {
                        length = (length << 8) | (b[pos + 2 + i] & 0xFF);
                    }
                    header = 10;
                }
                if (length < 0 || length > MAX_MESSAGE_BYTES)
                {
                    protocolError(ctx, 1009, "frame larger than " + MAX_MESSAGE_BYTES + " bytes");
                    return;
                }
                final int len = (int)length;
                if (accLength - pos < header + len)
                {
                    if (pos == 0 && header + len > acc.length)
                    {
                        acc = java.util.Arrays.copyOf(acc, header + len);
                    }
                    break;
                }
                final int payload = pos + header;
                pos = payload + len;
                if (opcode >= OP_CLOSE)
                {
                    if (!fin || len > 125)
                    {
                        protocolError(ctx, 1002, "fragmented or oversized control frame");
                        return;
                    }
                    control(ctx, opcode, b, payload, len);
                    continue;
                }
                if (!onData(ctx, opcode, fin, b, payload, len, receiveTimeNs))
                {
                    return;
                }
            }
            if (pos > 0)
            {
                System.arraycopy(acc, pos, acc, 0, accLength - pos);
                accLength -= pos;
            }
        }

        private boolean onData(
            final ChannelHandlerContext ctx, final int opcode, final boolean fin, final byte[] b, final int payload,
            final int len, final long receiveTimeNs)
        {
            if (opcode == OP_TEXT || opcode == OP_BINARY)
            {
                if (inFragmentedMessage)
                {
                    protocolError(ctx, 1002, "new message inside a fragmented one");
                    return false;
                }
                if (fin)
                {
                    deliver(b, payload, len, receiveTimeNs);
                    return true;
                }
                inFragmentedMessage = true;
                fragmentsLength = 0;
                return append(ctx, b, payload, len);
            }
            if (opcode == OP_CONTINUATION)
            {
                if (!inFragmentedMessage)
                {
                    protocolError(ctx, 1002, "continuation without a message");
                    return false;
                }
                if (!append(ctx, b, payload, len))
                {
                    return false;
                }
                if (fin)
                {
                    inFragmentedMessage = false;
                    deliver(fragments, 0, fragmentsLength, receiveTimeNs);
                }
                return true;
            }
            protocolError(ctx, 1002, "unknown opcode " + opcode);
            return false;
        }

        private boolean append(final ChannelHandlerContext ctx, final byte[] b, final int payload, final int len)
        {
            if (fragmentsLength + len > MAX_MESSAGE_BYTES)
            {
                protocolError(ctx, 1009, "message larger than " + MAX_MESSAGE_BYTES + " bytes");
                return false;
            }
            if (fragmentsLength + len > fragments.length)
            {
                fragments = java.util.Arrays.copyOf(fragments, Math.max(fragments.length * 2, fragmentsLength + len));
            }
            System.arraycopy(b, payload, fragments, fragmentsLength, len);
            fragmentsLength += len;
            return true;
        }

        private void deliver(final byte[] b, final int offset, final int len, final long receiveTimeNs)
        {
            messages++;
            listener.onMessage(WebSocketConnection.this, b, offset, len, receiveTimeNs);
        }

        private void control(final ChannelHandlerContext ctx, final int opcode, final byte[] b, final int payload,
            final int len)
        {
            if (opcode == OP_PING)
            {
                ctx.writeAndFlush(maskedFrame(ctx.channel(), OP_PONG, b, payload, len), ctx.voidPromise());
            }
            else if (opcode == OP_CLOSE)
            {
                final int code = len >= 2 ? ((b[payload] & 0xFF) << 8) | (b[payload + 1] & 0xFF) : 1005;
                final String text = len > 2 ? new String(b, payload + 2, len - 2, StandardCharsets.UTF_8) : "";
                if (closeReason == null)
                {
                    closeReason = "closed by server: " + code + (text.isEmpty() ? "" : " " + text);
                }
                // Echo the close (RFC 6455 5.5.1), then close the socket.
                final byte[] echo = {(byte)(code >> 8), (byte)code};
                ctx.writeAndFlush(maskedFrame(ctx.channel(), OP_CLOSE, echo, 0, code == 1005 ? 0 : 2))
                    .addListener(x -> ctx.close());
            }
            // OP_PONG: an answer to our probe; the frame itself already counted as a sign of life.
        }

        private void protocolError(final ChannelHandlerContext ctx, final int code, final String reason)
        {
            if (closeReason == null)
            {
                closeReason = "protocol error: " + reason;
            }
            accLength = 0;
            final byte[] payload = {(byte)(code >> 8), (byte)code};
            ctx.writeAndFlush(maskedFrame(ctx.channel(), OP_CLOSE, payload, 0, 2)).addListener(x -> ctx.close());
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            abort("connection error: " + oneLine(cause));
        }
    }
}
