package com.tradingstation.ops.fingerprint;

import com.tradingstation.json.JsonWriter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What drifted between a base fingerprint and a current one, ranked by how much it matters to
 * latency ({@link DriftWeight}): by weight, then by the order of the ranking's rules, then by key.
 * Pure; built by {@link #of}.
 *
 * @param base    the fingerprint compared against.
 * @param current the fingerprint now.
 * @param drifts  the items that differ, most important first.
 */
public record FingerprintDiff(Fingerprint base, Fingerprint current, List<Drift> drifts)
{
    /** Schema name and version of {@link #toJson()}. */
    public static final String SCHEMA = "station.fingerprint-diff/1";

    private static final int VALUE_WIDTH = 34;

    /**
     * One drifted item.
     *
     * @param key     the item.
     * @param was     its base value, or null when the base has no such item.
     * @param now     its current value, or null when it is gone.
     * @param weight  how much it matters.
     * @param why     one line on what it does to latency.
     */
    public record Drift(String key, String was, String now, DriftWeight weight, String why)
    {
        /** @return {@code changed}, {@code added} or {@code removed}. */
        public String change()
        {
            return was == null ? "added" : now == null ? "removed" : "changed";
        }
    }

    /**
     * @param base    the fingerprint compared against.
     * @param current the fingerprint now.
     * @return the ranked differences (empty when the hashes are equal).
     */
    public static FingerprintDiff of(final Fingerprint base, final Fingerprint current)
    {
        final Set<String> keys = new TreeSet<>(base.items().keySet());
        keys.addAll(current.items().keySet());
        final List<Drift> drifts = new ArrayList<>();
        for (final String k : keys)
        {
            final String was = base.items().get(k);
            final String now = current.items().get(k);
            if (was == null || !was.equals(now))
            {
                final DriftWeight.Rule rule = DriftWeight.of(k);
                drifts.add(new Drift(k, was, now, rule.weight(), rule.why()));
            }
        }
        drifts.sort(Comparator.comparing(Drift::weight).thenComparingInt(d -> ruleIndex(d.key()))
            .thenComparing(Drift::key));
        return new FingerprintDiff(base, current, List.copyOf(drifts));
    }

    private static int ruleIndex(final String key)
    {
        for (int i = 0; i < DriftWeight.RULES.size(); i++)
        {
            if (key.startsWith(DriftWeight.RULES.get(i).prefix()))
            {
                return i;
            }
        }
        return DriftWeight.RULES.size();
    }

    /** @return whether anything drifted. */
    public boolean drifted()
    {
        return !drifts.isEmpty();
    }

    /** @return one JSON object: both hashes, whether anything drifted and the ranked items. */
    public String toJson()
    {
        final JsonWriter w = new JsonWriter().beginObject().field("schema", SCHEMA);
        side(w, "base", base);
        side(w, "current", current);
        w.field("drifted", drifted()).field("count", drifts.size()).name("items").beginArray();
        for (int i = 0; i < drifts.size(); i++)
        {
            final Drift d = drifts.get(i);
            w.beginObject().field("rank", i + 1).field("key", d.key()).field("weight", d.weight().label())
                .field("change", d.change()).field("base", d.was()).field("current", d.now())
                .field("why", d.why()).endObject();
        }
        return w.endArray().endObject().toString();
    }

    private static void side(final JsonWriter w, final String name, final Fingerprint f)
    {
        w.name(name).beginObject().field("sha256", f.sha256()).field("time", f.time().toString())
            .field("host", f.host()).endObject();
    }

    /** @return a table, most important drift first, each row followed by why it matters. */
    public String toText()
    {
        final StringBuilder sb = new StringBuilder(2048);
        sb.append("base ").append(base.sha256(), 0, 12).append(" (").append(base.host()).append(", ")
            .append(base.time()).append("), now ").append(current.sha256(), 0, 12).append(" (").append(current.host())
            .append(", ").append(current.time()).append(")\n");
        if (!drifted())
        {
            return sb.append("no drift: every item is as in the base\n").toString();
        }
        sb.append(drifts.size()).append(drifts.size() == 1 ? " item drifted" : " items drifted")
            .append(", most important first:\n");
        final int keyWidth = Math.max(4, drifts.stream().mapToInt(d -> d.key().length()).max().orElse(0));
        final String row = "  %4s  %-6s  %-" + keyWidth + "s  %-" + VALUE_WIDTH + "s  %s%n";
        sb.append(String.format(row, "RANK", "WEIGHT", "ITEM", "BASE", "NOW"));
        for (int i = 0; i < drifts.size(); i++)
        {
            final Drift d = drifts.get(i);
            sb.append(String.format(row, i + 1, d.weight().label(), d.key(), shown(d.was()), shown(d.now())));
            sb.append(" ".repeat(16)).append(d.why()).append('\n');
        }
        return sb.toString();
    }

    /**
     * @param value an item's value, or null.
     * @return how the table shows it: {@code (none)} for no item, {@code ""} for empty, long values cut in the
     *         middle to the column's width.
     */
    static String shown(final String value)
    {
        if (value == null)
        {
            return "(none)";
        }
        if (value.isEmpty())
        {
            return "\"\"";
        }
        if (value.length() <= VALUE_WIDTH)
        {
            return value;
        }
        final int half = (VALUE_WIDTH - 3) / 2;
        return value.substring(0, half) + "..." + value.substring(value.length() - (VALUE_WIDTH - 3 - half));
    }
}
