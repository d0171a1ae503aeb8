package com.tradingstation.sim;

import com.tradingstation.feed.json.JsonCursor;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket connection after the handshake: answers client pings, checks pongs against the
 * server's pings, enforces the incoming-message rate, and serves SUBSCRIBE, UNSUBSCRIBE and
 * LIST_SUBSCRIPTIONS. Unmasked client frames never reach it: the decoder closes with 1002.
 * One instance per channel, on its event loop.
 */
final class SimWsHandler extends SimpleChannelInboundHandler<WebSocketFrame>
{
    private static final long K_METHOD = JsonCursor.code("method");
    private static final long K_PARAMS = JsonCursor.code("params");
    private static final long K_ID = JsonCursor.code("id");

    private final SimContext context;
    private final SimConnection connection;

    SimWsHandler(final SimContext context, final SimConnection connection)
    {
        this.context = context;
        this.connection = connection;
    }

    /**
     * The handshake completed: register the connection, arm its pings and age limit, and start the
     * timeline if it already has streams (event loop).
     *
     * @param context    shared state.
     * @param connection the connection.
     */
    static void opened(final SimContext context, final SimConnection connection)
    {
        final var channel = connection.channel;
        context.allConnections.put(connection.id, connection);
        context.openConnections.put(connection.id, connection);
        final long pingMs = context.config.pingIntervalMs(connection.venue());
        final ScheduledFuture<?> pings = channel.eventLoop().scheduleAtFixedRate(
            connection::ping, pingMs, pingMs, TimeUnit.MILLISECONDS);
        final ScheduledFuture<?> age = context.config.maxConnAgeMs() <= 0 ? null : channel.eventLoop().schedule(() ->
        {
            if (connection.isOpen())
            {
                context.maxAgeCloses.incrementAndGet();
                connection.closeWithFrame("max-age", 1001, "Connection reached its maximum age");
            }
        }, context.config.maxConnAgeMs(), TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(f ->
        {
            pings.cancel(false);
            if (age != null)
            {
                age.cancel(false);
            }
            context.openConnections.remove(connection.id);
            SimContext.count(context.closedByReason, connection.closed());
        });
        if (!channel.isActive())
        {
            context.openConnections.remove(connection.id);
        }
        if (!connection.subscriptions().isEmpty())
        {
            context.timeline.start();
        }
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
    {
        if (frame instanceof CloseWebSocketFrame)
        {
            connection.reason("client");
            ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(f -> ctx.close());
            return;
        }
        if (!connection.countIncoming())
        {
            return;
        }
        if (frame instanceof PingWebSocketFrame)
        {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        }
        else if (frame instanceof PongWebSocketFrame)
        {
            connection.onPong(frame.content());
        }
        else if (frame instanceof TextWebSocketFrame text)
        {
            onRequest(text.text());
        }
    }

    private void onRequest(final String text)
    {
        final byte[] b = text.getBytes(StandardCharsets.UTF_8);
        final JsonCursor c = new JsonCursor().wrap(b, 0, b.length);
        String method = null;
        String id = "null";
        List<String> params = null;
        boolean ok = c.beginObject();
        boolean first = true;
        while (ok && c.nextKey(first))
        {
            first = false;
            final long k = c.keyCode();
            if (k == K_METHOD && c.readString())
            {
                method = new String(b, c.stringStart(), c.stringEnd() - c.stringStart(), StandardCharsets.UTF_8);
            }
            else if (k == K_ID)
            {
                skipWs(c);
                final int start = c.position();
                c.skipValue();
                id = new String(b, start, c.position() - start, StandardCharsets.UTF_8);
            }
            else if (k == K_PARAMS)
            {
                params = new ArrayList<>();
                if (!c.beginArray())
                {
                    ok = false;
                    break;
                }
                boolean firstElement = true;
                while (c.nextElement(firstElement))
                {
                    firstElement = false;
                    if (!c.readString())
                    {
                        ok = false;
                        break;
                    }
                    params.add(new String(b, c.stringStart(), c.stringEnd() - c.stringStart(), StandardCharsets.UTF_8));
                }
            }
            else
            {
                c.skipValue();
            }
        }
        if (!ok || c.failed() || method == null)
        {
            connection.sendText("{\"error\":{\"code\":3,\"msg\":\"Invalid JSON: expected {\\\"method\\\":...}\"},\"id\":" + id + "}");
            return;
        }
        switch (method)
        {
            case "SUBSCRIBE" ->
            {
                final List<Subscription> add = new ArrayList<>();
                try
                {
                    for (final String name : params == null ? List.<String>of() : params)
                    {
                        add.add(connection.route.resolve(name, context.symbols));
                    }
                    connection.subscribe(add);
                }
                catch (final IllegalArgumentException ex)
                {
                    connection.sendText("{\"error\":{\"code\":2,\"msg\":\"Invalid request: " +
                        ex.getMessage().replace("\"", "'") + "\"},\"id\":" + id + "}");
                    return;
                }
                connection.sendText("{\"result\":null,\"id\":" + id + "}");
                if (!add.isEmpty())
                {
                    context.timeline.start();
                }
            }
            case "UNSUBSCRIBE" ->
            {
                connection.unsubscribe(params == null ? List.of() : params);
                connection.sendText("{\"result\":null,\"id\":" + id + "}");
            }
            case "LIST_SUBSCRIPTIONS" ->
            {
                final StringBuilder sb = new StringBuilder("{\"result\":[");
                boolean firstName = true;
                for (final Subscription s : connection.subscriptions())
                {
                    sb.append(firstName ? "" : ",").append('"').append(s.name()).append('"');
                    firstName = false;
                }
                connection.sendText(sb.append("],\"id\":").append(id).append('}').toString());
            }
            default -> connection.sendText(
                "{\"error\":{\"code\":2,\"msg\":\"Invalid request: unknown method '" + method.replace("\"", "'") +
                "'\"},\"id\":" + id + "}");
        }
    }

    private static void skipWs(final JsonCursor c)
    {
        int p = c.position();
        while (p < c.limit() && Character.isWhitespace(c.buffer()[p]))
        {
            p++;
        }
        c.position(p);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        if (cause instanceof CorruptedWebSocketFrameException bad)
        {
            // RFC 6455: an unmasked client frame (or any malformed one) fails the connection with 1002.
            connection.closeWithFrame("protocol", bad.closeStatus().code(), bad.closeStatus().reasonText());
            return;
        }
        connection.reason("error");
        ctx.close();
    }
}
