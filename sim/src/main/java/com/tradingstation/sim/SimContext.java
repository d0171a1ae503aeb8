package com.tradingstation.sim;

import com.tradingstation.core.instrument.Venue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the server's parts share: configuration, the loaded symbols, the reference books, the
 * connection registry and the counters behind {@link SimStats}. Built by {@link ExchangeSimulator}
 * before the server binds; the maps of symbols are read-only afterwards, registries are concurrent
 * and counters atomic, so any thread may use it.
 */
final class SimContext
{
    final SimConfig config;
    final Map<Venue, Map<String, SimSymbol>> symbols;
    final List<SimSymbol> allSymbols;
    final ReferenceBooks books;
    final Timeline timeline;
    final EnumMap<Venue, WeightLimiter> limiters = new EnumMap<>(Venue.class);

    final ConcurrentSkipListMap<Long, SimConnection> openConnections = new ConcurrentSkipListMap<>();
    final ConcurrentSkipListMap<Long, SimConnection> allConnections = new ConcurrentSkipListMap<>();
    final AtomicLong nextConnectionId = new AtomicLong();
    final Map<String, AtomicLong> closedByReason = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> handshakesRefused = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> requestsByEndpoint = new ConcurrentHashMap<>();
    private final ArrayDeque<Long> connectionAttemptsMs = new ArrayDeque<>();

    final AtomicLong pingsSent = new AtomicLong();
    final AtomicLong pongsReceived = new AtomicLong();
    final AtomicLong pongMismatches = new AtomicLong();
    final AtomicLong pongTimeouts = new AtomicLong();
    final AtomicLong http429Sent = new AtomicLong();
    final AtomicLong http418Sent = new AtomicLong();
    final AtomicLong http429Injected = new AtomicLong();
    final AtomicLong restRequests = new AtomicLong();
    final AtomicLong disconnects = new AtomicLong();
    final AtomicLong stalls = new AtomicLong();
    final AtomicLong serverShutdowns = new AtomicLong();
    final AtomicLong maxAgeCloses = new AtomicLong();
    final AtomicLong diffsDropped = new AtomicLong();
    final AtomicLong delayedSnapshots = new AtomicLong();
    volatile boolean stopping;

    SimContext(final SimConfig config, final Map<Venue, Map<String, SimSymbol>> symbols,
        final List<SessionLoader.Session> sessions)
    {
        this.config = config;
        this.symbols = symbols;
        final List<SimSymbol> all = new ArrayList<>();
        symbols.values().forEach(m -> all.addAll(m.values()));
        this.allSymbols = List.copyOf(all);
        this.books = new ReferenceBooks();
        for (final SimSymbol s : allSymbols)
        {
            books.seed(s);
        }
        for (final Venue v : Venue.values())
        {
            limiters.put(v,
                new WeightLimiter(config.weightLimit(v), config.retryAfterAllowance(), config.banSeconds()));
        }
        this.timeline = new Timeline(this, sessions);
    }

    /**
     * @param map    counter map.
     * @param reason key.
     */
    static void count(final Map<String, AtomicLong> map, final String reason)
    {
        map.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    /**
     * Count a WebSocket connection attempt against the rolling window.
     *
     * @param nowMs wall clock.
     * @return false when over the limit.
     */
    boolean admitConnectionAttempt(final long nowMs)
    {
        synchronized (connectionAttemptsMs)
        {
            while (!connectionAttemptsMs.isEmpty() &&
                nowMs - connectionAttemptsMs.peekFirst() >= config.connectionAttemptWindowMs())
            {
                connectionAttemptsMs.removeFirst();
            }
            if (connectionAttemptsMs.size() >= config.connectionAttemptLimit())
            {
                return false;
            }
            connectionAttemptsMs.addLast(nowMs);
            return true;
        }
    }

    /** @return the snapshot behind {@link ExchangeSimulator#stats()}. */
    SimStats stats()
    {
        final List<SimStats.Connection> details = new ArrayList<>();
        for (final SimConnection c : allConnections.values())
        {
            details.add(c.snapshot());
        }
        final List<SimStats.Symbol> syms = new ArrayList<>();
        for (final SimSymbol s : allSymbols)
        {
            syms.add(new SimStats.Symbol(s.venue.id(), s.symbol, s.framesSent.get(), s.diffsSent.get(),
                s.diffsDropped.get(), s.lastSentUpdateId, s.finalUpdateId, ExchangeInfo.tickSize(s),
                ExchangeInfo.stepSize(s)));
        }
        final Map<String, Long> used = new TreeMap<>();
        final Map<String, Long> peak = new TreeMap<>();
        for (final Map.Entry<Venue, WeightLimiter> e : limiters.entrySet())
        {
            used.put(e.getKey().id(), (long)e.getValue().usedWeight(System.currentTimeMillis()));
            peak.put(e.getKey().id(), (long)e.getValue().peakWeight());
        }
        return new SimStats(
            timeline.stats(config.speed()),
            new SimStats.Connections(nextConnectionId.get(), openConnections.size(), copy(closedByReason),
                copy(handshakesRefused)),
            List.copyOf(details), List.copyOf(syms),
            new SimStats.Rest(copy(requestsByEndpoint), used, peak, http429Sent.get(), http418Sent.get(),
                http429Injected.get()),
            new SimStats.Pings(pingsSent.get(), pongsReceived.get(), pongMismatches.get(), pongTimeouts.get()),
            new SimStats.Faults(disconnects.get(), stalls.get(), serverShutdowns.get(), maxAgeCloses.get(),
                diffsDropped.get(),
                delayedSnapshots.get()));
    }

    private static Map<String, Long> copy(final Map<String, AtomicLong> map)
    {
        final Map<String, Long> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, v.get()));
        return java.util.Collections.unmodifiableMap(out);
    }
}
