package com.tradingstation.feed.live;

import com.tradingstation.core.instrument.Instrument;
import com.tradingstation.core.instrument.Venue;
import com.tradingstation.feed.capture.CaptureWriter;

/**
 * Writes every frame and REST snapshot of a live feed in the capture format, so the recording
 * replays to the books the live run built. Spot and USD-M snapshots carry no symbol: the recorder
 * adds it, so a session of many symbols replays each snapshot onto the right book.
 * <p>
 * Threading: the receive thread (the tap's caller).
 */
public final class RecordingTap implements LiveFeed.Tap
{
    private final CaptureWriter writer;

    /**
     * @param writer where lines go.
     */
    public RecordingTap(final CaptureWriter writer)
    {
        this.writer = writer;
    }

    @Override
    public void onFrame(final Venue venue, final byte[] buffer, final int offset, final int length,
        final long receiveTimeNs)
    {
        writer.write(receiveTimeNs, buffer, offset, length);
    }

    @Override
    public void onSnapshot(final Instrument instrument, final byte[] body, final long receiveTimeNs)
    {
        final boolean named = new String(body, 0, Math.min(body.length, 4096),
            java.nio.charset.StandardCharsets.US_ASCII)
            .contains("\"symbol\"");
        writer.write(receiveTimeNs, named ? null : "\"symbol\":\"" + instrument.symbol() + "\"", body, 0, body.length);
    }
}
