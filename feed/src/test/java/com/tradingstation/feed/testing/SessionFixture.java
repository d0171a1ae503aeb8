package com.tradingstation.feed.testing;

import com.tradingstation.core.instrument.Venue;
import com.tradingstation.feed.synth.SyntheticSession;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One-symbol {@link SyntheticSession} for always-on tests, sized in depth diffs, with its
 * reference book's end state for assertions.
 */
public final class SessionFixture
{
    private static final int DIFFS_PER_SECOND = 100;

    private final SyntheticSession session;

    /**
     * @param venue which variant to write.
     * @param seed  random seed.
     */
    public SessionFixture(final Venue venue, final long seed)
    {
        this.session = new SyntheticSession(venue, 1, DIFFS_PER_SECOND, 300, seed);
    }

    /**
     * @param diffs depth diffs, a multiple of 100.
     * @return capture lines (without newlines).
     */
    public List<String> generate(final int diffs)
    {
        final StringWriter w = new StringWriter();
        try
        {
            session.write(w, diffs / DIFFS_PER_SECOND);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return Arrays.asList(w.toString().split("\n"));
    }

    /**
     * @param diffs depth diffs, a multiple of 100.
     * @return the session as ASCII bytes with newlines.
     */
    public byte[] generateBytes(final int diffs)
    {
        return (String.join("\n", generate(diffs)) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** @return the symbol. */
    public String symbol()
    {
        return session.symbols().get(0);
    }

    /** @return the reference best bid. */
    public String bestBid()
    {
        return session.bestBid(0);
    }

    /** @return the reference best ask. */
    public String bestAsk()
    {
        return session.bestAsk(0);
    }

    /** @return reference bid levels. */
    public int bidLevels()
    {
        return session.bidLevels(0);
    }

    /** @return reference ask levels. */
    public int askLevels()
    {
        return session.askLevels(0);
    }
}
