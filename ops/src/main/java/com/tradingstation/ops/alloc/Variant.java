package com.tradingstation.ops.alloc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One allocator setting under test: a name and the jemalloc options string (the value of
 * {@code MALLOC_CONF} or {@code JE_MALLOC_CONF}; empty means jemalloc's and Redis's own defaults).
 *
 * @param name       short name, e.g. {@code A}; letters, digits, {@code -} and {@code _}.
 * @param mallocConf {@code key:value,key:value}, or empty.
 * @param purpose    one line on what the variant tests.
 */
public record Variant(String name, String mallocConf, String purpose)
{
    /** Validates. */
    public Variant
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mallocConf, "mallocConf");
        Objects.requireNonNull(purpose, "purpose");
        if (!name.matches("[A-Za-z0-9_-]{1,32}"))
        {
            throw new IllegalArgumentException("variant name must be 1-32 letters, digits, - or _, got '" + name + "'");
        }
        mallocConf = mallocConf.strip();
    }

    /**
     * @return the options the string sets, in order ({@code dirty_decay_ms -> 3000}); a pair without a
     *     colon maps to the empty string, so the read-back reports it instead of losing it
     */
    public Map<String, String> options()
    {
        final Map<String, String> m = new LinkedHashMap<>();
        if (mallocConf.isEmpty())
        {
            return m;
        }
        for (final String pair : mallocConf.split(","))
        {
            final String p = pair.strip();
            if (p.isEmpty())
            {
                continue;
            }
            final int colon = p.indexOf(':');
            if (colon < 0)
            {
                m.put(p, "");
            }
            else
            {
                m.put(p.substring(0, colon).strip(), p.substring(colon + 1).strip());
            }
        }
        return m;
    }
}
