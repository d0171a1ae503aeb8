package com.tradingstation.feed.capture;

/**
 * Receives the messages of a capture file, one line at a time, on the reading thread.
 */
public interface CaptureLineHandler
{
    /**
     * One message. The bytes are reused after return.
     *
     * @param buffer        bytes.
     * @param offset        first byte of the JSON.
     * @param length        JSON length.
     * @param receiveTimeNs the recorder's receive time, or 0 when the line has none.
     */
    void onLine(byte[] buffer, int offset, int length, long receiveTimeNs);

    /**
     * A line that could not be handed over (longer than the reader's bound, or a bad timestamp).
     *
     * @param tooLong true when the line exceeded the bound.
     */
    void onBadLine(boolean tooLong);
}
