package com.tradingstation.app;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Picocli mixin for {@code --config FILE}: the station properties in force, that file, else
 * config/station.properties when present, else the defaults ({@link StationConfig#resolve}). A
 * command that also takes its flags' defaults from the file names {@link ConfigDefaults} as its
 * default-value provider.
 */
final class ConfigOption
{
    @Option(names = "--config", paramLabel = "FILE",
        description = "Station properties (default config/station.properties when present).")
    Path file;

    /**
     * @return the station configuration in force.
     * @throws IllegalArgumentException on a bad or unreadable configuration (a usage error).
     */
    StationConfig stationConfig()
    {
        try
        {
            return StationConfig.resolve(file);
        }
        catch (final IOException ex)
        {
            throw unreadable(file, ex);
        }
    }

    /**
     * @return the raw properties in force (empty when there is no file).
     * @throws IllegalArgumentException when the file cannot be read.
     */
    Properties properties()
    {
        try
        {
            return StationConfig.properties(file);
        }
        catch (final IOException ex)
        {
            throw unreadable(file, ex);
        }
    }

    /**
     * @param explicit the file named by {@code --config}, or null.
     * @param ex       why it could not be read.
     * @return the usage error naming the file and the reason.
     */
    static ConfigDefaults.ConfigError unreadable(final Path explicit, final IOException ex)
    {
        return new ConfigDefaults.ConfigError("cannot read " +
            (explicit != null ? explicit : StationConfig.DEFAULT_FILE)
            + ": " + StationMain.reason(ex), ex);
    }
}
