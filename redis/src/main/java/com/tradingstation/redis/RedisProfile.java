package com.tradingstation.redis;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The station's low-latency ("HFT") Redis profile, defined once: the private redis-server's command
 * line ({@link ManagedRedis}), the committed {@code deploy/redis/redis-hft.conf} ({@link #toConf()})
 * and {@code station redis-profile}'s check of a running server all read it from here. Immutable.
 *
 * <p>One database, no persistence (neither RDB snapshots, which fork and copy pages under load, nor
 * the AOF, which fsyncs), {@code hz 8} (background tasks eight times a second: no measured effect on the
 * round trip, less CPU), TCP keepalive 30 s, bounded memory with LRU eviction, and the latency monitor
 * on. Every setting but {@code databases} can be changed on a running server with {@code CONFIG SET};
 * {@code databases} only by the configuration file or the command line and a restart.
 *
 * @param settings the settings, in the order they are written.
 */
public record RedisProfile(List<Setting> settings)
{
    /** maxmemory when none is given. */
    public static final String DEFAULT_MAXMEMORY = "1gb";

    /**
     * {@code latency-monitor-threshold} of the profile, in milliseconds: events at least this long are
     * recorded. Ten milliseconds is far beyond any healthy command of the station (microseconds) yet
     * above the few-millisecond scheduler stalls a shared virtual machine shows routinely, which would
     * otherwise be recorded, and reported by {@code station health}, all day.
     */
    public static final int LATENCY_MONITOR_THRESHOLD_MS = 10;

    /**
     * One setting.
     *
     * @param name    the redis.conf directive and CONFIG parameter.
     * @param value   its value in the profile ({@code ""} for none, as {@code save ""}).
     * @param runtime true when {@code CONFIG SET} changes it on a running server; false when it needs the
     *                configuration file and a restart.
     * @param why     why the profile sets it so.
     */
    public record Setting(String name, String value, boolean runtime, String why)
    {
        /**
         * @param actual the value {@code CONFIG GET} returned, or null when the server did not report it.
         * @return true when the server runs the profile's value (memory sizes compared in bytes).
         */
        public boolean matches(final String actual)
        {
            if (actual == null)
            {
                return false;
            }
            if (name.equals("maxmemory"))
            {
                return bytes(value) == bytes(actual);
            }
            return value.equalsIgnoreCase(actual.strip());
        }

        /** @return the value as redis.conf and CONFIG SET write it ({@code ""} quoted). */
        public String quoted()
        {
            return value.isEmpty() ? "\"\"" : value;
        }
    }

    /**
     * @param maxmemory the memory cap, in Redis's units ({@code 256mb}, {@code 1gb}, bytes).
     * @return the profile.
     * @throws IllegalArgumentException one line when maxmemory is not a Redis memory size.
     */
    public static RedisProfile hft(final String maxmemory)
    {
        final String cap = Objects.requireNonNull(maxmemory, "maxmemory").strip().toLowerCase(Locale.ROOT);
        if (bytes(cap) <= 0)
        {
            throw new IllegalArgumentException("maxmemory '" + maxmemory
                + "' is not a Redis memory size above 0 (e.g. 256mb, 1gb, 1073741824)");
        }
        return new RedisProfile(List.of(
            new Setting("databases", "1", false, "the station uses database 0 only"),
            new Setting("tcp-keepalive", "30", true, "dead peers are found within a minute"),
            new Setting("hz", "8", true, "background tasks 8 times a second: no measured effect on RTT, less CPU"),
            new Setting("maxmemory", cap, true, "an uncapped Redis grows until the host swaps"),
            // The station's keys are derived market data, re-written continuously, so evicting the
            // least recently used is the safe failure mode when memory runs out. The volatile-*
            // policies would evict nothing because the keys carry no TTL, and noeviction would turn
            // a full Redis into failed writes on the hot path.
            new Setting("maxmemory-policy", "allkeys-lru", true,
                "station keys carry no TTL: volatile-* would evict nothing, noeviction fails writes"),
            new Setting("latency-monitor-threshold", Integer.toString(LATENCY_MONITOR_THRESHOLD_MS), true,
                "LATENCY LATEST and DOCTOR record events of at least this many ms"),
            new Setting("save", "", true, "no RDB snapshots: they fork and copy pages under load"),
            new Setting("appendonly", "no", true, "no AOF: its fsyncs and rewrites stall the main thread")));
    }

    /**
     * @param name a setting's name.
     * @return the setting.
     * @throws IllegalArgumentException when the profile has no such setting.
     */
    public Setting setting(final String name)
    {
        return settings.stream().filter(s -> s.name().equals(name)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("the profile has no setting " + name));
    }

    /** @return the settings as redis-server arguments: {@code --databases 1 --tcp-keepalive 30 ...}. */
    public List<String> arguments()
    {
        return settings.stream().flatMap(s -> java.util.stream.Stream.of("--" + s.name(), s.value())).toList();
    }

    /** @return the profile as a redis.conf fragment, one commented directive per setting. */
    public String toConf()
    {
        final StringBuilder sb = new StringBuilder(1024)
            .append("# The station's low-latency Redis profile (com.tradingstation.redis.RedisProfile, which renders\n")
            .append("# this file; a test fails when the two differ). Include it from redis.conf or append it.\n")
            .append("# maxmemory is the default; size it to the host.\n");
        for (final Setting s : settings)
        {
            sb.append('\n').append("# ").append(s.why()).append(s.runtime() ? "" :
                " (CONFIG SET cannot change it: restart with this file)").append('\n')
                .append(s.name()).append(' ').append(s.quoted()).append('\n');
        }
        return sb.toString();
    }

    /**
     * A memory size the way Redis reads one: bytes, or a number with {@code k}/{@code m}/{@code g}
     * (powers of 1000) or {@code kb}/{@code mb}/{@code gb} (powers of 1024), case-insensitive.
     *
     * @param size e.g. {@code 1gb}, {@code 1073741824}.
     * @return the bytes, or -1 when it is not a size.
     */
    public static long bytes(final String size)
    {
        final String s = size.strip().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < s.length() && Character.isDigit(s.charAt(end)))
        {
            end++;
        }
        if (end == 0 || end > 18)
        {
            return -1;
        }
        final long n = Long.parseLong(s.substring(0, end));
        final long unit = switch (s.substring(end))
        {
            case "", "b" -> 1;
            case "k" -> 1000L;
            case "kb" -> 1024L;
            case "m" -> 1000L * 1000;
            case "mb" -> 1024L * 1024;
            case "g" -> 1000L * 1000 * 1000;
            case "gb" -> 1024L * 1024 * 1024;
            default -> -1;
        };
        return unit < 0 || n > Long.MAX_VALUE / unit ? -1 : n * unit;
    }
}
