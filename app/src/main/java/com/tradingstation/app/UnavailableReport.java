package com.tradingstation.app;

import com.tradingstation.redis.RedisUnavailableException;

/**
 * A command whose {@code --json} output still answers, with a JSON object of its own, when Redis
 * is unavailable. {@link StationMain} prints it on stdout before the one-line reason on stderr.
 */
interface UnavailableReport
{
    /**
     * @param ex why Redis could not be used.
     * @return the JSON object to print, or null when the command prints none (no {@code --json}).
     */
    String unavailableJson(RedisUnavailableException ex);
}
