package com.tradingstation.ops;

import com.tradingstation.json.JsonReader;
import com.tradingstation.json.JsonWriter;
import com.tradingstation.redis.RedisConnector;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisUnavailableException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.SafeEncoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code station health}: what an operator checks before and during trading, from one INFO, LATENCY
 * LATEST and LATENCY DOCTOR, plus the running station's /status. {@link #problems()} lists what
 * should make the command exit non-zero. Immutable; built by {@link #collect}.
 *
 * @param address       host:port of the Redis.
 * @param info          the INFO reply.
 * @param latencyEvents LATENCY LATEST as {@code event latest_ms max_ms} triples.
 * @param doctor        the LATENCY DOCTOR text.
 * @param station       the station's /status probe.
 */
public record HealthReport(String address, RedisInfo info, List<LatencyEvent> latencyEvents, String doctor,
    StationStatusProbe.Result station)
{
    /** Used memory above this share of maxmemory is a problem (evictions are near). */
    public static final double MEMORY_HIGH_WATER = 0.9;

    /**
     * One LATENCY LATEST row.
     *
     * @param event     e.g. {@code command}, {@code fast-command}, {@code fork}.
     * @param latestMs  the latest spike.
     * @param maxMs     the largest spike since the server started or the event was reset.
     */
    public record LatencyEvent(String event, long latestMs, long maxMs)
    {
    }

    /**
     * @param endpoint the Redis.
     * @param station  the station's /status probe (already fetched).
     * @return the report.
     * @throws RedisUnavailableException when Redis cannot be reached.
     */
    public static HealthReport collect(final RedisEndpoint endpoint, final StationStatusProbe.Result station)
        throws RedisUnavailableException
    {
        try (Jedis j = RedisConnector.connect(endpoint))
        {
            final RedisInfo info = RedisInfo.parse(j.info("everything"));
            final List<LatencyEvent> events = new ArrayList<>();
            String doctor;
            try
            {
                for (final Object row : (List<?>)j.sendCommand(Protocol.Command.LATENCY, SafeEncoder.encode("LATEST")))
                {
                    final List<?> r = (List<?>)row;
                    events.add(new LatencyEvent(SafeEncoder.encode((byte[])r.get(0)), (Long)r.get(2), (Long)r.get(3)));
                }
                doctor = SafeEncoder.encode((byte[])j.sendCommand(Protocol.Command.LATENCY,
                    SafeEncoder.encode("DOCTOR")));
            }
            catch (final JedisDataException ex)
            {
                doctor = "LATENCY refused: " + ex.getMessage();
            }
            return new HealthReport(endpoint.address(), info, List.copyOf(events), doctor.strip(), station);
        }
        catch (final RuntimeException ex)
        {
            throw RedisConnector.classify(endpoint, ex);
        }
    }

    /** @return one line summarizing LATENCY DOCTOR / LATEST. */
    public String latencySummary()
    {
        if (doctor.contains("monitoring is disabled"))
        {
            return "latency monitor disabled (latency-monitor-threshold 0): no spike history";
        }
        if (doctor.startsWith("LATENCY refused"))
        {
            return doctor;
        }
        if (latencyEvents.isEmpty())
        {
            return "no latency spikes recorded";
        }
        final StringBuilder sb = new StringBuilder(latencyEvents.size() + " event type(s) with spikes:");
        for (final LatencyEvent e : latencyEvents)
        {
            sb.append(' ').append(e.event()).append(" latest ").append(e.latestMs()).append(" ms max ")
                .append(e.maxMs()).append(" ms;");
        }
        return sb.substring(0, sb.length() - 1);
    }

    /** @return what is wrong, one line each; empty when healthy. */
    public List<String> problems()
    {
        final List<String> p = new ArrayList<>();
        final String role = info.text("role");
        if (!"master".equals(role))
        {
            p.add("role is " + role + ": the station writes, a replica refuses writes");
        }
        if (info.number("evicted_keys") > 0)
        {
            p.add(info.number("evicted_keys") + " keys evicted: memory reached maxmemory");
        }
        if (info.number("rejected_connections") > 0)
        {
            p.add(info.number("rejected_connections") + " connections rejected (maxclients reached)");
        }
        final long max = info.number("maxmemory");
        final long used = info.number("used_memory");
        if (max > 0 && used > max * MEMORY_HIGH_WATER)
        {
            p.add(String.format(Locale.ROOT, "used memory %d B is over %.0f%% of maxmemory %d B", used,
                MEMORY_HIGH_WATER * 100, max));
        }
        if (!latencyEvents.isEmpty())
        {
            p.add(latencySummary());
        }
        if (station.running())
        {
            final Object errors = JsonReader.at(station.status(), "sink.errors");
            final Object connected = JsonReader.at(station.status(), "sink.connected");
            if (errors instanceof Double d && d > 0)
            {
                p.add("station sink reports " + d.longValue() + " Redis errors");
            }
            if (Boolean.FALSE.equals(connected) && "running".equals(station.status().get("state")))
            {
                p.add("station sink is not connected to Redis");
            }
        }
        return p;
    }

    /** @return the JSON object (schema station.health/1). */
    public String toJson()
    {
        final JsonWriter w = new JsonWriter().beginObject().field("schema", "station.health/1")
            .field("reachable", true).field("address", address)
            .field("version", info.text("redis_version")).field("allocator", info.text("mem_allocator"))
            .field("role", info.text("role")).field("uptime_seconds", info.number("uptime_in_seconds"))
            .field("connected_clients", info.number("connected_clients"))
            .field("blocked_clients", info.number("blocked_clients"))
            .field("used_memory_bytes", info.number("used_memory"))
            .field("used_memory_mb", LatencyStats.round(info.number("used_memory") / ServerStats.BYTES_PER_MB))
            .field("maxmemory_bytes", info.number("maxmemory"))
            .field("maxmemory_policy", info.text("maxmemory_policy"))
            .field("mem_fragmentation_ratio", info.ratio("mem_fragmentation_ratio"))
            .field("allocator_frag_ratio", info.ratio("allocator_frag_ratio"))
            .field("evicted_keys", info.number("evicted_keys"))
            .field("rejected_connections", info.number("rejected_connections"))
            .field("ops_per_sec", info.number("instantaneous_ops_per_sec"))
            .field("latency_summary", latencySummary())
            .field("latency_doctor", doctor);
        w.name("latency_events").beginArray();
        for (final LatencyEvent e : latencyEvents)
        {
            w.beginObject().field("event", e.event()).field("latest_ms", e.latestMs()).field("max_ms", e.maxMs())
                .endObject();
        }
        w.endArray();
        w.name("station").beginObject().field("running", station.running()).field("url", station.url())
            .field("message", station.message());
        if (station.running())
        {
            w.name("status");
            writeValue(w, station.status());
        }
        w.endObject();
        w.name("problems").beginArray();
        problems().forEach(w::value);
        w.endArray();
        return w.endObject().toString();
    }

    /** Whole numbers as integers, the way the station wrote them. */
    private static String compactJson(final Object value)
    {
        final JsonWriter w = new JsonWriter();
        writeValue(w, value);
        return w.toString();
    }

    @SuppressWarnings("unchecked")
    private static void writeValue(final JsonWriter w, final Object v)
    {
        if (v instanceof Map<?, ?> m)
        {
            w.beginObject();
            for (final Map.Entry<String, Object> e : ((Map<String, Object>)m).entrySet())
            {
                w.name(e.getKey());
                writeValue(w, e.getValue());
            }
            w.endObject();
        }
        else if (v instanceof List<?> l)
        {
            w.beginArray();
            l.forEach(x -> writeValue(w, x));
            w.endArray();
        }
        else if (v instanceof Double d)
        {
            if (d == Math.rint(d) && Math.abs(d) < 1e15)
            {
                w.value(d.longValue());
            }
            else
            {
                w.value(d);
            }
        }
        else if (v instanceof Boolean b)
        {
            w.value(b);
        }
        else
        {
            w.value(v == null ? null : v.toString());
        }
    }

    /** @return human lines. */
    public String toText()
    {
        final StringBuilder sb = new StringBuilder(1024);
        sb.append(String.format(Locale.ROOT, "Redis %s: reachable, version %s, allocator %s, role %s, up %s%n", address,
            info.text("redis_version"), info.text("mem_allocator"), info.text("role"),
            uptime(info.number("uptime_in_seconds"))));
        sb.append(String.format(Locale.ROOT, "  clients %d (blocked %d), rejected connections %d%n",
            info.number("connected_clients"), info.number("blocked_clients"), info.number("rejected_connections")));
        sb.append(String.format(Locale.ROOT,
            "  memory %.2f MB used of maxmemory %s (%s), fragmentation %.2f, allocator %.2f, evicted keys %d%n",
            info.number("used_memory") / ServerStats.BYTES_PER_MB,
            info.number("maxmemory") > 0
            ? String.format(Locale.ROOT, "%.0f MB", info.number("maxmemory") / ServerStats.BYTES_PER_MB) : "unlimited",
            info.text("maxmemory_policy"), info.ratio("mem_fragmentation_ratio"), info.ratio("allocator_frag_ratio"),
            info.number("evicted_keys")));
        sb.append(String.format(Locale.ROOT, "  ops/sec %,d (instantaneous_ops_per_sec)%n",
            info.number("instantaneous_ops_per_sec")));
        sb.append("  latency: ").append(latencySummary()).append('\n');
        if (station.running())
        {
            sb.append("  station ").append(station.url()).append(": ").append(station.status().get("state"))
                .append(", sink ").append(compactJson(JsonReader.at(station.status(), "sink"))).append('\n');
        }
        else
        {
            sb.append("  station: not running (").append(station.message()).append(")\n");
        }
        final List<String> p = problems();
        sb.append(p.isEmpty() ? "healthy\n" : "PROBLEMS:\n");
        p.forEach(x -> sb.append("  - ").append(x).append('\n'));
        return sb.toString();
    }

    private static String uptime(final long s)
    {
        return s < 0 ? "?"
            : String.format(Locale.ROOT, "%dd %02dh %02dm %02ds", s / 86400, s / 3600 % 24, s / 60 % 60, s % 60);
    }
}
