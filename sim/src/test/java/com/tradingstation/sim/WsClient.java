package com.tradingstation.sim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK {@link WebSocket} client collecting every text message (reassembled from fragments) and
 * the close, as an independent client of the simulator. The JDK answers pings with pongs itself.
 */
final class WsClient implements WebSocket.Listener, AutoCloseable
{
    private final List<String> messages = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    private WebSocket socket;

    static WsClient connect(final HttpClient http, final String uri) throws Exception
    {
        final WsClient c = new WsClient();
        c.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
            .buildAsync(URI.create(uri), c).get(10, TimeUnit.SECONDS);
        return c;
    }

    static WsClient connect(final String uri) throws Exception
    {
        return connect(HttpClient.newHttpClient(), uri);
    }

    @Override
    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
    {
        synchronized (this)
        {
            partial.append(data);
            if (last)
            {
                messages.add(partial.toString());
                partial.setLength(0);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(final WebSocket webSocket, final ByteBuffer message)
    {
        pings.incrementAndGet();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
    {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(final WebSocket webSocket, final Throwable error)
    {
        closed.complete(-1);
    }

    /** @return a copy of the messages so far. */
    synchronized List<String> messages()
    {
        return new ArrayList<>(messages);
    }

    synchronized int count()
    {
        return messages.size();
    }

    int pings()
    {
        return pings.get();
    }

    boolean isClosed()
    {
        return closed.isDone();
    }

    /** @return close code (-1 on error) once closed. */
    int awaitClose(final Duration timeout) throws Exception
    {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void send(final String text) throws Exception
    {
        socket.sendText(text, true).get(5, TimeUnit.SECONDS);
    }

    /** @return the first message containing the text, waiting for it. */
    String awaitMessage(final String contains, final Duration timeout)
    {
        final String[] found = new String[1];
        Await.until("a message containing " + contains, timeout, () ->
        {
            for (final String m : messages())
            {
                if (m.contains(contains))
                {
                    found[0] = m;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    @Override
    public void close()
    {
        if (!closed.isDone())
        {
            socket.abort();
        }
    }
}
