package com.tradingstation.app;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Durations on the command line: a whole number with a unit ({@code 30s}, {@code 5m}, {@code 24h},
 * {@code 7d}) or ISO-8601 ({@code PT12H}).
 */
final class Durations
{
    private Durations()
    {
    }

    /**
     * @param option   the option, for the message.
     * @param text     what was given.
     * @param examples examples for the message, e.g. {@code "60s, 5m or PT1H"}.
     * @return the positive duration.
     * @throws IllegalArgumentException naming the option when it is not one.
     */
    static Duration parse(final String option, final String text, final String examples)
    {
        final String t = text.strip().toLowerCase(Locale.ROOT);
        try
        {
            final Duration d;
            if (t.startsWith("p"))
            {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            else if (t.length() >= 2)
            {
                final long n = Long.parseLong(t.substring(0, t.length() - 1));
                d = switch (t.charAt(t.length() - 1))
                {
                    case 'd' -> Duration.ofDays(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 's' -> Duration.ofSeconds(n);
                    default -> throw new IllegalArgumentException("bad unit");
                };
            }
            else
            {
                throw new IllegalArgumentException("too short");
            }
            if (d.isNegative() || d.isZero())
            {
                throw new IllegalArgumentException("not positive");
            }
            return d;
        }
        catch (final IllegalArgumentException | DateTimeParseException | ArithmeticException ex)
        {
            // NumberFormatException is an IllegalArgumentException too.
            throw new IllegalArgumentException(option + " '" + text + "' is not a duration like " + examples);
        }
    }
}
