package com.tradingstation.redis;

/**
 * Why a Redis endpoint could not be used, coarse enough for an operator to know where to look.
 */
public enum RedisFailure
{
    /** Nothing accepted the TCP connection: refused, unknown host, no route. */
    UNREACHABLE,
    /** The server is Redis but refused the credentials (WRONGPASS, NOAUTH, no such user). */
    AUTH_REFUSED,
    /** Something accepted the connection but did not speak the Redis protocol. */
    NOT_REDIS,
    /** The connect or a reply did not arrive within the endpoint's timeouts. */
    TIMEOUT,
    /** Anything else: a Redis error reply such as a bad database index, TLS failures, I/O errors. */
    OTHER
}
