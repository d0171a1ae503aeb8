package com.tradingstation.feed.live;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A small real Binance-like server on loopback for tests and benchmarks: a plain-socket
 * WebSocket endpoint (RFC 6455 handshake, unmasked server frames) that sends spot combined-stream
 * depth diffs for one symbol with contiguous update ids, and a REST endpoint (JDK
 * {@code HttpServer}) answering exchangeInfo and depth snapshots well enough for
 * {@link LiveSession#open}.
 * <p>
 * The diffs never cross (bids between 100.00 and 109.99, asks between 200.00 and 209.99) and never
 * delete a level, so any snapshot taken at the last id sent is consistent with what follows it:
 * the REST depth answer is {@code lastUpdateId} = the last id written to any connection so far.
 * <p>
 * Threading: one acceptor thread; per connection one reader thread that drains the client's
 * frames (pongs, close). Frames are written by whoever calls {@link Client#blast} or
 * {@link Client#paced} (one caller per client at a time). Allocation: the paced path encodes
 * each frame into a reusable array and allocates nothing per frame; the blast path batches frames
 * into a reusable 64 KiB array.
 */
public final class FrameBlaster implements AutoCloseable
{
    /** The first update id a fresh blaster sends. */
    public static final long FIRST_UPDATE_ID = 1_000_001L;

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final byte[] DIGITS = "0123456789".getBytes(StandardCharsets.US_ASCII);

    private final String symbol;
    private final byte[] prefix;
    private final ServerSocket serverSocket;
    private final HttpServer http;
    private final Thread acceptor;
    private final BlockingQueue<Client> accepted = new ArrayBlockingQueue<>(64);
    private final Object idLock = new Object();
    private volatile long lastSentUpdateId = FIRST_UPDATE_ID - 1;
    private long nextUpdateId = FIRST_UPDATE_ID;
    private volatile long snapshotRequests;
    private volatile boolean closed;

    private volatile int framesWithHandshake;

    /**
     * Bind both endpoints on 127.0.0.1, free ports, and start accepting.
     *
     * @param symbol upper-case spot symbol, e.g. BTCUSDT.
     * @throws IOException when a socket cannot be bound.
     */
    public FrameBlaster(final String symbol) throws IOException
    {
        this.symbol = symbol;
        this.prefix = ("{\"stream\":\"" + symbol.toLowerCase(Locale.ROOT) +
            "@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":").getBytes(StandardCharsets.US_ASCII);
        final InetAddress loopback = InetAddress.getLoopbackAddress();
        serverSocket = new ServerSocket(0, 50, loopback);
        http = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        http.createContext("/api/v3/exchangeInfo", this::exchangeInfo);
        http.createContext("/api/v3/depth", this::depth);
        http.start();
        acceptor = new Thread(this::acceptLoop, "frame-blaster-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Send this many depth diffs in the same write as each connection's 101 answer (0: none).
     *
     * @param frames frames glued to the handshake.
     * @return this.
     */
    public FrameBlaster framesWithHandshake(final int frames)
    {
        this.framesWithHandshake = frames;
        return this;
    }

    /**
     * A live session of the station subscribed to this blaster's spot symbol, its WebSocket and
     * REST endpoints pointed here (not started).
     *
     * @return the session.
     * @throws IOException when its exchangeInfo request fails.
     */
    public LiveSession openSession() throws IOException
    {
        final LiveSettings settings = LiveSettings.builder()
            .wsBase(com.tradingstation.core.instrument.Venue.BINANCE_SPOT, wsBase())
            .restBase(com.tradingstation.core.instrument.Venue.BINANCE_SPOT, restBase())
            .build();
        return LiveSession.open(settings,
            java.util.List.of(new SymbolRef(com.tradingstation.core.instrument.Venue.BINANCE_SPOT, symbol)), 0, 0,
            null);
    }

    /** @return {@code ws://127.0.0.1:port} for {@link LiveSettings.Builder#wsBase}. */
    public String wsBase()
    {
        return "ws://127.0.0.1:" + serverSocket.getLocalPort();
    }

    /** @return {@code http://127.0.0.1:port} for {@link LiveSettings.Builder#restBase}. */
    public String restBase()
    {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** @return the last update id written to any connection. */
    public long lastSentUpdateId()
    {
        return lastSentUpdateId;
    }

    /** @return REST depth requests answered. */
    public long snapshotRequests()
    {
        return snapshotRequests;
    }

    /**
     * Wait for the next client whose WebSocket handshake completed.
     *
     * @param timeout how long.
     * @param unit    unit of timeout.
     * @return the client.
     * @throws IllegalStateException when none arrived in time.
     * @throws InterruptedException  when interrupted.
     */
    public Client awaitClient(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        final Client c = accepted.poll(timeout, unit);
        if (c == null)
        {
            throw new IllegalStateException("no WebSocket client connected within " + timeout + " " + unit);
        }
        return c;
    }

    @Override
    public void close()
    {
        closed = true;
        http.stop(0);
        try
        {
            serverSocket.close();
        }
        catch (final IOException ignore)
        {
            // closing anyway
        }
        for (final Client c : accepted)
        {
            c.close();
        }
    }

    private void acceptLoop()
    {
        while (!closed)
        {
            try
            {
                final Socket s = serverSocket.accept();
                s.setTcpNoDelay(true);
                final Client c = new Client(s);
                if (c.handshake())
                {
                    c.startReader();
                    accepted.offer(c);
                }
                else
                {
                    s.close();
                }
            }
            catch (final IOException ex)
            {
                if (!closed)
                {
                    System.err.println("frame blaster: accept failed: " + ex);
                }
            }
        }
    }

    private void exchangeInfo(final HttpExchange ex) throws IOException
    {
        respond(ex, "{\"symbols\":[{\"symbol\":\"" + symbol + "\",\"status\":\"TRADING\",\"filters\":[" +
            "{\"filterType\":\"PRICE_FILTER\",\"tickSize\":\"0.01000000\"}," +
            "{\"filterType\":\"LOT_SIZE\",\"stepSize\":\"0.00001000\"}]}]}");
    }

    private void depth(final HttpExchange ex) throws IOException
    {
        snapshotRequests++;
        // Every diff sent so far is in this snapshot; levels only ever get (re)set, never crossed.
        respond(ex, snapshotJson());
    }

    /** @return a REST depth answer at {@link #lastSentUpdateId()}, as the depth endpoint gives it. */
    public String snapshotJson()
    {
        return "{\"lastUpdateId\":" + lastSentUpdateId +
            ",\"bids\":[[\"105.00\",\"1.0\"],[\"104.00\",\"2.0\"]],\"asks\":[[\"205.00\",\"1.0\"],[\"206.00\"," +
            "\"2.0\"]]}";
    }

    private static void respond(final HttpExchange ex, final String body) throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("X-MBX-USED-WEIGHT-1M", "1");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody())
        {
            out.write(bytes);
        }
    }

    /**
     * Take the next {@code count} update ids (shared by every client of this blaster, so a
     * snapshot answered at {@link #lastSentUpdateId} is always consistent).
     */
    private long reserve(final int count)
    {
        synchronized (idLock)
        {
            final long first = nextUpdateId;
            nextUpdateId += count;
            return first;
        }
    }

    /**
     * Encode one spot depth diff as a whole unmasked text frame.
     *
     * @return bytes written at {@code off}.
     */
    int encodeDiff(final byte[] dst, final int off, final long updateId, final long eventTimeMs)
    {
        // Payload first, leaving room for the longest header a < 64 KiB payload needs.
        final int p = off + 4;
        int i = p;
        System.arraycopy(prefix, 0, dst, i, prefix.length);
        i += prefix.length;
        i = putLong(dst, i, eventTimeMs);
        i = putAscii(dst, i, ",\"s\":\"");
        i = putAscii(dst, i, symbol);
        i = putAscii(dst, i, "\",\"U\":");
        i = putLong(dst, i, updateId);
        i = putAscii(dst, i, ",\"u\":");
        i = putLong(dst, i, updateId);
        final int tick = (int)(updateId % 1000);
        i = putAscii(dst, i, ",\"b\":[[\"10");
        i = putPrice(dst, i, tick);
        i = putAscii(dst, i, "\",\"");
        i = putLong(dst, i, 1 + updateId % 7);
        i = putAscii(dst, i, ".5\"]],\"a\":[[\"20");
        i = putPrice(dst, i, tick);
        i = putAscii(dst, i, "\",\"");
        i = putLong(dst, i, 1 + updateId % 5);
        i = putAscii(dst, i, ".25\"]]}}");
        final int len = i - p;
        // 126 <= len < 65536 always for this payload: a 4-byte header.
        dst[off] = (byte)0x81;
        dst[off + 1] = 126;
        dst[off + 2] = (byte)(len >>> 8);
        dst[off + 3] = (byte)len;
        return 4 + len;
    }

    private static int putPrice(final byte[] dst, final int i, final int tick)
    {
        // tick 0..999 -> "d.dd": 10d.dd / 20d.dd
        dst[i] = DIGITS[tick / 100];
        dst[i + 1] = '.';
        dst[i + 2] = DIGITS[(tick / 10) % 10];
        dst[i + 3] = DIGITS[tick % 10];
        return i + 4;
    }

    private static int putAscii(final byte[] dst, final int i, final String s)
    {
        for (int k = 0; k < s.length(); k++)
        {
            dst[i + k] = (byte)s.charAt(k);
        }
        return i + s.length();
    }

    private static int putLong(final byte[] dst, final int i, final long value)
    {
        if (value == 0)
        {
            dst[i] = '0';
            return i + 1;
        }
        int digits = 0;
        for (long v = value; v > 0; v /= 10)
        {
            digits++;
        }
        long v = value;
        for (int k = digits - 1; k >= 0; k--)
        {
            dst[i + k] = DIGITS[(int)(v % 10)];
            v /= 10;
        }
        return i + digits;
    }

    static String acceptFor(final String key)
    {
        try
        {
            final java.security.MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
            return java.util.Base64.getEncoder().encodeToString(
                sha1.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII)));
        }
        catch (final java.security.NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * One accepted WebSocket client. Frames are written on the caller's thread.
     */
    public final class Client implements AutoCloseable
    {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final byte[] batch = new byte[64 * 1024];
        private String requestTarget;
        private volatile long pongs;
        private volatile boolean closeReceived;
        private volatile long framesSent;

        Client(final Socket socket) throws IOException
        {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = socket.getInputStream();
        }

        /** @return the request target of the upgrade, e.g. {@code /stream?streams=btcusdt@depth@100ms/...}. */
        public String requestTarget()
        {
            return requestTarget;
        }

        /** @return pong frames received from the client. */
        public long pongs()
        {
            return pongs;
        }

        /** @return true once the client sent a close frame. */
        public boolean closeReceived()
        {
            return closeReceived;
        }

        /** @return data frames written to this client. */
        public long framesSent()
        {
            return framesSent;
        }

        /**
         * Write {@code count} depth diffs as fast as the socket takes them.
         *
         * @param count frames.
         * @return the last update id sent.
         * @throws IOException when the client went away.
         */
        public long blast(final int count) throws IOException
        {
            final long first = reserve(count);
            final long eventTimeMs = System.currentTimeMillis();
            int used = 0;
            for (int k = 0; k < count; k++)
            {
                if (batch.length - used < 512)
                {
                    out.write(batch, 0, used);
                    used = 0;
                }
                used += encodeDiff(batch, used, first + k, eventTimeMs);
                lastSentUpdateId = first + k; // may run ahead of the socket: a later snapshot still chains
            }
            out.write(batch, 0, used);
            out.flush();
            framesSent += count;
            return first + count - 1;
        }

        /**
         * Write {@code count} depth diffs, frame {@code k} at {@code startNs + k * intervalNs}
         * ({@code System.nanoTime()}); a late frame is sent at once and the schedule is kept, so
         * a stall delays the frames behind it (latency from the planned time has no coordinated
         * omission).
         *
         * @param count      frames.
         * @param startNs    planned time of the first frame.
         * @param intervalNs interval between planned times.
         * @param firstId    receives the first update id (index 0), before the first frame is written.
         * @return the last update id sent.
         * @throws IOException when the client went away.
         */
        public long paced(final int count, final long startNs, final long intervalNs, final long[] firstId)
            throws IOException
        {
            final long first = reserve(count);
            firstId[0] = first;
            for (int k = 0; k < count; k++)
            {
                final long planned = startNs + k * intervalNs;
                long now;
                while ((now = System.nanoTime()) < planned)
                {
                    // Park while far away (the machine has two cores), spin the last stretch.
                    if (planned - now > 80_000)
                    {
                        LockSupport.parkNanos(planned - now - 60_000);
                    }
                    else
                    {
                        Thread.onSpinWait();
                    }
                }
                final int len = encodeDiff(batch, 0, first + k, System.currentTimeMillis());
                lastSentUpdateId = first + k;
                out.write(batch, 0, len);
                framesSent++;
            }
            return first + count - 1;
        }

        /**
         * Write arbitrary text payloads, one unmasked text frame each.
         *
         * @param payloads frame payloads (UTF-8 text).
         * @throws IOException when the client went away.
         */
        public void sendText(final List<byte[]> payloads) throws IOException
        {
            for (final byte[] p : payloads)
            {
                writeFrame(0x81, p);
            }
            framesSent += payloads.size();
        }

        /**
         * Write a ping frame (the client must answer with a pong).
         *
         * @param payload up to 125 bytes.
         * @throws IOException when the client went away.
         */
        public void ping(final byte[] payload) throws IOException
        {
            writeFrame(0x89, payload);
        }

        private void writeFrame(final int b0, final byte[] payload) throws IOException
        {
            final int n = payload.length;
            final byte[] header;
            if (n < 126)
            {
                header = new byte[] {(byte)b0, (byte)n};
            }
            else if (n < 65536)
            {
                header = new byte[] {(byte)b0, 126, (byte)(n >>> 8), (byte)n};
            }
            else
            {
                header = new byte[10];
                header[0] = (byte)b0;
                header[1] = 127;
                for (int k = 0; k < 8; k++)
                {
                    header[2 + k] = (byte)(((long)n) >>> (8 * (7 - k)));
                }
            }
            out.write(header);
            out.write(payload);
            out.flush();
        }

        @Override
        public void close()
        {
            try
            {
                socket.close();
            }
            catch (final IOException ignore)
            {
                // closing anyway
            }
        }

        boolean handshake() throws IOException
        {
            final StringBuilder head = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0)
            {
                head.append((char)c);
                if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4)
                {
                    break;
                }
                if (head.length() > 16 * 1024)
                {
                    return false;
                }
            }
            final String[] lines = head.toString().split("\r\n");
            final String[] requestLine = lines[0].split(" ");
            if (requestLine.length < 3 || !"GET".equals(requestLine[0]))
            {
                return false;
            }
            requestTarget = requestLine[1];
            String key = null;
            for (int k = 1; k < lines.length; k++)
            {
                final int colon = lines[k].indexOf(':');
                if (colon > 0 && lines[k].substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Key"))
                {
                    key = lines[k].substring(colon + 1).trim();
                }
            }
            if (key == null)
            {
                out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return false;
            }
            final byte[] head101 = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: " +
                "Upgrade\r\nSec-WebSocket-Accept: " + acceptFor(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(head101, 0, batch, 0, head101.length);
            int used = head101.length;
            final int glued = framesWithHandshake;
            if (glued > 0)
            {
                // Frames in the same write as the 101: the client reads them with the HTTP answer.
                final long first = reserve(glued);
                for (int k = 0; k < glued; k++)
                {
                    used += encodeDiff(batch, used, first + k, System.currentTimeMillis());
                    lastSentUpdateId = first + k;
                }
                framesSent += glued;
            }
            out.write(batch, 0, used);
            out.flush();
            return true;
        }

        void startReader()
        {
            final Thread t = new Thread(this::readLoop, "frame-blaster-read-" + socket.getPort());
            t.setDaemon(true);
            t.start();
        }

        /** Drain the client's (masked) frames: count pongs, echo a close and hang up. */
        private void readLoop()
        {
            try
            {
                final byte[] buf = new byte[256];
                while (true)
                {
                    final int b0 = in.read();
                    final int b1 = in.read();
                    if (b0 < 0 || b1 < 0)
                    {
                        return;
                    }
                    long len = b1 & 0x7F;
                    if (len == 126)
                    {
                        len = (in.read() << 8) | in.read();
                    }
                    else if (len == 127)
                    {
                        len = 0;
                        for (int k = 0; k < 8; k++)
                        {
                            len = (len << 8) | in.read();
                        }
                    }
                    if ((b1 & 0x80) != 0)
                    {
                        in.readNBytes(4); // mask: the payload is not inspected
                    }
                    for (long left = len; left > 0; )
                    {
                        final int n = in.read(buf, 0, (int)Math.min(buf.length, left));
                        if (n < 0)
                        {
                            return;
                        }
                        left -= n;
                    }
                    final int opcode = b0 & 0x0F;
                    if (opcode == 0x0A)
                    {
                        pongs++;
                    }
                    else if (opcode == 0x08)
                    {
                        closeReceived = true;
                        synchronized (this)
                        {
                            out.write(new byte[] {(byte)0x88, 2, (byte)(1000 >> 8), (byte)(1000 & 0xFF)});
                            out.flush();
                        }
                        socket.close();
                        return;
                    }
                }
            }
            catch (final IOException ex)
            {
                // the client went away
            }
        }
    }
}
