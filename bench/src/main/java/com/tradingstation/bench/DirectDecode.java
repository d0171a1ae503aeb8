package com.tradingstation.bench;

import com.tradingstation.core.event.EventSink;
import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.core.sync.BookEngine;
import com.tradingstation.feed.binance.BinanceDecoder;
import org.agrona.MutableDirectBuffer;

/**
 * {@link BinanceDecoder} with an {@link EventSink} that calls {@link BookEngine#onMessage} directly
 * (no ring copy): the path {@code DecodeApplyBenchmark.oursDirect} measures and
 * {@code CostBreakdownBenchmark.decodeApply} splits up, built the same way for both.
 *
 * @param engine  the book engine, on its own registry.
 * @param decoder the decoder, on the same registry, feeding the engine.
 */
record DirectDecode(BookEngine engine, BinanceDecoder decoder)
{
    /** @return a fresh decoder and engine on one new registry. */
    static DirectDecode create()
    {
        final InstrumentRegistry registry = new InstrumentRegistry();
        final BookEngine e = new BookEngine(registry);
        final EventSink direct = (type, buffer, offset, length) ->
            e.onMessage(type, (MutableDirectBuffer)buffer, offset, length);
        return new DirectDecode(e, new BinanceDecoder(registry, direct));
    }

    /**
     * Reset the engine (not the decoder: its venue to last instrument memory survives, as in a live
     * process), then decode and apply every line.
     *
     * @param lines the session's lines.
     * @return events the engine handled.
     */
    long replay(final Session.PackedLines lines)
    {
        engine.reset();
        lines.replay(decoder);
        return engine.events();
    }
}
