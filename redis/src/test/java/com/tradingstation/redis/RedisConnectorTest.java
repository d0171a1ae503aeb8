package com.tradingstation.redis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisConnectorTest
{
    private static ManagedRedis open;
    private static ManagedRedis guarded;

    @BeforeAll
    static void startServers()
    {
        open = ManagedRedis.builder().maxmemory("256mb").start();
        guarded = ManagedRedis.builder().maxmemory("256mb").extraArgs("--requirepass", "secret").start();
    }

    @AfterAll
    static void stopServers()
    {
        if (open != null)
        {
            open.close();
        }
        if (guarded != null)
        {
            guarded.close();
        }
    }

    @Test
    void goodEndpointGivesAWorkingConnection() throws Exception
    {
        try (Jedis jedis = RedisConnector.connect(RedisEndpoint.parse(open.uri())))
        {
            jedis.set("station:test", "1");
            assertThat(jedis.get("station:test")).isEqualTo("1");
        }
    }

    @Test
    void rightPasswordIsAccepted() throws Exception
    {
        final RedisEndpoint endpoint = RedisEndpoint.parse("redis://:secret@127.0.0.1:" + guarded.port());
        try (Jedis jedis = RedisConnector.connect(endpoint))
        {
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void closedPortIsUnreachable() throws Exception
    {
        final int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            port = s.getLocalPort();
        }
        final RedisEndpoint endpoint = RedisEndpoint.of("127.0.0.1", port);
        assertFailure(endpoint, RedisFailure.UNREACHABLE, "127.0.0.1:" + port);
    }

    @Test
    void wrongPasswordIsAuthRefused()
    {
        final RedisEndpoint endpoint = RedisEndpoint.parse("redis://:wrong@127.0.0.1:" + guarded.port());
        final RedisUnavailableException e =
                assertFailure(endpoint, RedisFailure.AUTH_REFUSED, "refused the credentials");
        assertThat(e.getMessage()).doesNotContain("wrong");
    }

    @Test
    void missingPasswordIsAuthRefused()
    {
        assertFailure(RedisEndpoint.of("127.0.0.1", guarded.port()), RedisFailure.AUTH_REFUSED, "NOAUTH");
    }

    @Test
    void databaseOutOfRangeIsOther()
    {
        // The profile runs a single database, so SELECT 3 is a Redis error reply.
        final RedisEndpoint endpoint = RedisEndpoint.parse(open.uri() + "/3");
        assertFailure(endpoint, RedisFailure.OTHER, "DB index is out of range");
    }

    @Test
    void httpServerIsNotRedis() throws Exception
    {
        final byte[] reply = "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try (FakeServer fake = new FakeServer(reply))
        {
            assertFailure(RedisEndpoint.of("127.0.0.1", fake.port()), RedisFailure.NOT_REDIS, "does not speak Redis");
        }
    }

    @Test
    void garbageServerIsNotRedis() throws Exception
    {
        final byte[] reply = {0x00, 0x7f, (byte)0xff, 0x13, 0x37, '\r', '\n'};
        try (FakeServer fake = new FakeServer(reply))
        {
            assertFailure(RedisEndpoint.of("127.0.0.1", fake.port()), RedisFailure.NOT_REDIS, "does not speak Redis");
        }
    }

    @Test
    void silentHangUpIsNotRedis() throws Exception
    {
        try (FakeServer fake = new FakeServer(new byte[0]))
        {
            assertFailure(RedisEndpoint.of("127.0.0.1", fake.port()), RedisFailure.NOT_REDIS, "does not speak Redis");
        }
    }

    @Test
    void serverThatNeverAnswersTimesOut() throws Exception
    {
        // Accepts (kernel backlog) but never reads or replies.
        try (ServerSocket mute = new ServerSocket(0, 5, InetAddress.getLoopbackAddress()))
        {
            final RedisEndpoint endpoint = RedisEndpoint.of("127.0.0.1", mute.getLocalPort()).withTimeouts(1000, 200);
            assertFailure(endpoint, RedisFailure.TIMEOUT, "did not answer within 200 ms");
        }
    }

    private static RedisUnavailableException assertFailure(final RedisEndpoint endpoint, final RedisFailure failure,
                                                           final String messagePart)
    {
        final RedisUnavailableException[] caught = new RedisUnavailableException[1];
        assertThatThrownBy(() -> RedisConnector.connect(endpoint).close())
                .isInstanceOfSatisfying(RedisUnavailableException.class, e ->
                {
                    caught[0] = e;
                    assertThat(e.failure()).as(e.getMessage()).isEqualTo(failure);
                    assertThat(e.getMessage()).contains(messagePart).doesNotContain("\n");
                });
        return caught[0];
    }

    /**
     * Accepts connections on a loopback port, reads the client's first bytes, answers with a fixed
     * reply and hangs up cleanly (output shut down, input drained) so the client sees the reply
     * rather than a reset.
     */
    private static final class FakeServer implements AutoCloseable
    {
        private final ServerSocket socket;
        private final Thread thread;

        FakeServer(final byte[] reply) throws IOException
        {
            socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            thread = new Thread(() ->
            {
                while (!socket.isClosed())
                {
                    try (Socket client = socket.accept())
                    {
                        final InputStream in = client.getInputStream();
                        final OutputStream out = client.getOutputStream();
                        final byte[] buf = new byte[4096];
                        if (in.read(buf) < 0)
                        {
                            continue;
                        }
                        out.write(reply);
                        out.flush();
                        client.shutdownOutput();
                        client.setSoTimeout(2000);
                        while (in.read(buf) >= 0)
                        {
                            // Drain until the client closes, so our close() sends FIN, not RST.
                        }
                    }
                    catch (final IOException e)
                    {
                        // Closed by close() or the client went away; keep serving until closed.
                    }
                }
            }, "fake-not-redis");
            thread.setDaemon(true);
            thread.start();
        }

        int port()
        {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException
        {
            socket.close();
            try
            {
                thread.join(5000);
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}
