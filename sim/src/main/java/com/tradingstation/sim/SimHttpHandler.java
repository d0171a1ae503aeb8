package com.tradingstation.sim;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP side of the one port: REST requests go to {@link RestApi}; a WebSocket upgrade is
 * checked (path, streams, limits) before the handshake, so a bad stream is refused with a 400 the
 * way the venue refuses it, and on success the pipeline switches to {@link SimWsHandler}.
 * One instance per channel, on its event loop.
 */
final class SimHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest>
{
    /** Largest frame a client may send (subscription messages are small). */
    static final int MAX_FRAME_BYTES = 64 * 1024;

    private final SimContext context;
    private final RestApi rest;
    private final boolean tls;

    SimHttpHandler(final SimContext context, final RestApi rest, final boolean tls)
    {
        this.context = context;
        this.rest = rest;
        this.tls = tls;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest req)
    {
        if (!req.decoderResult().isSuccess())
        {
            respond(ctx, req, 400, "", Map.of());
            return;
        }
        final String upgrade = req.headers().get(HttpHeaderNames.UPGRADE);
        if (upgrade != null && upgrade.equalsIgnoreCase("websocket"))
        {
            upgrade(ctx, req);
            return;
        }
        final RestApi.Response r = rest.handle(req.method().name(), req.uri());
        if (r.delayMs() > 0)
        {
            req.retain();
            ctx.executor().schedule(() ->
            {
                try
                {
                    respond(ctx, req, r.status(), r.body(), r.headers());
                }
                finally
                {
                    req.release();
                }
            }, r.delayMs(), TimeUnit.MILLISECONDS);
            return;
        }
        respond(ctx, req, r.status(), r.body(), r.headers());
    }

    private void upgrade(final ChannelHandlerContext ctx, final FullHttpRequest req)
    {
        final Route route = Route.parse(req.uri());
        if (route == null)
        {
            SimContext.count(context.handshakesRefused, "not-found");
            respond(ctx, req, 404, "", Map.of());
            return;
        }
        if (!context.admitConnectionAttempt(System.currentTimeMillis()))
        {
            SimContext.count(context.handshakesRefused, "attempt-limit");
            respond(ctx, req, 429, RestApi.errorBody(-1003, "Too many connection attempts."),
                Map.of("Retry-After", "1"));
            return;
        }
        final List<Subscription> subs = new ArrayList<>();
        try
        {
            for (final String name : route.streams())
            {
                subs.add(route.resolve(name, context.symbols));
            }
        }
        catch (final IllegalArgumentException ex)
        {
            SimContext.count(context.handshakesRefused, "bad-stream");
            respond(ctx, req, 400, RestApi.errorBody(-1121, ex.getMessage()), Map.of());
            return;
        }
        if (subs.stream().map(Subscription::name).distinct().count() > context.config.maxStreamsPerConnection())
        {
            SimContext.count(context.handshakesRefused, "stream-limit");
            respond(ctx, req, 400, RestApi.errorBody(-1121, "too many streams: at most " +
                context.config.maxStreamsPerConnection() + " per connection"), Map.of());
            return;
        }
        final String scheme = tls ? "wss" : "ws";
        final WebSocketServerHandshakerFactory factory = new WebSocketServerHandshakerFactory(
            scheme + "://" + req.headers().get(HttpHeaderNames.HOST) + route.path(), null,
            WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(MAX_FRAME_BYTES)
                .expectMaskedFrames(true)
                .allowMaskMismatch(false)
                // SimWsHandler sends the 1002 itself, so the close is counted as a protocol error, not a client close.
                .closeOnProtocolViolation(false)
                .allowExtensions(false)
                .build());
        final WebSocketServerHandshaker handshaker = factory.newHandshaker(req);
        if (handshaker == null)
        {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        final SimConnection connection = new SimConnection(
            context.nextConnectionId.incrementAndGet(), ctx.channel(), route,
            subs.isEmpty() || route.pinned() != null || route.group() != Route.Group.ROOT ? route.defaultVenue() :
            subs.get(0).symbol().venue, context);
        connection.subscribe(subs);
        ctx.pipeline().replace(this, "sim-ws", new SimWsHandler(context, connection));
        handshaker.handshake(ctx.channel(), req).addListener(f ->
        {
            if (!f.isSuccess())
            {
                ctx.channel().close();
                return;
            }
            SimWsHandler.opened(context, connection);
        });
    }

    private static void respond(
        final ChannelHandlerContext ctx, final FullHttpRequest req, final int status, final String body,
        final Map<String, String> headers)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        final FullHttpResponse res = new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(bytes));
        if (bytes.length > 0)
        {
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json;charset=UTF-8");
        }
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        headers.forEach((k, v) -> res.headers().set(k, v));
        // A refused upgrade ends the connection; REST answers, errors included, keep it as the venue does.
        final boolean keepAlive = HttpUtil.isKeepAlive(req) && req.headers().get(HttpHeaderNames.UPGRADE) == null;
        if (keepAlive)
        {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        }
        else
        {
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        ctx.close();
    }
}
