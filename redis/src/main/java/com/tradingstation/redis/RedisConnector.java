package com.tradingstation.redis;

import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import javax.net.ssl.SSLException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Opens verified Jedis connections and turns the many ways that can fail into a
 * {@link RedisFailure} with a one-line message.
 *
 * <p>Stateless and thread-safe. Each returned {@link Jedis} is owned by the caller, who must close
 * it; a {@code Jedis} itself is not thread-safe and belongs to one thread at a time.
 */
public final class RedisConnector
{
    private RedisConnector()
    {
    }

    /**
     * Connects, authenticates, selects the database and checks that the server answers PING with
     * PONG, so a returned connection is known to be a usable Redis.
     *
     * @param endpoint where to connect
     * @return an open connection the caller must close
     * @throws RedisUnavailableException classified failure; nothing is left open
     */
    public static Jedis connect(final RedisEndpoint endpoint) throws RedisUnavailableException
    {
        final DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(endpoint.connectTimeoutMs())
                .socketTimeoutMillis(endpoint.socketTimeoutMs())
                .database(endpoint.database())
                .ssl(endpoint.tls())
                // CLIENT SETINFO is noise on servers older than 7.2 and tells us nothing.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
        if (endpoint.user() != null)
        {
            config.user(endpoint.user());
        }
        if (endpoint.password() != null)
        {
            config.password(endpoint.password());
        }
        Jedis jedis = null;
        try
        {
            jedis = new Jedis(new HostAndPort(endpoint.host(), endpoint.port()), config.build());
            final String pong = jedis.ping();
            if (!"PONG".equals(pong))
            {
                throw new RedisUnavailableException(RedisFailure.NOT_REDIS,
                        endpoint.address() + " answered PING with '" + oneLine(pong) + "', not PONG");
            }
            final Jedis ok = jedis;
            jedis = null;
            return ok;
        }
        catch (final RedisUnavailableException e)
        {
            throw e;
        }
        catch (final RuntimeException e)
        {
            throw classify(endpoint, e);
        }
        finally
        {
            if (jedis != null)
            {
                try
                {
                    jedis.close();
                }
                catch (final RuntimeException ignored)
                {
                    // Already failing; the original failure is the one worth reporting.
                }
            }
        }
    }

    /**
     * Classifies a failure seen while talking to {@code endpoint}.
     *
     * @param endpoint the endpoint, named in the message (password masked)
     * @param error    what the client library threw
     * @return the classified exception, with {@code error} as its cause
     */
    public static RedisUnavailableException classify(final RedisEndpoint endpoint, final Throwable error)
    {
        final String where = endpoint.address();
        // Redis error replies come first: they prove the peer speaks the protocol.
        for (final Throwable t : causes(error))
        {
            if (t instanceof JedisDataException)
            {
                final String reply = oneLine(t.getMessage());
                final String upper = reply.toUpperCase(Locale.ROOT);
                if (upper.startsWith("WRONGPASS") || upper.startsWith("NOAUTH")
                        || upper.contains("INVALID PASSWORD") || upper.contains("INVALID USERNAME-PASSWORD")
                        || upper.contains("WITHOUT ANY PASSWORD CONFIGURED"))
                {
                    return new RedisUnavailableException(RedisFailure.AUTH_REFUSED,
                            "Redis at " + where + " refused the credentials" + who(endpoint) + ": " + reply, error);
                }
                return new RedisUnavailableException(RedisFailure.OTHER,
                        "Redis at " + where + " answered with an error: " + reply, error);
            }
        }
        for (final Throwable t : causes(error))
        {
            if (t instanceof ConnectException)
            {
                return new RedisUnavailableException(RedisFailure.UNREACHABLE,
                        "nothing accepts connections at " + where + " (" + oneLine(t.getMessage()) + ")", error);
            }
            if (t instanceof UnknownHostException)
            {
                return new RedisUnavailableException(RedisFailure.UNREACHABLE,
                        "unknown host '" + endpoint.host() + "'", error);
            }
            if (t instanceof NoRouteToHostException)
            {
                return new RedisUnavailableException(RedisFailure.UNREACHABLE,
                        "no route to " + where, error);
            }
            if (t instanceof SocketTimeoutException)
            {
                final boolean connecting = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
                return new RedisUnavailableException(RedisFailure.TIMEOUT, connecting
                        ? "connecting to " + where + " took longer than " + endpoint.connectTimeoutMs() + " ms"
                        : where + " did not answer within " + endpoint.socketTimeoutMs() + " ms", error);
            }
            if (t instanceof SSLException)
            {
                return new RedisUnavailableException(RedisFailure.OTHER,
                        "TLS with " + where + " failed: " + oneLine(t.getMessage()), error);
            }
        }
        final String message = oneLine(error.getMessage());
        final String lower = message.toLowerCase(Locale.ROOT);
        // Jedis reports a first byte that is not a RESP type marker as "Unknown reply", and a peer
        // that hangs up without any reply as "Unexpected end of stream"; Redis never does the
        // latter without first sending an error (e.g. max clients), which is classified above.
        if (lower.contains("unknown reply") || lower.contains("unexpected end of stream")
                || lower.contains("protocol"))
        {
            return new RedisUnavailableException(RedisFailure.NOT_REDIS,
                    "something at " + where + " accepted the connection but does not speak Redis (" + message + ")",
                    error);
        }
        return new RedisUnavailableException(RedisFailure.OTHER,
                "talking to Redis at " + where + " failed: " + error.getClass().getSimpleName() + ": " + message,
                error);
    }

    /**
     * The error, its causes and their suppressed exceptions, breadth first: Jedis reports a failed
     * connect as a JedisConnectionException with the per-address ConnectExceptions suppressed.
     */
    private static List<Throwable> causes(final Throwable error)
    {
        final List<Throwable> out = new ArrayList<>();
        final Deque<Throwable> todo = new ArrayDeque<>();
        todo.add(error);
        while (!todo.isEmpty() && out.size() < 32)
        {
            final Throwable t = todo.poll();
            if (out.contains(t))
            {
                continue;
            }
            out.add(t);
            if (t.getCause() != null)
            {
                todo.add(t.getCause());
            }
            todo.addAll(Arrays.asList(t.getSuppressed()));
        }
        return out;
    }

    private static String who(final RedisEndpoint endpoint)
    {
        return endpoint.user() == null ? "" : " of user '" + endpoint.user() + "'";
    }

    private static String oneLine(final String s)
    {
        if (s == null)
        {
            return "";
        }
        return s.replaceAll("[\\r\\n]+", " ").strip();
    }
}
