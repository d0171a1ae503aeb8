package com.tradingstation.ops;

import com.tradingstation.json.JsonWriter;
import com.tradingstation.redis.RedisConnector;
import com.tradingstation.redis.RedisEndpoint;
import com.tradingstation.redis.RedisFailure;
import com.tradingstation.redis.RedisProfile;
import com.tradingstation.redis.RedisUnavailableException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code station redis-profile}: a running Redis's settings against {@link RedisProfile}, read with
 * {@code CONFIG GET}, and, when asked, {@code CONFIG SET} for every difference a running server can
 * take. Immutable; built by {@link #check} or {@link #apply}.
 *
 * @param address host:port of the Redis.
 * @param rows    every setting of the profile, as the server runs it (after the changes, if applied).
 * @param changes what {@link #apply} set, in order; empty for a check.
 * @param applied true when built by {@link #apply}.
 */
public record RedisProfileCheck(String address, List<Row> rows, List<Change> changes, boolean applied)
{
    /** How a setting compares. */
    public enum Status
    {
        /** The server runs the profile's value. */
        OK,
        /** It differs and {@code CONFIG SET} can change it. */
        DIFFERS,
        /** It differs and only the configuration file and a restart can change it. */
        NOT_SETTABLE;

        /** @return {@code ok}, {@code differs} or {@code not-settable}. */
        public String text()
        {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One setting.
     *
     * @param setting the profile's setting.
     * @param actual  what CONFIG GET returned, or null when the server does not have it.
     * @param status  how the two compare.
     */
    public record Row(RedisProfile.Setting setting, String actual, Status status)
    {
    }

    /**
     * One CONFIG SET.
     *
     * @param name  the setting.
     * @param from  the value before.
     * @param to    the value set.
     * @param error null when the server took it, else its error reply.
     */
    public record Change(String name, String from, String to, String error)
    {
    }

    /**
     * @param endpoint the Redis.
     * @param profile  the profile to compare with.
     * @return the comparison.
     * @throws RedisUnavailableException when Redis cannot be reached, or refuses CONFIG (renamed, ACL).
     */
    public static RedisProfileCheck check(final RedisEndpoint endpoint, final RedisProfile profile)
        throws RedisUnavailableException
    {
        return run(endpoint, profile, false);
    }

    /**
     * Sets every setting that differs and can be set at runtime, then reads them all again.
     *
     * @param endpoint the Redis.
     * @param profile  the profile to apply.
     * @return the settings after the changes, and the changes.
     * @throws RedisUnavailableException when Redis cannot be reached, or refuses CONFIG (renamed, ACL).
     */
    public static RedisProfileCheck apply(final RedisEndpoint endpoint, final RedisProfile profile)
        throws RedisUnavailableException
    {
        return run(endpoint, profile, true);
    }

    private static RedisProfileCheck run(final RedisEndpoint endpoint, final RedisProfile profile,
        final boolean apply) throws RedisUnavailableException
    {
        try (Jedis j = RedisConnector.connect(endpoint))
        {
            List<Row> rows = read(j, profile);
            final List<Change> changes = new ArrayList<>();
            if (apply)
            {
                for (final Row r : rows)
                {
                    if (r.status() == Status.DIFFERS)
                    {
                        changes.add(set(j, r));
                    }
                }
                rows = read(j, profile);
            }
            return new RedisProfileCheck(endpoint.address(), rows, List.copyOf(changes), apply);
        }
        catch (final JedisDataException refused)
        {
            throw new RedisUnavailableException(RedisFailure.OTHER, "Redis at " + endpoint.address()
                + " refused CONFIG (renamed, or not allowed to this user by its ACL): "
                + refused.getMessage().strip(), refused);
        }
        catch (final RuntimeException ex)
        {
            throw RedisConnector.classify(endpoint, ex);
        }
    }

    private static List<Row> read(final Jedis j, final RedisProfile profile)
    {
        final List<Row> rows = new ArrayList<>();
        for (final RedisProfile.Setting s : profile.settings())
        {
            final Map<String, String> got = j.configGet(s.name());
            final String actual = got.get(s.name());
            final Status status = s.matches(actual) ? Status.OK : s.runtime() ? Status.DIFFERS : Status.NOT_SETTABLE;
            rows.add(new Row(s, actual, status));
        }
        return List.copyOf(rows);
    }

    private static Change set(final Jedis j, final Row r)
    {
        final RedisProfile.Setting s = r.setting();
        try
        {
            j.configSet(s.name(), s.value());
            return new Change(s.name(), r.actual(), s.value(), null);
        }
        catch (final JedisDataException ex)
        {
            final String reply = String.valueOf(ex.getMessage()).strip();
            if (reply.startsWith("NOPERM") || reply.toLowerCase(Locale.ROOT).startsWith("err unknown command"))
            {
                throw ex;
            }
            return new Change(s.name(), r.actual(), s.value(), reply);
        }
    }

    /** @return true when every setting is the profile's. */
    public boolean allOk()
    {
        return rows.stream().allMatch(r -> r.status() == Status.OK);
    }

    /** @return true when no setting that CONFIG SET could change differs (a restart may still be needed). */
    public boolean settableMatch()
    {
        return rows.stream().noneMatch(r -> r.status() == Status.DIFFERS);
    }

    /** @return the JSON object (schema station.redis-profile/1). */
    public String toJson()
    {
        final JsonWriter w = new JsonWriter().beginObject().field("schema", "station.redis-profile/1")
            .field("address", address).field("applied", applied).field("all_ok", allOk())
            .field("settable_match", settableMatch());
        w.name("settings").beginArray();
        for (final Row r : rows)
        {
            w.beginObject().field("name", r.setting().name()).field("expected", r.setting().value())
                .field("actual", r.actual()).field("status", r.status().text())
                .field("runtime_settable", r.setting().runtime()).endObject();
        }
        w.endArray().name("changes").beginArray();
        for (final Change c : changes)
        {
            w.beginObject().field("name", c.name()).field("from", c.from()).field("to", c.to())
                .field("ok", c.error() == null).field("error", c.error()).endObject();
        }
        w.endArray().name("restart_needed").beginArray();
        rows.stream().filter(r -> r.status() == Status.NOT_SETTABLE).forEach(r -> w.value(r.setting().name()));
        return w.endArray().endObject().toString();
    }

    /** @return human lines: one per setting, then the changes and what needs a restart. */
    public String toText()
    {
        final StringBuilder sb = new StringBuilder(512);
        sb.append("Redis ").append(address).append(applied ? ": profile applied" : ": profile check").append('\n');
        sb.append(String.format(Locale.ROOT, "  %-26s %-14s %-14s %s%n", "SETTING", "EXPECTED", "ACTUAL", "STATUS"));
        for (final Row r : rows)
        {
            sb.append(String.format(Locale.ROOT, "  %-26s %-14s %-14s %s%n", r.setting().name(), r.setting().quoted(),
                r.actual() == null ? "(not reported)" : r.actual().isEmpty() ? "\"\"" : r.actual(), r.status().text()));
        }
        for (final Change c : changes)
        {
            sb.append(c.error() == null ? "  set " : "  could not set ").append(c.name()).append(' ')
                .append(c.from()).append(" -> ").append(c.to().isEmpty() ? "\"\"" : c.to())
                .append(c.error() == null ? "" : ": " + c.error()).append('\n');
        }
        for (final Row r : rows)
        {
            if (r.status() == Status.NOT_SETTABLE)
            {
                sb.append("  needs a restart: ").append(r.setting().name()).append(' ').append(r.setting().quoted())
                    .append(" (CONFIG SET cannot change it; put it in redis.conf, see deploy/redis/redis-hft.conf)\n");
            }
        }
        return sb.toString();
    }
}
