package com.tradingstation.sim;

import com.tradingstation.feed.json.JsonCursor;
import com.tradingstation.json.JsonReader;
import com.tradingstation.json.JsonWriter;
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
                method = decoded(b, c);
                ok = method != null;
            }
            else if (k == K_ID)
            {
                skipWs(c);
                final int start = c.position();
                // Echoed as sent, so a number stays the number the client wrote; a torn one is not echoed.
                id = c.skipValue() ? new String(b, start, c.position() - start, StandardCharsets.UTF_8) : "null";
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
                    final String name = decoded(b, c);
                    if (name == null)
                    {
                        ok = false;
                        break;
                    }
                    params.add(name);
                }
            }
            else
            {
                c.skipValue();
            }
        }
        if (!ok || c.failed() || method == null)
        {
            connection.sendText(error(3, "Invalid JSON: expected {\"method\":...}", id));
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
                    connection.sendText(error(2, "Invalid request: " + ex.getMessage(), id));
                    return;
                }
                connection.sendText(nullResult(id));
                if (!add.isEmpty())
                {
                    context.timeline.start();
                }
            }
            case "UNSUBSCRIBE" ->
            {
                connection.unsubscribe(params == null ? List.of() : params);
                connection.sendText(nullResult(id));
            }
            case "LIST_SUBSCRIPTIONS" ->
            {
                final JsonWriter w = new JsonWriter().beginObject().name("result").beginArray();
                for (final Subscription s : connection.subscriptions())
                {
                    w.value(s.name());
                }
                connection.sendText(w.endArray().name("id").rawValue(id).endObject().toString());
            }
            default -> connection.sendText(error(2, "Invalid request: unknown method '" + method + "'", id));
        }
    }

    /**
     * @param id the request's id as it was sent (a JSON value).
     * @return the answer to a request that succeeded with nothing to return.
     */
    private static String nullResult(final String id)
    {
        return new JsonWriter(new StringBuilder(32)).beginObject().name("result").rawValue("null")
            .name("id").rawValue(id).endObject().toString();
    }

    /**
     * @param code the venue's error code.
     * @param msg  the message (escaped here).
     * @param id   the request's id as it was sent (a JSON value).
     * @return the venue's error frame, {@code {"error":{"code":2,"msg":"..."},"id":1}}.
     */
    private static String error(final int code, final String msg, final String id)
    {
        return new JsonWriter(new StringBuilder(64 + msg.length())).beginObject()
            .name("error").beginObject().field("code", code).field("msg", msg).endObject()
            .name("id").rawValue(id).endObject().toString();
    }

    /**
     * @param b the request.
     * @param c the cursor, just past a string.
     * @return the string with its escapes decoded, or null when an escape is not valid JSON.
     */
    private static String decoded(final byte[] b, final JsonCursor c)
    {
        final int start = c.stringStart();
        final int end = c.stringEnd();
        for (int i = start; i < end; i++)
        {
            if (b[i] == '\\')
            {
                try
                {
                    // The span with its quotes is one JSON string; the reader decodes its escapes.
                    return (String)JsonReader.parse(new String(b, start - 1, end - start + 2, StandardCharsets.UTF_8));
                }
                catch (final IllegalArgumentException ex)
                {
                    return null;
                }
            }
        }
        return new String(b, start, end - start, StandardCharsets.UTF_8);
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
