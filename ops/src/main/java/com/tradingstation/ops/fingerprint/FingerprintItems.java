package com.tradingstation.ops.fingerprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the collectors of one fingerprint found: items by key (sorted) and notes. Items are the
 * settings that shape latency and are hashed; notes say why something could not be read and are
 * not hashed. Not thread-safe: one collection fills it.
 */
public final class FingerprintItems
{
    /** The value of an item whose file or reply exists but could not be read. */
    public static final String UNREADABLE = "unreadable";
    /** The value of an item whose file does not exist on this host (e.g. no cpufreq in a VM). */
    public static final String ABSENT = "absent";
    /** The value of an item whose source is not there at all (no Redis given or reachable). */
    public static final String UNAVAILABLE = "unavailable";

    private final Map<String, String> items = new TreeMap<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * @param key   dotted key; a second put of the same key replaces the first.
     * @param value the setting as text (never null: null is recorded as {@value #ABSENT}).
     * @return this.
     */
    public FingerprintItems put(final String key, final String value)
    {
        items.put(key, value == null ? ABSENT : value);
        return this;
    }

    /**
     * @param note one line on something that could not be read.
     * @return this.
     */
    public FingerprintItems note(final String note)
    {
        notes.add(note);
        return this;
    }

    /** @return the items so far, sorted by key (a copy). */
    public SortedMap<String, String> items()
    {
        return new TreeMap<>(items);
    }

    /** @return the notes so far (a copy). */
    public List<String> notes()
    {
        return List.copyOf(notes);
    }
}
