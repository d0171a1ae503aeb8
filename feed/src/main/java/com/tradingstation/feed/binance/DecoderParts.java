package com.tradingstation.feed.binance;

import com.tradingstation.core.fixedpoint.FixedPointParser;
import com.tradingstation.core.instrument.InstrumentRegistry;
import com.tradingstation.feed.json.JsonCursor;

/**
 * What the parts of one {@link BinanceDecoder} share: the message being decoded and the cursor over
 * it, the instruments, the number parser, the venue rules, the malformed counters and the level
 * bound. Each part copies the members it uses into its own final fields when it is built, so the
 * decoding path reads no further through this record.
 *
 * @param message   the message being decoded.
 * @param cursor    the cursor over the message.
 * @param registry  instruments.
 * @param parser    fixed-point parser (its reject counters count bad numbers).
 * @param venues    the venue given for the decoder or the call.
 * @param malformed where malformed messages are counted.
 * @param maxLevels bound of levels per side of one message.
 */
record DecoderParts(
    BinanceMessage message, JsonCursor cursor, InstrumentRegistry registry, FixedPointParser parser,
    VenueInference venues, MalformedCounts malformed, int maxLevels)
{
}
