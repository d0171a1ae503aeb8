package com.tradingstation.core.counters;

import java.util.Locale;

/**
 * A reason an input was rejected, as an enum whose ordinals index its reject counters. Its label,
 * the name it has in counters and JSON output, is the constant's name in lower case with
 * {@code -} for {@code _} ({@code TOO_MANY_LEVELS} is {@code too-many-levels}).
 */
public interface CountedReason
{
    /**
     * @return the constant's name ({@link Enum#name()}).
     */
    String name();

    /**
     * @return a short, stable lower-case name used in counters and JSON output.
     */
    default String label()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
