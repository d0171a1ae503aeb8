package com.tradingstation.sim;

import com.tradingstation.core.instrument.Venue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an {@link ExchangeSimulator} serves and every fault it injects. Immutable; built with
 * {@link #builder()}, which starts from the venue's defaults. Periods are in milliseconds so tests
 * can compress the venue's hours into fractions of a second; 0 switches a periodic fault off.
 *
 * @param bindAddress               address the server binds (default 127.0.0.1).
 * @param port                      port to bind, 0 for a free one.
 * @param captures                  capture sessions.
 * @param synthetics                synthetic sessions.
 * @param seed                      seed of every fault's random choices.
 * @param speed                     timeline speed: 1 recorded pace, 10 ten times faster, 0 as fast as possible.
 * @param rewriteEventTime          true to stamp the wall-clock ms into each frame's event time {@code "E"}.
 * @param dropPct                   percentage of depth diff frames skipped per connection.
 * @param disconnectEveryMs         period of the abrupt-disconnect fault, 0 off.
 * @param stallMs                   how long a stalled connection gets nothing, 0 off.
 * @param stallEveryMs              period of the stall fault.
 * @param http429Every              every Nth REST request is answered 429, 0 off.
 * @param maxConnAgeMs              connection lifetime before the server closes it (the venue's 24 h), 0 unlimited.
 * @param serverShutdownEveryMs     period of the spot serverShutdown fault, 0 off.
 * @param shutdownGraceMs           time between the serverShutdown event and the close.
 * @param snapshotDelayMs           delay added to every depth response.
 * @param pingIntervalMs            ping period for every venue, 0 for the venue's own ({@link #pingIntervalMs(Venue)}).
 * @param pongTimeoutMs             pong timeout for every venue, 0 for the venue's own ({@link #pongTimeoutMs(Venue)}).
 * @param weightLimits              REST weight per minute of the venues configured ({@link #weightLimit(Venue)}).
 * @param retryAfterAllowance       requests tolerated during an active Retry-After period before the 418 ban.
 * @param banSeconds                length of a 418 ban.
 * @param maxStreamsPerConnection   streams allowed on one connection.
 * @param maxIncomingPerSecond      incoming frames per second for every venue, 0 for the venue's own
 *                                  ({@link #maxIncomingPerSecond(Venue)}).
 * @param connectionAttemptLimit    WebSocket connection attempts allowed per window.
 * @param connectionAttemptWindowMs window of the connection-attempt limit.
 * @param maxDroppedIdsKept         dropped-diff ids kept per connection (totals are always exact).
 * @param tlsKeystore               PKCS12 keystore for TLS, or null for plain ws/http.
 * @param tlsPassword               keystore password, or null.
 */
public record SimConfig(
    String bindAddress, int port, List<CaptureGroup> captures, List<Synthetic> synthetics, long seed, double speed,
    boolean rewriteEventTime, double dropPct, long disconnectEveryMs, long stallMs, long stallEveryMs,
    int http429Every, long maxConnAgeMs, long serverShutdownEveryMs, long shutdownGraceMs, long snapshotDelayMs,
    long pingIntervalMs, long pongTimeoutMs, Map<Venue, Integer> weightLimits, int retryAfterAllowance,
    int banSeconds, int maxStreamsPerConnection, int maxIncomingPerSecond, int connectionAttemptLimit,
    long connectionAttemptWindowMs, int maxDroppedIdsKept, Path tlsKeystore, String tlsPassword)
{
    /** Default REST weight per minute on spot (the venue's REQUEST_WEIGHT limit). */
    public static final int SPOT_WEIGHT_LIMIT = 6000;
    /** Default REST weight per minute on USD-M and COIN-M. */
    public static final int FUTURES_WEIGHT_LIMIT = 2400;

    /**
     * Capture files forming one session, read in order.
     *
     * @param venue venue of every line, or null to infer it from the content.
     * @param files the files.
     */
    public record CaptureGroup(Venue venue, List<Path> files)
    {
        /**
         * @param venue venue or null.
         * @param files at least one file.
         */
        public CaptureGroup
        {
            files = List.copyOf(files);
            if (files.isEmpty())
            {
                throw new IllegalArgumentException("a capture group needs at least one file");
            }
        }
    }

    /**
     * A generated session ({@link com.tradingstation.feed.synth.SyntheticSession}).
     *
     * @param venue           venue variant.
     * @param symbols         number of symbols.
     * @param durationSeconds market seconds.
     * @param diffsPerSecond  depth diffs per symbol per second.
     * @param levelsPerSide   initial levels per side.
     * @param seed            generator seed.
     */
    public record Synthetic(Venue venue, int symbols, int durationSeconds, int diffsPerSecond, int levelsPerSide,
        long seed)
    {
        /**
         * @param venue           venue variant.
         * @param symbols         number of symbols, positive.
         * @param durationSeconds market seconds, positive.
         * @param diffsPerSecond  diffs per symbol per second, positive.
         * @param levelsPerSide   levels per side, positive.
         * @param seed            seed.
         */
        public Synthetic
        {
            Objects.requireNonNull(venue, "venue");
            if (symbols < 1 || durationSeconds < 1 || diffsPerSecond < 1 || levelsPerSide < 1)
            {
                throw new IllegalArgumentException("synthetic symbols, duration, rate and levels must be positive");
            }
        }
    }

    /**
     * Checks the options (the builder's {@link Builder#build()} is the usual way here).
     *
     * @throws IllegalArgumentException naming the first option out of range.
     */
    public SimConfig
    {
        Objects.requireNonNull(bindAddress, "address");
        captures = List.copyOf(captures);
        synthetics = List.copyOf(synthetics);
        final Map<Venue, Integer> limits = new EnumMap<>(Venue.class);
        limits.putAll(weightLimits);
        weightLimits = Collections.unmodifiableMap(limits);
        check(port >= 0 && port <= 65535, "port must be 0..65535");
        check(!captures.isEmpty() || !synthetics.isEmpty(), "nothing to serve: give a capture or a synthetic session");
        check(speed >= 0 && !Double.isNaN(speed) && !Double.isInfinite(speed), "speed must be >= 0");
        check(dropPct >= 0 && dropPct <= 100, "drop percentage must be 0..100");
        check(disconnectEveryMs >= 0 && stallMs >= 0 && maxConnAgeMs >= 0 && serverShutdownEveryMs >= 0 &&
            shutdownGraceMs >= 0 && snapshotDelayMs >= 0 && pingIntervalMs >= 0 && pongTimeoutMs >= 0,
            "periods and delays must be >= 0");
        check(stallMs == 0 || stallEveryMs > 0, "stall period must be > 0");
        check(http429Every >= 0, "http 429 period must be >= 0");
        check(retryAfterAllowance >= 0 && banSeconds > 0, "ban allowance must be >= 0 and ban seconds > 0");
        check(maxStreamsPerConnection > 0 && maxIncomingPerSecond >= 0, "stream and message limits must be positive");
        check(connectionAttemptLimit > 0 && connectionAttemptWindowMs > 0, "connection attempt limit must be positive");
        check(maxDroppedIdsKept >= 0, "dropped ids kept must be >= 0");
        for (final Map.Entry<Venue, Integer> e : weightLimits.entrySet())
        {
            check(e.getValue() > 0, "weight limit of " + e.getKey().id() + " must be positive");
        }
        check(tlsKeystore == null || tlsPassword != null, "a TLS keystore needs its password");
    }

    private static void check(final boolean ok, final String message)
    {
        if (!ok)
        {
            throw new IllegalArgumentException(message);
        }
    }

    /** @return a builder with the venue's defaults and no session. */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * @param venue the venue.
     * @return ping period on that venue's connections (20 s spot, 180 s futures unless configured).
     */
    public long pingIntervalMs(final Venue venue)
    {
        return pingIntervalMs > 0 ? pingIntervalMs : venue == Venue.BINANCE_SPOT ? 20_000 : 180_000;
    }

    /**
     * @param venue the venue.
     * @return how long a ping may stay unanswered (60 s spot, 600 s futures unless configured).
     */
    public long pongTimeoutMs(final Venue venue)
    {
        return pongTimeoutMs > 0 ? pongTimeoutMs : venue == Venue.BINANCE_SPOT ? 60_000 : 600_000;
    }

    /**
     * @param venue the venue.
     * @return REST weight allowed per calendar minute.
     */
    public int weightLimit(final Venue venue)
    {
        final Integer limit = weightLimits.get(venue);
        if (limit != null)
        {
            return limit;
        }
        return venue == Venue.BINANCE_SPOT ? SPOT_WEIGHT_LIMIT : FUTURES_WEIGHT_LIMIT;
    }

    /**
     * @param venue the venue.
     * @return incoming frames (ping, pong, JSON) allowed per second (5 spot, 10 futures unless configured).
     */
    public int maxIncomingPerSecond(final Venue venue)
    {
        return maxIncomingPerSecond > 0 ? maxIncomingPerSecond : venue == Venue.BINANCE_SPOT ? 5 : 10;
    }

    /**
     * Collects the options; {@link #build()} checks them. Not thread-safe.
     */
    public static final class Builder
    {
        private String bindAddress = "127.0.0.1";
        private int port;
        private final List<CaptureGroup> captures = new ArrayList<>();
        private final List<Synthetic> synthetics = new ArrayList<>();
        private long seed = 1;
        private double speed = 1;
        private boolean rewriteEventTime = true;
        private double dropPct;
        private long disconnectEveryMs;
        private long stallMs;
        private long stallEveryMs = 10_000;
        private int http429Every;
        private long maxConnAgeMs;
        private long serverShutdownEveryMs;
        private long shutdownGraceMs = 1_000;
        private long snapshotDelayMs;
        private long pingIntervalMs;
        private long pongTimeoutMs;
        private final Map<Venue, Integer> weightLimits = new EnumMap<>(Venue.class);
        private int retryAfterAllowance = 3;
        private int banSeconds = 120;
        private int maxStreamsPerConnection = 1024;
        private int maxIncomingPerSecond;
        private int connectionAttemptLimit = 300;
        private long connectionAttemptWindowMs = 300_000;
        private int maxDroppedIdsKept = 1_000;
        private Path tlsKeystore;
        private String tlsPassword;

        private Builder()
        {
        }

        /**
         * @param address address to bind.
         * @return this.
         */
        public Builder bindAddress(final String address)
        {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * @param port port, 0 for a free one.
         * @return this.
         */
        public Builder port(final int port)
        {
            this.port = port;
            return this;
        }

        /**
         * @param venue venue, or null to infer.
         * @param files files of one session, in order.
         * @return this.
         */
        public Builder capture(final Venue venue, final List<Path> files)
        {
            captures.add(new CaptureGroup(venue, files));
            return this;
        }

        /**
         * @param synthetic a generated session.
         * @return this.
         */
        public Builder synthetic(final Synthetic synthetic)
        {
            synthetics.add(Objects.requireNonNull(synthetic, "synthetic"));
            return this;
        }

        /**
         * @param seed seed of the fault choices.
         * @return this.
         */
        public Builder seed(final long seed)
        {
            this.seed = seed;
            return this;
        }

        /**
         * @param speed 1 recorded pace, X times faster, 0 as fast as possible.
         * @return this.
         */
        public Builder speed(final double speed)
        {
            this.speed = speed;
            return this;
        }

        /**
         * @param rewrite stamp the wall-clock ms into each frame's {@code "E"}.
         * @return this.
         */
        public Builder rewriteEventTime(final boolean rewrite)
        {
            this.rewriteEventTime = rewrite;
            return this;
        }

        /**
         * @param pct percentage of depth diffs skipped per connection.
         * @return this.
         */
        public Builder dropPct(final double pct)
        {
            this.dropPct = pct;
            return this;
        }

        /**
         * @param ms period of the abrupt-disconnect fault, 0 off.
         * @return this.
         */
        public Builder disconnectEveryMs(final long ms)
        {
            this.disconnectEveryMs = ms;
            return this;
        }

        /**
         * @param stallMs    stall length, 0 off.
         * @param everyMs    stall period.
         * @return this.
         */
        public Builder stall(final long stallMs, final long everyMs)
        {
            this.stallMs = stallMs;
            this.stallEveryMs = everyMs;
            return this;
        }

        /**
         * @param n every Nth REST request gets 429, 0 off.
         * @return this.
         */
        public Builder http429Every(final int n)
        {
            this.http429Every = n;
            return this;
        }

        /**
         * @param ms connection lifetime, 0 unlimited.
         * @return this.
         */
        public Builder maxConnAgeMs(final long ms)
        {
            this.maxConnAgeMs = ms;
            return this;
        }

        /**
         * @param everyMs period of the serverShutdown fault, 0 off.
         * @param graceMs time between the event and the close.
         * @return this.
         */
        public Builder serverShutdown(final long everyMs, final long graceMs)
        {
            this.serverShutdownEveryMs = everyMs;
            this.shutdownGraceMs = graceMs;
            return this;
        }

        /**
         * @param ms delay of every depth response.
         * @return this.
         */
        public Builder snapshotDelayMs(final long ms)
        {
            this.snapshotDelayMs = ms;
            return this;
        }

        /**
         * @param ms ping period for every venue, 0 for the venue's default.
         * @return this.
         */
        public Builder pingIntervalMs(final long ms)
        {
            this.pingIntervalMs = ms;
            return this;
        }

        /**
         * @param ms pong timeout for every venue, 0 for the venue's default.
         * @return this.
         */
        public Builder pongTimeoutMs(final long ms)
        {
            this.pongTimeoutMs = ms;
            return this;
        }

        /**
         * @param venue venue.
         * @param limit REST weight per minute.
         * @return this.
         */
        public Builder weightLimit(final Venue venue, final int limit)
        {
            weightLimits.put(venue, limit);
            return this;
        }

        /**
         * @param allowance requests tolerated during Retry-After before the ban.
         * @param banSeconds ban length.
         * @return this.
         */
        public Builder ban(final int allowance, final int banSeconds)
        {
            this.retryAfterAllowance = allowance;
            this.banSeconds = banSeconds;
            return this;
        }

        /**
         * @param max streams per connection.
         * @return this.
         */
        public Builder maxStreamsPerConnection(final int max)
        {
            this.maxStreamsPerConnection = max;
            return this;
        }

        /**
         * @param max incoming frames per second for every venue, 0 for the venue's default.
         * @return this.
         */
        public Builder maxIncomingPerSecond(final int max)
        {
            this.maxIncomingPerSecond = max;
            return this;
        }

        /**
         * @param limit    connection attempts per window.
         * @param windowMs the window.
         * @return this.
         */
        public Builder connectionAttempts(final int limit, final long windowMs)
        {
            this.connectionAttemptLimit = limit;
            this.connectionAttemptWindowMs = windowMs;
            return this;
        }

        /**
         * @param max dropped-diff ids kept per connection.
         * @return this.
         */
        public Builder maxDroppedIdsKept(final int max)
        {
            this.maxDroppedIdsKept = max;
            return this;
        }

        /**
         * @param keystore PKCS12 keystore, null for plain.
         * @param password its password.
         * @return this.
         */
        public Builder tls(final Path keystore, final String password)
        {
            this.tlsKeystore = keystore;
            this.tlsPassword = password;
            return this;
        }

        /**
         * @return the configuration.
         * @throws IllegalArgumentException naming the first option out of range.
         */
        public SimConfig build()
        {
            return new SimConfig(bindAddress, port, captures, synthetics, seed, speed, rewriteEventTime, dropPct,
                disconnectEveryMs, stallMs, stallEveryMs, http429Every, maxConnAgeMs, serverShutdownEveryMs,
                shutdownGraceMs, snapshotDelayMs, pingIntervalMs, pongTimeoutMs, weightLimits, retryAfterAllowance,
                banSeconds, maxStreamsPerConnection, maxIncomingPerSecond, connectionAttemptLimit,
                connectionAttemptWindowMs, maxDroppedIdsKept, tlsKeystore, tlsPassword);
        }
    }
}
