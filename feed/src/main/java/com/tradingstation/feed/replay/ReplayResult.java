package com.tradingstation.feed.replay;

import com.tradingstation.feed.binance.MalformedReason;
import com.tradingstation.feed.json.JsonWriter;

import java.util.List;
import java.util.Map;

/**
 * What a replay produced: per-symbol reports and session totals.
 *
 * @param symbols           per-instrument end state, in instrument id order.
 * @param messages          messages read (lines with a message).
 * @param bytes             plain bytes read.
 * @param elapsedNanos      wall time of the replay.
 * @param malformedByReason malformed messages per reason label (only non-zero reasons).
 * @param unknownEvents     well-formed messages of unhandled event types.
 * @param unknownFields     unknown fields skipped.
 * @param readErrors        files that could not be read to the end, with the reason.
 */
public record ReplayResult(
    List<SymbolReport> symbols, long messages, long bytes, long elapsedNanos,
    Map<String, Long> malformedByReason, long unknownEvents, long unknownFields, List<String> readErrors)
{
    /** @return malformed messages, every reason. */
    public long malformedTotal()
    {
        return malformedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * @return true when every symbol replayed with no gap and no crossed book, every file was read
     * to its end and no message was malformed.
     */
    public boolean clean()
    {
        return readErrors.isEmpty() && malformedTotal() == 0 &&
            symbols.stream().allMatch(s -> s.gaps() == 0 && s.crossed() == 0);
    }

    /**
     * @param reason a reason.
     * @return its count.
     */
    public long malformed(final MalformedReason reason)
    {
        return malformedByReason.getOrDefault(reason.label(), 0L);
    }

    /**
     * @return the result as one JSON object.
     */
    public String toJson()
    {
        final JsonWriter w = new JsonWriter();
        w.beginObject().name("symbols").beginArray();
        for (final SymbolReport s : symbols)
        {
            s.writeJson(w);
        }
        w.endArray();
        w.field("messages", messages).field("bytes", bytes).field("elapsedMs", elapsedNanos / 1_000_000);
        w.name("malformed").beginObject();
        for (final Map.Entry<String, Long> e : malformedByReason.entrySet())
        {
            w.field(e.getKey(), e.getValue());
        }
        w.endObject();
        w.field("unknownEvents", unknownEvents).field("unknownFields", unknownFields);
        w.name("readErrors").beginArray();
        for (final String e : readErrors)
        {
            w.value(e);
        }
        w.endArray().field("clean", clean()).endObject();
        return w.toString();
    }
}
