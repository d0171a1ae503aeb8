package com.tradingstation.ops.alloc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The variants of the original's MALLOC_CONF matrix, and the {@code NAME=MALLOC_CONF} file format for
 * others. Stateless.
 */
public final class Variants
{
    private Variants()
    {
    }

    /**
     * @return A (control, unset), B (dirty_decay_ms:3000,muzzy_decay_ms:0), C (dirty_decay_ms:3000,
     *     background_thread:true), D (metadata_thp:auto + B), E (narenas:1), as the original's matrix
     */
    public static List<Variant> defaults()
    {
        return List.of(
            new Variant("A", "", "control: jemalloc's and Redis's defaults"),
            new Variant("B", "dirty_decay_ms:3000,muzzy_decay_ms:0", "reduce stale page retention"),
            new Variant("C", "dirty_decay_ms:3000,background_thread:true", "asynchronous reclaim: does it add jitter?"),
            new Variant("D", "metadata_thp:auto,dirty_decay_ms:3000,muzzy_decay_ms:0",
                "B with transparent huge pages for allocator metadata"),
            new Variant("E", "narenas:1", "one arena: prove Redis's single thread gains nothing"));
    }

    /**
     * Parses variant lines: {@code NAME=MALLOC_CONF} (value may be empty), blank lines and {@code #}
     * comments ignored; a trailing {@code # text} after the value becomes the purpose.
     *
     * @param lines the file's lines.
     * @return the variants in file order.
     * @throws IllegalArgumentException one line naming the line number, on a malformed line, a bad name,
     *     a repeated name or fewer than two variants
     */
    public static List<Variant> parse(final List<String> lines)
    {
        final List<Variant> out = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            final int eq = line.indexOf('=');
            if (eq <= 0)
            {
                throw new IllegalArgumentException("variants line " + (i + 1) + ": expected NAME=MALLOC_CONF, got '"
                    + line + "'");
            }
            final String name = line.substring(0, eq).strip();
            String conf = line.substring(eq + 1);
            String purpose = "";
            final int hash = conf.indexOf('#');
            if (hash >= 0)
            {
                purpose = conf.substring(hash + 1).strip();
                conf = conf.substring(0, hash);
            }
            final Variant v;
            try
            {
                v = new Variant(name, conf.strip(), purpose);
            }
            catch (final IllegalArgumentException e)
            {
                throw new IllegalArgumentException("variants line " + (i + 1) + ": " + e.getMessage(), e);
            }
            if (!names.add(name))
            {
                throw new IllegalArgumentException("variants line " + (i + 1) + ": variant " + name + " given twice");
            }
            out.add(v);
        }
        if (out.size() < 2)
        {
            throw new IllegalArgumentException("need at least two variants (a baseline and one to compare), got "
                + out.size());
        }
        return List.copyOf(out);
    }
}
