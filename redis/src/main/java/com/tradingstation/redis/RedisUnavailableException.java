package com.tradingstation.redis;

/**
 * A Redis endpoint could not be connected to or used. Checked, because every caller of
 * {@link RedisConnector} must decide what the station does without Redis.
 *
 * <p>The message is one line meant for humans and never contains a password.
 */
public final class RedisUnavailableException extends Exception
{
    private final RedisFailure failure;

    /**
     * @param failure the classified reason
     * @param message one-line human explanation
     */
    public RedisUnavailableException(final RedisFailure failure, final String message)
    {
        super(message);
        this.failure = failure;
    }

    /**
     * @param failure the classified reason
     * @param message one-line human explanation
     * @param cause   the client-library exception it was classified from
     */
    public RedisUnavailableException(final RedisFailure failure, final String message, final Throwable cause)
    {
        super(message, cause);
        this.failure = failure;
    }

    /** @return the classified reason */
    public RedisFailure failure()
    {
        return failure;
    }
}
