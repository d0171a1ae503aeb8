package com.tradingstation.app;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Default values from the station properties: an option whose {@code descriptionKey} is a config
 * key ({@code station.*}) defaults to that key's value in the file {@code --config} names (else
 * config/station.properties when present), and to its annotated default when the key is absent or
 * blank. So each option and its key are declared once, and a flag always wins over the file.
 *
 * <p>Picocli asks for the defaults of the options a command line did not give after it has parsed
 * the whole line, so {@code --config} is known by then wherever it stands. (A matched boolean flag
 * asks for its default while it is parsed; no boolean flag takes its default from here.)
 */
final class ConfigDefaults implements IDefaultValueProvider
{
    private static final String PREFIX = "station.";

    private Path readFile;
    private Properties read;

    @Override
    public String defaultValue(final ArgSpec arg)
    {
        final String key = arg.descriptionKey();
        if (key == null || !key.startsWith(PREFIX))
        {
            return null;
        }
        final CommandSpec command = arg.command();
        final Properties p;
        try
        {
            p = properties(configFile(command));
        }
        catch (final ConfigError ex)
        {
            if (command.commandLine() != null &&
                (command.commandLine().isUsageHelpRequested() || command.commandLine().isVersionHelpRequested()))
            {
                return null; // --help shows the built-in defaults even beside an unreadable file
            }
            throw ex;
        }
        final String value = p.getProperty(key, "").trim();
        if (value.isEmpty())
        {
            return null;
        }
        if (isWholeNumber(arg.type()))
        {
            try
            {
                Long.parseLong(value);
            }
            catch (final NumberFormatException ex)
            {
                throw new ConfigError(key + " is not a number: '" + value + "'", ex);
            }
        }
        return value;
    }

    private static Path configFile(final CommandSpec command)
    {
        final OptionSpec option = command.findOption("--config");
        return option == null ? null : option.getValue();
    }

    private Properties properties(final Path explicit)
    {
        if (read == null || !java.util.Objects.equals(readFile, explicit))
        {
            try
            {
                read = StationConfig.properties(explicit);
                readFile = explicit;
            }
            catch (final IOException ex)
            {
                throw ConfigOption.unreadable(explicit, ex);
            }
        }
        return read;
    }

    private static boolean isWholeNumber(final Class<?> type)
    {
        return type == int.class || type == long.class || type == Integer.class || type == Long.class;
    }

    /** A configuration file that cannot be read or holds a bad value: a usage error of one line. */
    static final class ConfigError extends IllegalArgumentException
    {
        private static final long serialVersionUID = 1L;

        ConfigError(final String message, final Throwable cause)
        {
            super(message, cause);
        }
    }
}
