package com.tradingstation.sim;

import com.tradingstation.json.JsonWriter;

import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of everything the simulator did, from {@link ExchangeSimulator#stats()}
 * (any thread). Counters are read one by one while the server runs, so a snapshot taken mid-run
 * is consistent per counter, not across counters. {@link #toJson()} is what {@code GET /sim/stats}
 * and {@code station exchange-sim --json} print.
 *
 * @param timeline    timeline progress.
 * @param connections connection totals.
 * @param connectionDetails every connection ever accepted, by id.
 * @param symbols     per served symbol.
 * @param rest        REST requests, weights and rejections.
 * @param pings       ping / pong accounting.
 * @param faults      injected faults.
 */
public record SimStats(
    Timeline timeline,
    Connections connections,
    List<Connection> connectionDetails,
    List<Symbol> symbols,
    Rest rest,
    Pings pings,
    Faults faults)
{
    /**
     * @param started    the first subscription started it.
     * @param finished   every line was sent.
     * @param linesSent  lines processed so far (streamed or applied to the reference book).
     * @param linesTotal lines in all sessions.
     * @param speed      configured speed (0 = as fast as possible).
     */
    public record Timeline(boolean started, boolean finished, long linesSent, long linesTotal, double speed)
    {
    }

    /**
     * @param opened           WebSocket connections accepted.
     * @param open             currently open.
     * @param closedByReason   closes by reason: client, max-age, disconnect-fault, shutdown, pong-timeout,
     *                         limit, protocol, server-stop.
     * @param handshakesRefused refused upgrades by reason (bad-stream, attempt-limit, stream-limit, not-found).
     */
    public record Connections(long opened, long open, Map<String, Long> closedByReason,
        Map<String, Long> handshakesRefused)
    {
    }

    /**
     * A dropped depth diff.
     *
     * @param connectionId   the connection that did not get it.
     * @param symbol         its symbol.
     * @param firstUpdateId  its {@code U}.
     * @param lastUpdateId   its {@code u}.
     */
    public record DroppedDiff(long connectionId, String symbol, long firstUpdateId, long lastUpdateId)
    {
    }

    /**
     * @param id                 connection id (1, 2, ... in accept order).
     * @param venue              venue whose limits apply.
     * @param path               request path.
     * @param streams            current streams.
     * @param open               still open.
     * @param closeReason        why it closed, or null.
     * @param framesSent         data frames written.
     * @param framesDropped      depth diffs skipped by the drop fault.
     * @param framesStalled      frames lost while stalled.
     * @param framesBackpressure frames skipped because the socket was not writable (speed &gt; 0 only).
     * @param droppedBySymbol    dropped diffs per symbol (exact).
     * @param dropped            the dropped diffs' ids (bounded list, oldest first).
     */
    public record Connection(
        long id, String venue, String path, List<String> streams, boolean open, String closeReason, long framesSent,
        long framesDropped, long framesStalled, long framesBackpressure, Map<String, Long> droppedBySymbol,
        List<DroppedDiff> dropped)
    {
    }

    /**
     * @param venue            venue id.
     * @param symbol           symbol.
     * @param framesSent       frames of this symbol written, over all connections.
     * @param diffsSent        diffs the timeline sent (once per diff).
     * @param diffsDropped     diffs dropped by the fault, over all connections.
     * @param lastSentUpdateId {@code u} of the last diff sent.
     * @param finalUpdateId    {@code u} of the session's last diff.
     * @param tickSize         inferred tick as exchangeInfo shows it.
     * @param stepSize         inferred step as exchangeInfo shows it.
     */
    public record Symbol(
        String venue, String symbol, long framesSent, long diffsSent, long diffsDropped, long lastSentUpdateId,
        long finalUpdateId, String tickSize, String stepSize)
    {
    }

    /**
     * @param requestsByEndpoint  requests per path.
     * @param usedWeight          weight used in the current minute, per venue.
     * @param peakWeightPerMinute highest weight used in one calendar minute, per venue.
     * @param http429Sent         429 answers (weight limit, Retry-After period and the fault).
     * @param http418Sent         418 answers (ban).
     * @param http429Injected     429 answers from the every-Nth fault.
     */
    public record Rest(
        Map<String, Long> requestsByEndpoint, Map<String, Long> usedWeight, Map<String, Long> peakWeightPerMinute,
        long http429Sent, long http418Sent, long http429Injected)
    {
    }

    /**
     * @param pingsSent      pings written.
     * @param pongsReceived  pongs echoing an outstanding ping's payload.
     * @param pongMismatches pongs whose payload matched no outstanding ping.
     * @param pongTimeouts   connections closed for an unanswered ping.
     */
    public record Pings(long pingsSent, long pongsReceived, long pongMismatches, long pongTimeouts)
    {
    }

    /**
     * @param disconnects        abrupt closes.
     * @param stalls             stalls started.
     * @param serverShutdowns    serverShutdown events sent.
     * @param maxAgeCloses       connections closed at their maximum age.
     * @param diffsDropped       depth diffs dropped, all connections.
     * @param delayedSnapshots   depth answers delayed.
     */
    public record Faults(
        long disconnects, long stalls, long serverShutdowns, long maxAgeCloses, long diffsDropped,
        long delayedSnapshots)
    {
    }

    /**
     * @return one JSON object with every field (allocates; not for a hot path).
     */
    public String toJson()
    {
        final JsonWriter w = new JsonWriter();
        w.beginObject();
        w.name("timeline").beginObject()
            .field("started", timeline.started).field("finished", timeline.finished)
            .field("linesSent", timeline.linesSent).field("linesTotal", timeline.linesTotal)
            .field("speed", timeline.speed).endObject();
        w.name("connections").beginObject()
            .field("opened", connections.opened).field("open", connections.open);
        map(w, "closedByReason", connections.closedByReason);
        map(w, "handshakesRefused", connections.handshakesRefused);
        w.endObject();
        w.name("connectionDetails").beginArray();
        for (final Connection c : connectionDetails)
        {
            w.beginObject().field("id", c.id).field("venue", c.venue).field("path", c.path);
            w.name("streams").beginArray();
            for (final String s : c.streams)
            {
                w.value(s);
            }
            w.endArray();
            w.field("open", c.open);
            if (c.closeReason != null)
            {
                w.field("closeReason", c.closeReason);
            }
            w.field("framesSent", c.framesSent).field("framesDropped", c.framesDropped)
                .field("framesStalled", c.framesStalled).field("framesBackpressure", c.framesBackpressure);
            map(w, "droppedBySymbol", c.droppedBySymbol);
            w.name("dropped").beginArray();
            for (final DroppedDiff d : c.dropped)
            {
                w.beginObject().field("symbol", d.symbol).field("U", d.firstUpdateId).field("u", d.lastUpdateId)
                    .endObject();
            }
            w.endArray().endObject();
        }
        w.endArray();
        w.name("symbols").beginArray();
        for (final Symbol s : symbols)
        {
            w.beginObject().field("venue", s.venue).field("symbol", s.symbol).field("framesSent", s.framesSent)
                .field("diffsSent", s.diffsSent).field("diffsDropped", s.diffsDropped)
                .field("lastSentUpdateId", s.lastSentUpdateId).field("finalUpdateId", s.finalUpdateId)
                .field("tickSize", s.tickSize).field("stepSize", s.stepSize).endObject();
        }
        w.endArray();
        w.name("rest").beginObject();
        map(w, "requestsByEndpoint", rest.requestsByEndpoint);
        map(w, "usedWeight", rest.usedWeight);
        map(w, "peakWeightPerMinute", rest.peakWeightPerMinute);
        w.field("http429Sent", rest.http429Sent).field("http418Sent", rest.http418Sent)
            .field("http429Injected", rest.http429Injected).endObject();
        w.name("pings").beginObject().field("pingsSent", pings.pingsSent).field("pongsReceived", pings.pongsReceived)
            .field("pongMismatches", pings.pongMismatches).field("pongTimeouts", pings.pongTimeouts).endObject();
        w.name("faults").beginObject().field("disconnects", faults.disconnects).field("stalls", faults.stalls)
            .field("serverShutdowns", faults.serverShutdowns).field("maxAgeCloses", faults.maxAgeCloses)
            .field("diffsDropped", faults.diffsDropped).field("delayedSnapshots", faults.delayedSnapshots).endObject();
        return w.endObject().toString();
    }

    private static void map(final JsonWriter w, final String name, final Map<String, Long> values)
    {
        w.name(name).beginObject();
        for (final Map.Entry<String, Long> e : values.entrySet())
        {
            w.field(e.getKey(), e.getValue());
        }
        w.endObject();
    }
}
