package com.tradingstation.ops.alloc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares what a variant asked jemalloc for with what a running server reports in force, so a
 * misspelled option or a value jemalloc refused (it only prints {@code <jemalloc>: Invalid conf pair}
 * on the server's stderr and goes on with its default) is caught before anything is measured.
 * Stateless.
 */
public final class Readbacks
{
    private static final String INVALID_PAIR = "Invalid conf pair:";

    private Readbacks()
    {
    }

    /**
     * @param envVar      the variable the options were passed in.
     * @param variant     the variant.
     * @param mallocStats the server's {@code MEMORY MALLOC-STATS}.
     * @param console     what the server printed on stdout/stderr (may be empty).
     * @return the read-back, with one mismatch line per option not in force.
     */
    public static Readback check(final String envVar, final Variant variant, final String mallocStats,
        final String console)
    {
        final Map<String, String> requested = variant.options();
        final Map<String, String> inForce = MallocStats.inForce(mallocStats);
        final List<String> mismatches = new ArrayList<>();
        if (inForce.isEmpty())
        {
            mismatches.add("MEMORY MALLOC-STATS lists no opt.* line: the allocator's options cannot be read back");
        }
        for (final String line : console.split("\r?\n"))
        {
            final int at = line.indexOf(INVALID_PAIR);
            if (at >= 0)
            {
                mismatches.add("jemalloc refused '" + line.substring(at + INVALID_PAIR.length()).strip()
                    + "' (Invalid conf pair) and kept its default");
            }
        }
        requested.forEach((name, asked) ->
        {
            final String actual = inForce.get(name);
            if (inForce.isEmpty())
            {
                return;
            }
            if (actual == null)
            {
                mismatches.add(name + ": not an option of this jemalloc (no opt." + name + " in MEMORY MALLOC-STATS)");
            }
            else if (!same(asked, actual))
            {
                mismatches.add(name + ": asked " + (asked.isEmpty() ? "(no value)" : asked) + ", in force " + actual);
            }
        });
        return new Readback(envVar, requested, inForce, List.copyOf(mismatches));
    }

    static boolean same(final String asked, final String actual)
    {
        final String a = asked.strip().toLowerCase(Locale.ROOT);
        final String b = actual.strip().toLowerCase(Locale.ROOT);
        if (a.equals(b))
        {
            return true;
        }
        try
        {
            return Long.parseLong(a) == Long.parseLong(b);
        }
        catch (final NumberFormatException notNumbers)
        {
            return false;
        }
    }
}
