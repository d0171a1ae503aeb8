package com.tradingstation.feed.pipeline;

import com.tradingstation.feed.binance.MalformedReason;
import com.tradingstation.json.JsonWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a run of the {@link StationPipeline} produced, from files or a live session: per-symbol
 * reports and session totals.
 *
 * @param symbols           per-instrument end state, in instrument id order.
 * @param messages          messages read (lines with a message).
 * @param bytes             plain bytes read.
 * @param elapsedNanos      wall time of the run.
 * @param malformedByReason malformed messages per reason label (only non-zero reasons).
 * @param unknownEvents     well-formed messages of unhandled event types.
 * @param unknownFields     unknown fields skipped.
 * @param readErrors        files that could not be read to the end, with the reason.
 * @param numberRejects     prices and quantities rejected, per {@code ParseError} label (only non-zero).
 * @param unlisted          messages skipped because their symbol is not on the allow-list.
 */
public record PipelineResult(
    List<SymbolReport> symbols, long messages, long bytes, long elapsedNanos,
    Map<String, Long> malformedByReason, long unknownEventCount, long unknownFieldCount, List<String> readErrors,
    Map<String, Long> numberRejects, long unlisted)
{
    /** @return malformed messages, every reason. */
    public long malformedTotal()
    {
        return malformedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * @return true when at least one book was built, every symbol ended LIVE with no gap and no
     * crossed book, every file was read to its end and no message was malformed.
     */
    public boolean clean()
    {
        return problems().isEmpty();
    }

    /**
     * @return why the run is not clean, one line each (empty when it is).
     */
    public List<String> problems()
    {
        final List<String> out = new ArrayList<>();
        out.addAll(readErrors);
        if (malformedTotal() > 0)
        {
            out.add(malformedTotal() + " malformed message(s): " + malformedByReason +
                (numberRejects.isEmpty() ? "" : ", numbers " + numberRejects));
        }
        if (symbols.isEmpty())
        {
            out.add("no instrument reached the books" + (unlisted > 0 ? " (" + unlisted +
                " message(s) of symbols not on the allow-list)" : ""));
        }
        for (final SymbolReport s : symbols)
        {
            final String name = s.venue() + ":" + s.symbol();
            if (s.gapCount() > 0)
            {
                out.add(name + ": " + s.gapCount() + " sequence gap(s)");
            }
            if (s.crossedCount() > 0)
            {
                out.add(name + ": crossed " + s.crossedCount() + " time(s)");
            }
            if (!s.live())
            {
                out.add(name + " ended " + s.state() + ": " + s.notLiveReason());
            }
        }
        return out;
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
        w.field("unknownEvents", unknownEventCount).field("unknownFields", unknownFieldCount);
        w.name("readErrors").beginArray();
        for (final String e : readErrors)
        {
            w.value(e);
        }
        w.endArray();
        w.name("numberRejects").beginObject();
        for (final Map.Entry<String, Long> e : numberRejects.entrySet())
        {
            w.field(e.getKey(), e.getValue());
        }
        w.endObject();
        w.field("unlisted", unlisted);
        w.field("clean", clean());
        w.name("problems").beginArray();
        for (final String p : problems())
        {
            w.value(p);
        }
        w.endArray().endObject();
        return w.toString();
    }
}
