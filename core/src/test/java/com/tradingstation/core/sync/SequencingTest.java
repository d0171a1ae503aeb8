package com.tradingstation.core.sync;

import com.tradingstation.core.book.BookSide;
import com.tradingstation.core.book.L2Book;
import com.tradingstation.core.event.EventLayout;
import com.tradingstation.core.event.EventType;
import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.core.instrument.Venue;
import com.tradingstation.core.sync.Events.Event;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static com.tradingstation.core.sync.Events.futures;
import static com.tradingstation.core.sync.Events.levels;
import static com.tradingstation.core.sync.Events.none;
import static com.tradingstation.core.sync.Events.snapshot;
import static com.tradingstation.core.sync.Events.spot;
import static com.tradingstation.core.sync.Events.ticker;
import static com.tradingstation.core.sync.Events.trade;
import static com.tradingstation.core.sync.SyncState.AWAITING_SNAPSHOT;
import static com.tradingstation.core.sync.SyncState.LIVE;
import static com.tradingstation.core.sync.SyncState.SYNCING;
import static org.assertj.core.api.Assertions.assertThat;

class SequencingTest
{
    private InstrumentRegistry registry;
    private int btc;
    private int eth;
    private int perp;
    private final List<Integer> requests = new ArrayList<>();
    private final List<String> transitions = new ArrayList<>();
    private final List<Long> tradeIds = new ArrayList<>();
    private BookEngine engine;

    @BeforeEach
    void setUp()
    {
        registry = new InstrumentRegistry(16);
        btc = registry.register(Venue.BINANCE_SPOT, "BTCUSDT", 2, 5).id();
        eth = registry.register(Venue.BINANCE_SPOT, "ETHUSDT", 2, 4).id();
        perp = registry.register(Venue.BINANCE_USDM, "BTCUSDT", 1, 3).id();
        engine = new BookEngine(registry, 64, 0, requests::add);
        engine.listener(new BookListener()
        {
            @Override
            public void onStateChanged(final InstrumentBook book, final SyncState newState)
            {
                transitions.add(book.instrument().key() + "=" + newState);
            }

            @Override
            public void onTrade(final InstrumentBook book, final DirectBuffer buffer, final int offset)
            {
                tradeIds.add(buffer.getLong(offset + EventLayout.TRADE_ID));
            }
        });
    }

    private InstrumentBook book(final int id)
    {
        return engine.book(id);
    }

    /** Assert a side's levels, best first, as price/qty pairs. */
    private static void assertLevels(final BookSide side, final long... pairs)
    {
        final List<Long> actual = new ArrayList<>();
        for (int i = 0; i < side.size(); i++)
        {
            actual.add(side.price(i));
            actual.add(side.qty(i));
        }
        final List<Long> expected = new ArrayList<>();
        for (final long v : pairs)
        {
            expected.add(v);
        }
        assertThat(actual).as("%s levels (price, qty) best first", side.side()).isEqualTo(expected);
    }

    /** BTC spot live at u = 104 with bids 100:7, 99:3 and asks 101:2, 103:9. */
    private void btcLiveAt104()
    {
        snapshot(btc, 100, levels(100, 5, 99, 3), levels(101, 2, 102, 4)).to(engine);
        spot(btc, 101, 103, levels(100, 7), levels(102, 0)).to(engine);
        spot(btc, 104, 104, none(), levels(103, 9)).to(engine);
        assertThat(book(btc).state()).isEqualTo(LIVE);
        assertThat(book(btc).book().lastUpdateId()).isEqualTo(104);
    }

    /** ETH spot live at u = 51. */
    private void ethLiveAt51()
    {
        snapshot(eth, 50, levels(3000, 10), levels(3001, 10)).to(engine);
        spot(eth, 45, 51, levels(2999, 4), none()).to(engine);
        assertThat(book(eth).state()).isEqualTo(LIVE);
    }

    // =====================================================================================
    // Spot
    // =====================================================================================

    @Test
    void spotBuffersBeforeSnapshotBridgesChainsDetectsGapAndRecovers()
    {
        spot(btc, 90, 95, levels(99, 1), none()).to(engine);
        assertThat(requests).as("first sight asks for a snapshot").containsExactly(btc);
        assertThat(book(btc).state()).isEqualTo(AWAITING_SNAPSHOT);
        spot(btc, 96, 100, levels(100, 2), none()).to(engine); // u == L: already in the snapshot
        spot(btc, 101, 103, levels(100, 7), levels(102, 0)).to(engine); // U == L + 1 exactly
        spot(btc, 104, 104, none(), levels(103, 9)).to(engine);

        final InstrumentBook b = book(btc);
        assertThat(b.bufferedCount()).isEqualTo(4);
        assertThat(b.appliedCount()).isZero();
        assertThat(b.dropped()).isZero();
        assertThat(b.snapshotCount()).isZero();
        assertThat(b.book().bids().isEmpty()).isTrue();

        snapshot(btc, 100, levels(100, 5, 99, 3), levels(101, 2, 102, 4)).to(engine);
        assertThat(b.snapshotCount()).isEqualTo(1);
        assertThat(b.dropped()).as("u <= lastUpdateId dropped").isEqualTo(2);
        assertThat(b.appliedCount()).isEqualTo(2);
        assertThat(b.state()).isEqualTo(LIVE);
        assertThat(b.book().lastUpdateId()).isEqualTo(104);
        assertThat(b.levelUpdateCount()).isEqualTo(3);
        assertLevels(b.book().bids(), 100, 7, 99, 3);
        assertLevels(b.book().asks(), 101, 2, 103, 9);

        // U == previous u + 1 chains.
        final Event next = spot(btc, 105, 107, levels(98, 1), none()).to(engine);
        assertThat(b.appliedCount()).isEqualTo(3);
        assertThat(b.book().lastUpdateId()).isEqualTo(107);

        // Duplicates and late diffs (u <= previous u) are dropped without touching the book.
        final long hash = b.book().stateHash();
        next.to(engine);
        spot(btc, 100, 106, levels(100, 1), none()).to(engine);
        assertThat(b.dropped()).isEqualTo(4);
        assertThat(b.appliedCount()).isEqualTo(3);
        assertThat(b.book().stateHash()).isEqualTo(hash);
        assertThat(b.state()).isEqualTo(LIVE);
        assertThat(requests).containsExactly(btc);

        // A gap: U > previous u + 1 (108 is missing).
        spot(btc, 109, 110, levels(97, 1), none()).to(engine);
        assertThat(b.gapCount()).isEqualTo(1);
        assertThat(b.resyncCount()).isEqualTo(1);
        assertThat(b.state()).isEqualTo(AWAITING_SNAPSHOT);
        assertThat(requests).containsExactly(btc, btc);
        assertThat(b.bufferedCount()).as("the diff that did not chain is kept for the next snapshot").isEqualTo(5);
        assertThat(b.book().lastUpdateId()).isEqualTo(107);
        assertThat(b.book().bids().qtyAt(97)).isZero();

        spot(btc, 111, 112, none(), levels(101, 0)).to(engine);
        assertThat(b.bufferedCount()).isEqualTo(6);
        assertThat(b.state()).isEqualTo(AWAITING_SNAPSHOT);
        assertThat(b.appliedCount()).isEqualTo(3);

        // The new snapshot at 108 is bridged by the buffered 109..110, then 111..112 chains.
        snapshot(btc, 108, levels(100, 6, 99, 3, 98, 1), levels(101, 2, 103, 9)).to(engine);
        assertThat(b.state()).isEqualTo(LIVE);
        assertThat(b.snapshotCount()).isEqualTo(2);
        assertThat(b.appliedCount()).isEqualTo(5);
        assertThat(b.gapCount()).isEqualTo(1);
        assertThat(b.resyncCount()).isEqualTo(1);
        assertThat(b.book().lastUpdateId()).isEqualTo(112);
        assertLevels(b.book().bids(), 100, 6, 99, 3, 98, 1, 97, 1);
        assertLevels(b.book().asks(), 103, 9);
        assertThat(transitions).containsExactly(
            "binance-spot:BTCUSDT=SYNCING", "binance-spot:BTCUSDT=LIVE", "binance-spot:BTCUSDT=AWAITING_SNAPSHOT",
            "binance-spot:BTCUSDT=SYNCING", "binance-spot:BTCUSDT=LIVE");

        // Live again: chaining goes on from 112.
        spot(btc, 113, 113, levels(96, 2), none()).to(engine);
        assertThat(b.appliedCount()).isEqualTo(6);
        assertThat(b.book().bids().qtyAt(96)).isEqualTo(2);
    }

    @Test
    void spotSnapshotWithNothingBufferedWaitsForTheBridgingDiff()
    {
        snapshot(btc, 100, levels(100, 5), levels(101, 2)).to(engine);
        final InstrumentBook b = book(btc);
        assertThat(b.state()).isEqualTo(SYNCING);
        assertThat(requests).containsExactly(btc);
        spot(btc, 99, 100, levels(100, 1), none()).to(engine);
        assertThat(b.dropped()).isEqualTo(1);
        assertThat(b.state()).isEqualTo(SYNCING);
        spot(btc, 95, 105, levels(100, 8), none()).to(engine); // U < L + 1 < u
        assertThat(b.state()).isEqualTo(LIVE);
        assertThat(b.book().lastUpdateId()).isEqualTo(105);
        assertLevels(b.book().bids(), 100, 8);
        assertThat(b.bufferedCount()).isZero();
    }

    @ParameterizedTest(name = "{0} L={1}, U={2}, u={3} -> {4}")
    @CsvSource({
        "spot, 100, 90, 99, DROPPED",
        "spot, 100, 95, 100, DROPPED",
        "spot, 100, 100, 100, DROPPED",
        "spot, 100, 101, 101, APPLIED",
        "spot, 100, 101, 150, APPLIED",
        "spot, 100, 95, 105, APPLIED",
        "spot, 100, 1, 101, APPLIED",
        "spot, 100, 102, 105, STALE",
        "spot, 100, 150, 160, STALE",
        "futures, 1000, 900, 999, DROPPED",
        "futures, 1000, 995, 1000, APPLIED",
        "futures, 1000, 1000, 1000, APPLIED",
        "futures, 1000, 990, 1005, APPLIED",
        "futures, 1000, 1001, 1005, STALE",
    })
    void firstDiffAfterSnapshot(
        final String market, final long snapshotId, final long firstId, final long lastId, final String outcome)
    {
        final boolean spot = market.equals("spot");
        final int id = spot ? btc : perp;
        snapshot(id, snapshotId, levels(100, 5), levels(101, 2)).to(engine);
        final Event diff = spot
            ? spot(id, firstId, lastId, levels(90, 1), none())
            : futures(id, firstId, lastId, firstId - 7, levels(90, 1), none());
        diff.to(engine);
        assertFirstDiffOutcome(book(id), outcome, lastId);
    }

    private void assertFirstDiffOutcome(final InstrumentBook b, final String outcome, final long lastId)
    {
        switch (outcome)
        {
            case "DROPPED" ->
            {
                assertThat(b.dropped()).isEqualTo(1);
                assertThat(b.appliedCount()).isZero();
                assertThat(b.state()).isEqualTo(SYNCING);
                assertThat(b.book().bids().qtyAt(90)).isZero();
            }
            case "APPLIED" ->
            {
                assertThat(b.appliedCount()).isEqualTo(1);
                assertThat(b.dropped()).isZero();
                assertThat(b.state()).isEqualTo(LIVE);
                assertThat(b.book().lastUpdateId()).isEqualTo(lastId);
                assertThat(b.book().bids().qtyAt(90)).isEqualTo(1);
            }
            case "STALE" ->
            {
                assertThat(b.appliedCount()).isZero();
                assertThat(b.state()).isEqualTo(AWAITING_SNAPSHOT);
                assertThat(b.resyncCount()).isEqualTo(1);
                assertThat(b.gapCount()).as("an old snapshot is not a gap").isZero();
                assertThat(b.bufferedCount()).isEqualTo(1);
                assertThat(requests).containsExactly(b.instrument().id(), b.instrument().id());
            }
            default -> throw new IllegalArgumentException(outcome);
        }
    }

    @Test
    void reorderedDiffsAfterLiveAreAGap()
    {
        btcLiveAt104();
        final InstrumentBook b = book(btc);
        final Event d105 = spot(btc, 105, 106, levels(98, 1), none());
        final Event d107 = spot(btc, 107, 108, levels(97, 1), none());
        d107.to(engine); // overtakes 105..106
        assertThat(b.gapCount()).isEqualTo(1);
        assertThat(b.resyncCount()).isEqualTo(1);
        assertThat(b.state()).isEqualTo(AWAITING_SNAPSHOT);
        assertThat(b.book().bids().qtyAt(97)).isZero();
        d105.to(engine);
        assertThat(b.appliedCount()).as("nothing applies while awaiting a snapshot").isEqualTo(2);
        assertThat(b.bufferedCount()).isEqualTo(2);

        // A snapshot at 108 contains both; they are dropped and the book waits for 109.
        snapshot(btc, 108, levels(100, 7, 99, 3, 98, 1, 97, 1), levels(101, 2)).to(engine);
        assertThat(b.state()).isEqualTo(SYNCING);
        assertThat(b.dropped()).isEqualTo(2);
        spot(btc, 109, 109, none(), levels(102, 1)).to(engine);
        assertThat(b.state()).isEqualTo(LIVE);
        assertLevels(b.book().asks(), 101, 2, 102, 1);
    }

    @Test
    void snapshotOlderThanBufferedDiffsKeepsThemForTheNextSnapshot()
    {
        spot(btc, 200, 205, levels(100, 1), none()).to(engine);
        spot(btc, 206, 210, none(), levels(105, 2)).to(engine);
        final InstrumentBook b = book(btc);
        assertThat(b.bufferedCount()).isEqualTo(2);

        snapshot(btc, 150, levels(99, 1), levels(104, 1)).to(engine); // first buffered U = 200 > 151
        assertThat(b.snapshotCount()).isEqualTo(1);
        assertThat(b.resyncCount()).isEqualTo(1);
        assertThat(b.gapCount()).isZero();
        assertThat(b.state()).isEqualTo(AWAITING_SNAPSHOT);
        assertThat(b.appliedCount()).isZero();
        assertThat(b.dropped()).isZero();
        assertThat(b.bufferedCount()).isEqualTo(2);
        assertThat(requests).containsExactly(btc, btc);

        spot(btc, 211, 211, levels(98, 3), none()).to(engine);
        assertThat(b.bufferedCount()).isEqualTo(3);

        snapshot(btc, 202, levels(99, 2), levels(104, 1)).to(engine); // 200 <= 203 <= 205 bridges
        assertThat(b.state()).isEqualTo(LIVE);
        assertThat(b.snapshotCount()).isEqualTo(2);
        assertThat(b.appliedCount()).isEqualTo(3);
        assertThat(b.resyncCount()).isEqualTo(1);
        assertThat(b.book().lastUpdateId()).isEqualTo(211);
        assertLevels(b.book().bids(), 100, 1, 99, 2, 98, 3);
        assertLevels(b.book().asks(), 104, 1, 105, 2);
    }

    // =====================================================================================
    // Futures
    // =====================================================================================

    @Test
    void futuresDropsOlderAppliesUEqualsLAndChainsOnPu()
    {
        futures(perp, 900, 990, 880, levels(500, 1), none()).to(engine);
        futures(perp, 991, 1000, 990, levels(500, 2), none()).to(engine); // u == L and U <= L
        final InstrumentBook b = book(perp);
        assertThat(b.bufferedCount()).isEqualTo(2);

        snapshot(perp, 1000, levels(500, 5, 499, 1), levels(501, 3)).to(engine);
        assertThat(b.dropped()).as("u < L dropped").isEqualTo(1);
        assertThat(b.appliedCount()).as("u == L applied on futures").isEqualTo(1);
        assertThat(b.state()).isEqualTo(LIVE);
        assertThat(b.book().lastUpdateId()).isEqualTo(1000);
        assertLevels(b.book().bids(), 500, 2, 499, 1);

        futures(perp, 1010, 1020, 1000, none(), levels(502, 4)).to(engine); // U != 1001: ids skip
        futures(perp, 1031, 1040, 1020, levels(499, 0), none()).to(engine);
        assertThat(b.appliedCount()).isEqualTo(3);
        assertThat(b.gapCount()).isZero();
        assertThat(b.book().lastUpdateId()).isEqualTo(1040);
        assertLevels(b.book().bids(), 500, 2);
        assertLevels(b.book().asks(), 501, 3, 502, 4);

        // Duplicate dropped.
        futures(perp, 1031, 1040, 1020, levels(499, 0), none()).to(engine);
        assertThat(b.dropped()).isEqualTo(2);

        // U == previous u + 1 would chain on spot, but pu does not match: a futures gap.
        futures(perp, 1041, 1050, 1039, levels(498, 1), none()).to(engine);
        assertThat(b.gapCount()).isEqualTo(1);
        assertThat(b.resyncCount()).isEqualTo(1);
        assertThat(b.state()).isEqualTo(AWAITING_SNAPSHOT);
        assertThat(requests).containsExactly(perp, perp);
        assertThat(b.book().bids().qtyAt(498)).isZero();

        // Recovery: snapshot 1045 is bridged by the buffered 1041..1050 (U <= L <= u).
        snapshot(perp, 1045, levels(500, 2, 497, 1), levels(501, 3)).to(engine);
        assertThat(b.state()).isEqualTo(LIVE);
        assertThat(b.book().lastUpdateId()).isEqualTo(1050);
        assertLevels(b.book().bids(), 500, 2, 498, 1, 497, 1);
        futures(perp, 1060, 1070, 1050, none(), levels(501, 0)).to(engine);
        assertThat(b.state()).isEqualTo(LIVE);
        assertLevels(b.book().asks());
    }

    @Test
    void coinmUsesTheFuturesRule()
    {
        final int coin = registry.register(Venue.BINANCE_COINM, "BTCUSD_PERP", 1, 0).id();
        snapshot(coin, 1000, levels(617736, 1001), levels(618050, 3)).to(engine);
        futures(coin, 1000, 1000, 990, levels(617736, 1000), none()).to(engine);
        assertThat(book(coin).state()).isEqualTo(LIVE);
        futures(coin, 1005, 1008, 1000, levels(617736, 999), none()).to(engine);
        assertThat(book(coin).appliedCount()).isEqualTo(2);
        assertThat(book(coin).book().bids().bestQty()).isEqualTo(999);
    }

    // =====================================================================================
    // Isolation
    // =====================================================================================

    @Test
    void oneSymbolsGapDoesNotTouchAnother()
    {
        btcLiveAt104();
        ethLiveAt51();
        final InstrumentBook e = book(eth);
        final long[] before = counters(e);
        final long ethHash = e.book().stateHash();
        requests.clear();
        transitions.clear();

        spot(btc, 106, 106, levels(98, 1), none()).to(engine); // gap on BTC
        assertThat(book(btc).state()).isEqualTo(AWAITING_SNAPSHOT);
        assertThat(book(btc).gapCount()).isEqualTo(1);

        assertThat(e.state()).isEqualTo(LIVE);
        assertThat(counters(e)).isEqualTo(before);
        assertThat(e.book().stateHash()).isEqualTo(ethHash);
        assertThat(requests).containsExactly(btc);
        assertThat(transitions).containsExactly("binance-spot:BTCUSDT=AWAITING_SNAPSHOT");

        // ETH keeps going while BTC waits.
        spot(eth, 52, 52, levels(2998, 1), none()).to(engine);
        assertThat(e.appliedCount()).isEqualTo(before[0] + 1);
        assertThat(e.state()).isEqualTo(LIVE);
        assertThat(book(btc).state()).isEqualTo(AWAITING_SNAPSHOT);
        assertThat(book(btc).bufferedCount()).isEqualTo(1);
    }

    private static long[] counters(final InstrumentBook b)
    {
        return new long[] {
            b.appliedCount(), b.dropped(), b.bufferedCount(), b.gapCount(), b.resyncCount(), b.crossedCount(),
            b.snapshotCount(), b.ignoredSnapshotCount(), b.pendingOverflowCount(), b.levelUpdateCount(),
            b.tickerCount(), b.tickerCheckCount(), b.tickerAgreeCount(), b.trades(), b.book().lastUpdateId()};
    }

    // =====================================================================================
    // bookTicker check
    // =====================================================================================

    @Test
    void bookTickerIsCheckedAgainstTheBookAtTheSameUpdateId()
    {
        btcLiveAt104(); // bids 100:7, 99:3 asks 101:2, 103:9
        final InstrumentBook b = book(btc);

        ticker(btc, 104, 100, 7, 101, 2).to(engine);
        assertThat(b.tickerCount()).isEqualTo(1);
        assertThat(b.tickerCheckCount()).isEqualTo(1);
        assertThat(b.tickerAgreeCount()).isEqualTo(1);

        ticker(btc, 104, 100, 7, 101, 3).to(engine); // ask qty differs
        assertThat(b.tickerCheckCount()).isEqualTo(2);
        assertThat(b.tickerAgreeCount()).isEqualTo(1);
        ticker(btc, 104, 99, 7, 101, 2).to(engine); // bid price differs
        assertThat(b.tickerCheckCount()).isEqualTo(3);
        assertThat(b.tickerAgreeCount()).isEqualTo(1);

        ticker(btc, 103, 100, 7, 101, 2).to(engine); // older than the book: nothing to compare
        assertThat(b.tickerCheckCount()).isEqualTo(3);

        // Ticker ahead of the book: checked when the diff with that id is applied.
        ticker(btc, 106, 100, 8, 101, 2).to(engine);
        assertThat(b.tickerCheckCount()).isEqualTo(3);
        spot(btc, 105, 106, levels(100, 8), none()).to(engine);
        assertThat(b.tickerCheckCount()).isEqualTo(4);
        assertThat(b.tickerAgreeCount()).isEqualTo(2);

        // Ticker id skipped over by a diff spanning it: never checked.
        ticker(btc, 108, 100, 8, 101, 2).to(engine);
        spot(btc, 107, 110, levels(98, 1), none()).to(engine);
        assertThat(b.tickerCheckCount()).isEqualTo(4);
        spot(btc, 111, 111, levels(97, 1), none()).to(engine);
        assertThat(b.tickerCheckCount()).as("the skipped ticker is forgotten").isEqualTo(4);

        // A pending ticker that disagrees once its diff lands.
        ticker(btc, 112, 100, 8, 101, 1).to(engine);
        spot(btc, 112, 112, levels(96, 1), none()).to(engine);
        assertThat(b.tickerCheckCount()).isEqualTo(5);
        assertThat(b.tickerAgreeCount()).isEqualTo(2);
        assertThat(b.tickerCount()).isEqualTo(7);
    }

    @Test
    void tickerBeforeSnapshotIsCheckedWhenItsDiffIsReplayed()
    {
        spot(btc, 101, 103, levels(100, 7), none()).to(engine);
        ticker(btc, 103, 100, 7, 101, 2).to(engine);
        final InstrumentBook b = book(btc);
        assertThat(b.tickerCheckCount()).isZero();
        snapshot(btc, 100, levels(100, 5), levels(101, 2)).to(engine);
        assertThat(b.state()).isEqualTo(LIVE);
        assertThat(b.tickerCheckCount()).isEqualTo(1);
        assertThat(b.tickerAgreeCount()).isEqualTo(1);
    }

    @Test
    void pendingTickerIsForgottenWhenTheBookGoesStale()
    {
        btcLiveAt104();
        final InstrumentBook b = book(btc);
        ticker(btc, 110, 100, 7, 101, 2).to(engine);
        spot(btc, 106, 106, none(), none()).to(engine); // gap
        assertThat(b.state()).isEqualTo(AWAITING_SNAPSHOT);
        snapshot(btc, 109, levels(100, 7), levels(101, 2)).to(engine);
        spot(btc, 110, 110, none(), none()).to(engine);
        assertThat(b.state()).isEqualTo(LIVE);
        assertThat(b.tickerCheckCount()).isZero();
    }

    // =====================================================================================
    // Crossed book, snapshots while live
    // =====================================================================================

    @Test
    void crossingDiffMakesTheInstrumentStale()
    {
        btcLiveAt104();
        final InstrumentBook b = book(btc);
        requests.clear();
        spot(btc, 105, 105, levels(101, 1), none()).to(engine); // bid 101 >= ask 101
        assertThat(b.crossedCount()).isEqualTo(1);
        assertThat(b.state()).isEqualTo(AWAITING_SNAPSHOT);
        assertThat(b.resyncCount()).isEqualTo(1);
        assertThat(b.gapCount()).isZero();
        assertThat(b.appliedCount()).as("the crossing diff was applied").isEqualTo(3);
        assertThat(requests).containsExactly(btc);

        spot(btc, 106, 106, levels(98, 2), none()).to(engine);
        assertThat(b.bufferedCount()).isEqualTo(1);
        assertThat(b.book().bids().qtyAt(98)).isZero();

        snapshot(btc, 105, levels(100, 7, 99, 3), levels(101, 2)).to(engine);
        assertThat(b.state()).isEqualTo(LIVE);
        assertThat(b.book().isCrossed()).isFalse();
        assertLevels(b.book().bids(), 100, 7, 99, 3, 98, 2);
        assertThat(b.crossedCount()).isEqualTo(1);
    }

    @Test
    void askAtOrBelowBestBidIsCrossedToo()
    {
        btcLiveAt104();
        spot(btc, 105, 105, none(), levels(99, 1)).to(engine);
        assertThat(book(btc).crossedCount()).isEqualTo(1);
        assertThat(book(btc).state()).isEqualTo(AWAITING_SNAPSHOT);
    }

    @Test
    void staleSnapshotWhileLiveIsIgnored()
    {
        btcLiveAt104();
        final InstrumentBook b = book(btc);
        final long hash = b.book().stateHash();
        snapshot(btc, 104, levels(1, 1), levels(2, 2)).to(engine);
        snapshot(btc, 50, levels(1, 1), levels(2, 2)).to(engine);
        assertThat(b.ignoredSnapshotCount()).isEqualTo(2);
        assertThat(b.snapshotCount()).isEqualTo(1);
        assertThat(b.state()).isEqualTo(LIVE);
        assertThat(b.book().stateHash()).isEqualTo(hash);
        assertThat(b.book().lastUpdateId()).isEqualTo(104);

        // A newer one replaces the book and waits for its bridging diff.
        snapshot(btc, 200, levels(150, 1), levels(151, 1)).to(engine);
        assertThat(b.snapshotCount()).isEqualTo(2);
        assertThat(b.state()).isEqualTo(SYNCING);
        assertLevels(b.book().bids(), 150, 1);
        assertLevels(b.book().asks(), 151, 1);
        // While syncing, an older snapshot is ignored as well.
        snapshot(btc, 150, levels(1, 1), levels(2, 2)).to(engine);
        assertThat(b.ignoredSnapshotCount()).isEqualTo(3);
        assertThat(b.book().lastUpdateId()).isEqualTo(200);
    }

    // =====================================================================================
    // Pending buffer bound, offsets, trades
    // =====================================================================================

    @Test
    void pendingOverflowDropsTheOldestBufferedDiffs()
    {
        final int record = 4 + EventLayout.depthLength(1, 0);
        final InstrumentBook b = new InstrumentBook(
            registry.get(btc), new L2Book(16, 0), 2 * record + 10, SnapshotRequester.NONE);
        spot(btc, 1, 1, levels(100, 1), none()).to(b);
        spot(btc, 2, 2, levels(100, 2), none()).to(b);
        assertThat(b.pendingOverflowCount()).isZero();
        spot(btc, 3, 3, levels(100, 3), none()).to(b);
        assertThat(b.pendingOverflowCount()).isEqualTo(1);
        assertThat(b.dropped()).isEqualTo(2);
        assertThat(b.bufferedCount()).isEqualTo(3);

        // A diff that could never fit (7 levels: 4 + 168 bytes) empties the buffer and is dropped itself.
        spot(btc, 4, 4, levels(100, 4, 99, 1, 98, 1, 97, 1, 96, 1, 95, 1, 94, 1), none()).to(b);
        assertThat(b.pendingOverflowCount()).isEqualTo(2);
        assertThat(b.dropped()).isEqualTo(4);
        assertThat(b.bufferedCount()).isEqualTo(3);
        snapshot(btc, 3, levels(100, 3), levels(101, 1)).to(b);
        assertThat(b.state()).as("nothing left to bridge").isEqualTo(SYNCING);
        assertThat(b.appliedCount()).isZero();

        b.reset();
        spot(btc, 3, 3, levels(100, 3), none()).to(b);
        snapshot(btc, 2, levels(100, 2), levels(101, 1)).to(b);
        assertThat(b.state()).isEqualTo(LIVE);
        assertThat(b.book().bids().bestQty()).isEqualTo(3);
    }

    @Test
    void eventsAtNonZeroOffsetsGiveTheSameBook()
    {
        final List<Event> stream = List.of(
            spot(btc, 90, 95, levels(99, 1), none()),
            spot(btc, 101, 103, levels(100, 7), levels(102, 0)),
            snapshot(btc, 100, levels(100, 5, 99, 3), levels(101, 2, 102, 4)),
            spot(btc, 104, 104, none(), levels(103, 9)),
            ticker(btc, 104, 100, 7, 101, 2));
        stream.forEach(e -> e.to(engine));
        final long expected = book(btc).book().stateHash();

        final BookEngine other = new BookEngine(registry, 4, 0, SnapshotRequester.NONE);
        int offset = 3;
        for (final Event e : stream)
        {
            e.at(offset).to(other);
            offset += 17;
        }
        final InstrumentBook b = other.book(btc);
        assertThat(b.state()).isEqualTo(LIVE);
        assertThat(b.book().stateHash()).isEqualTo(expected);
        assertThat(b.book().lastUpdateId()).isEqualTo(104);
        assertThat(b.tickerAgreeCount()).isEqualTo(1);
    }

    @Test
    void tradesAreCountedAndPassedOn()
    {
        trade(btc, 3_735_683_259L, 6_183_763, 2_000_000, EventLayout.TRADE_FLAG_BUYER_MAKER).to(engine);
        trade(btc, 3_735_683_260L, 6_183_763, 1, 0).to(engine);
        assertThat(book(btc).trades()).isEqualTo(2);
        assertThat(tradeIds).containsExactly(3_735_683_259L, 3_735_683_260L);
        assertThat(book(btc).state()).as("trades do not sync a book").isEqualTo(AWAITING_SNAPSHOT);
        book(btc).onEvent(99, new ExpandableArrayBuffer(64), 0, 64); // unknown type ignored
        assertThat(counters(book(btc))[13]).isEqualTo(2);
    }

    // =====================================================================================
    // BookEngine
    // =====================================================================================

    @Test
    void unknownInstrumentsAreCounted()
    {
        spot(7, 1, 1, levels(1, 1), none()).to(engine); // capacity 16, only 3 registered
        snapshot(-1, 1, none(), none()).to(engine);
        ticker(1_000_000, 1, 1, 1, 2, 1).to(engine);
        assertThat(engine.unknownInstrument()).isEqualTo(3);
        assertThat(engine.events()).isEqualTo(3);
        assertThat(engine.books()).isEmpty();
        assertThat(engine.book(7)).isNull();
        assertThat(engine.book(-1)).isNull();
        assertThat(requests).isEmpty();

        // Registered later: the next event creates its book.
        final int late = registry.register(Venue.BINANCE_SPOT, "LATEUSDT", 2, 2).id();
        spot(late, 1, 1, levels(1, 1), none()).to(engine);
        assertThat(engine.unknownInstrument()).isEqualTo(3);
        assertThat(engine.book(late)).isNotNull();
        assertThat(engine.book(late).bufferedCount()).isEqualTo(1);
        assertThat(requests).containsExactly(late);
    }

    @Test
    void resetClearsCountersAndBooks()
    {
        btcLiveAt104();
        ethLiveAt51();
        ticker(btc, 104, 100, 7, 101, 2).to(engine);
        spot(btc, 110, 110, none(), none()).to(engine); // gap, buffered
        spot(9, 1, 1, none(), none()).to(engine);
        assertThat(engine.events()).isGreaterThan(0);
        assertThat(engine.unknownInstrument()).isEqualTo(1);

        engine.reset();
        assertThat(engine.events()).isZero();
        assertThat(engine.unknownInstrument()).isZero();
        assertThat(engine.books()).hasSize(2);
        for (final InstrumentBook b : engine.books())
        {
            assertThat(counters(b)).containsOnly(0L);
            assertThat(b.state()).isEqualTo(AWAITING_SNAPSHOT);
            assertThat(b.book().bids().isEmpty()).isTrue();
            assertThat(b.book().asks().isEmpty()).isTrue();
        }

        // The buffered gap diff is gone: a fresh snapshot at 100 syncs from scratch.
        btcLiveAt104();
        assertThat(book(btc).appliedCount()).isEqualTo(2);
        assertThat(book(btc).dropped()).isZero();
        assertThat(engine.events()).isEqualTo(3);
    }

    @Test
    void listenerSetAfterBooksExistReachesThem()
    {
        btcLiveAt104();
        final List<Long> updates = new ArrayList<>();
        engine.listener(new BookListener()
        {
            @Override
            public void onBookUpdated(final InstrumentBook book)
            {
                updates.add(book.book().lastUpdateId());
            }
        });
        spot(btc, 105, 105, levels(98, 1), none()).to(engine);
        snapshot(eth, 10, none(), none()).to(engine);
        spot(eth, 11, 11, levels(5, 1), none()).to(engine);
        assertThat(updates).containsExactly(105L, 11L);
        engine.listener(null); // back to NONE, no exception
        spot(btc, 106, 106, levels(97, 1), none()).to(engine);
        assertThat(updates).hasSize(2);
    }

    // =====================================================================================
    // Rules in isolation
    // =====================================================================================

    @ParameterizedTest(name = "{0}.{1}({2}, {3}, {4}, {5}) = {6}")
    @CsvSource({
        "BINANCE_SPOT, precedesSnapshot, 100, 100, 0, 0, true",
        "BINANCE_SPOT, precedesSnapshot, 100, 101, 0, 0, false",
        "BINANCE_SPOT, bridgesSnapshot, 100, 101, 101, 0, true",
        "BINANCE_SPOT, bridgesSnapshot, 100, 102, 105, 0, false",
        "BINANCE_SPOT, bridgesSnapshot, 100, 90, 100, 0, false",
        "BINANCE_SPOT, continues, 104, 105, 107, -1, true",
        "BINANCE_SPOT, continues, 104, 106, 107, 104, false",
        "BINANCE_FUTURES, precedesSnapshot, 1000, 999, 0, 0, true",
        "BINANCE_FUTURES, precedesSnapshot, 1000, 1000, 0, 0, false",
        "BINANCE_FUTURES, bridgesSnapshot, 1000, 1000, 1000, 0, true",
        "BINANCE_FUTURES, bridgesSnapshot, 1000, 1001, 1005, 0, false",
        "BINANCE_FUTURES, bridgesSnapshot, 1000, 990, 999, 0, false",
        "BINANCE_FUTURES, continues, 1040, 1500, 1600, 1040, true",
        "BINANCE_FUTURES, continues, 1040, 1041, 1050, 1039, false",
    })
    void sequencingRules(
        final SequencingRule rule, final String check, final long a, final long b, final long c, final long d,
        final boolean expected)
    {
        final boolean actual = switch (check)
        {
            case "precedesSnapshot" -> rule.precedesSnapshot(a, b);
            case "bridgesSnapshot" -> rule.bridgesSnapshot(a, b, c);
            case "continues" -> rule.continues(a, b, c, d);
            default -> throw new IllegalArgumentException(check);
        };
        assertThat(actual).isEqualTo(expected);
    }

    // =====================================================================================
    // Bugs found (disabled so the build stays green)
    // =====================================================================================

    @Nested
    class PendingCompaction
    {
        /**
         * A buffered diff that crosses the book while the pending buffer is drained, when it is not
         * the first buffered diff: the diffs after it must be kept for the next snapshot.
         */
        @Test
        void diffsAfterACrossingBufferedDiffSurvive()
        {
            spot(btc, 101, 103, levels(100, 7), none()).to(engine); // bridges L = 100
            spot(btc, 104, 104, levels(101, 1), none()).to(engine); // crosses ask 101
            spot(btc, 105, 105, levels(98, 4), none()).to(engine); // must survive
            final InstrumentBook b = book(btc);
            snapshot(btc, 100, levels(100, 5, 99, 3), levels(101, 2, 102, 4)).to(engine);
            assertThat(b.crossedCount()).isEqualTo(1);
            assertThat(b.state()).isEqualTo(AWAITING_SNAPSHOT);

            snapshot(btc, 104, levels(100, 7, 99, 3), levels(102, 4)).to(engine);
            assertThat(b.state()).isEqualTo(LIVE); // actual: SYNCING (105 was lost)
            assertThat(b.book().lastUpdateId()).isEqualTo(105); // actual: 104
            assertLevels(b.book().bids(), 100, 7, 99, 3, 98, 4);
        }

        /**
         * A gap inside the buffered diffs, found while draining, when the diff that does not chain
         * is not the first buffered one and the tail to keep is longer than the part consumed.
         */
        @Test
        void diffsFromAGapInsideTheBufferSurvive()
        {
            spot(btc, 101, 103, levels(100, 7), none()).to(engine); // r0 bridges L = 100
            spot(btc, 105, 106, levels(98, 1), none()).to(engine); // r1: 104 missing
            spot(btc, 107, 107, levels(97, 1), none()).to(engine); // r2
            spot(btc, 108, 108, levels(96, 1), none()).to(engine); // r3
            final InstrumentBook b = book(btc);
            snapshot(btc, 100, levels(100, 5, 99, 3), levels(101, 2)).to(engine);
            assertThat(b.gapCount()).isEqualTo(1);
            assertThat(b.state()).isEqualTo(AWAITING_SNAPSHOT);

            snapshot(btc, 104, levels(100, 7, 99, 3), levels(101, 2)).to(engine);
            assertThat(b.resyncCount()).isEqualTo(1); // actual: 2 (r2 does not bridge 104)
            assertThat(b.state()).isEqualTo(LIVE); // actual: AWAITING_SNAPSHOT
            assertThat(b.book().lastUpdateId()).isEqualTo(108);
            assertLevels(b.book().bids(), 100, 7, 99, 3, 98, 1, 97, 1, 96, 1);
        }

        /** Same gap, but the tail does not overlap the consumed part: compaction is right here. */
        @Test
        void gapInsideTheBufferWithoutOverlapSurvives()
        {
            spot(btc, 99, 100, levels(90, 1), none()).to(engine); // r0 dropped (u <= L)
            spot(btc, 101, 103, levels(100, 7), none()).to(engine); // r1 bridges L = 100
            spot(btc, 105, 106, levels(98, 1), none()).to(engine); // r2: 104 missing, pos == remaining
            spot(btc, 107, 107, levels(97, 1), none()).to(engine); // r3
            final InstrumentBook b = book(btc);
            snapshot(btc, 100, levels(100, 5, 99, 3), levels(101, 2)).to(engine);
            assertThat(b.gapCount()).isEqualTo(1);
            snapshot(btc, 104, levels(100, 7, 99, 3), levels(101, 2)).to(engine);
            assertThat(b.state()).isEqualTo(LIVE);
            assertThat(b.resyncCount()).isEqualTo(1);
            assertThat(b.book().lastUpdateId()).isEqualTo(107);
            assertLevels(b.book().bids(), 100, 7, 99, 3, 98, 1, 97, 1);
        }

        /** Crossing diff first in the buffer: compaction is right here too. */
        @Test
        void diffsAfterACrossingFirstBufferedDiffSurvive()
        {
            spot(btc, 101, 103, levels(101, 1), none()).to(engine); // bridges and crosses
            spot(btc, 104, 104, levels(98, 4), none()).to(engine);
            final InstrumentBook b = book(btc);
            snapshot(btc, 100, levels(100, 5), levels(101, 2)).to(engine);
            assertThat(b.crossedCount()).isEqualTo(1);
            snapshot(btc, 103, levels(100, 5), levels(102, 2)).to(engine);
            assertThat(b.state()).isEqualTo(LIVE);
            assertThat(b.book().lastUpdateId()).isEqualTo(104);
            assertLevels(b.book().bids(), 100, 5, 98, 4);
        }
    }

    @Test
    void eventTypeIdsAreStable()
    {
        assertThat(EventType.DEPTH).isEqualTo(1);
        assertThat(EventType.SNAPSHOT).isEqualTo(2);
        assertThat(EventType.BOOK_TICKER).isEqualTo(3);
        assertThat(EventType.TRADE).isEqualTo(4);
        assertThat(EventLayout.depthLength(2, 3)).isEqualTo(56 + 5 * 16);
    }
}
