package com.tradingstation.app;

import picocli.CommandLine.Mixin;

import java.nio.file.Path;

/**
 * Picocli mixin of the commands that measure Redis and judge the measurement by the thresholds
 * ({@code station gate}, {@code station dashboard}, {@code station tail}): the Redis ({@link RedisTarget}),
 * the thresholds ({@link ThresholdsOption}) and the station home they are found under ({@link StationHome}).
 */
final class MeasuredRedis
{
    @Mixin
    RedisTarget target = new RedisTarget();

    @Mixin
    ThresholdsOption thresholdsOption;

    @Mixin
    StationHome home = new StationHome();

    /** Judged by the performance thresholds ({@link StationHome#THRESHOLDS}). */
    MeasuredRedis()
    {
        this(StationHome.THRESHOLDS);
    }

    /**
     * @param thresholds where the thresholds file lives under the home.
     */
    MeasuredRedis(final Path thresholds)
    {
        thresholdsOption = new ThresholdsOption(thresholds);
    }

    /**
     * @return the thresholds in force: {@code --thresholds FILE}, else those of the station home, else the
     * built-in defaults.
     * @throws IllegalArgumentException on an unreadable or bad file, or a bad {@code --home} (usage error).
     */
    ThresholdsOption.Loaded thresholds()
    {
        return thresholdsOption.load(home.resolve());
    }
}
