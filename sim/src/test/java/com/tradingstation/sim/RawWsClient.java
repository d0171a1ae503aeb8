package com.tradingstation.sim;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A hand-rolled WebSocket client over a plain socket, for what the JDK client does for the user
 * and so cannot test: never answering pings, answering with the wrong payload, sending unmasked
 * frames. Single-threaded.
 */
final class RawWsClient implements AutoCloseable
{
    /** A received frame. */
    record Frame(int opcode, byte[] payload)
    {
        String text()
        {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode()
        {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    final String statusLine;

    RawWsClient(final int port, final String path) throws IOException
    {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        final String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port +
            "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        statusLine = readHeaders(in);
    }

    private static String readHeaders(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4)
        {
            final int c = in.read();
            if (c < 0)
            {
                break;
            }
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) ||
                (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        final String all = b.toString(StandardCharsets.US_ASCII);
        final int eol = all.indexOf("\r\n");
        return eol < 0 ? all : all.substring(0, eol);
    }

    /** @return the next frame, or null at end of stream. */
    Frame read() throws IOException
    {
        final int b0 = in.read();
        if (b0 < 0)
        {
            return null;
        }
        final int b1 = in.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126)
        {
            len = in.readUnsignedShort();
        }
        else if (len == 127)
        {
            len = in.readLong();
        }
        if ((b1 & 0x80) != 0)
        {
            throw new IOException("server frames must not be masked");
        }
        final byte[] payload = new byte[(int)len];
        in.readFully(payload);
        return new Frame(b0 & 0x0f, payload);
    }

    /**
     * @param opcode  frame opcode.
     * @param payload payload.
     * @param masked  mask it (as RFC 6455 requires of clients) or not.
     */
    void send(final int opcode, final byte[] payload, final boolean masked) throws IOException
    {
        final ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x80 | opcode);
        if (payload.length < 126)
        {
            f.write((masked ? 0x80 : 0) | payload.length);
        }
        else
        {
            f.write((masked ? 0x80 : 0) | 126);
            f.write(payload.length >> 8);
            f.write(payload.length & 0xff);
        }
        final byte[] mask = {0x11, 0x22, 0x33, 0x44};
        if (masked)
        {
            f.write(mask);
        }
        for (int i = 0; i < payload.length; i++)
        {
            f.write(masked ? payload[i] ^ mask[i & 3] : payload[i]);
        }
        out.write(f.toByteArray());
        out.flush();
    }

    @Override
    public void close() throws IOException
    {
        socket.close();
    }
}
