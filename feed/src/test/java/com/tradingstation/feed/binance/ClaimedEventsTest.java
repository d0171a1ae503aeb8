package com.tradingstation.feed.binance;

import com.tradingstation.core.event.EventLayout;
import com.tradingstation.core.event.EventType;
import com.tradingstation.core.event.RingEventSink;
import com.tradingstation.core.instrument.InstrumentRegistry;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events written in place into claimed ring space are byte for byte the events a copying sink
 * receives, and a claim whose message turns out malformed publishes nothing.
 */
class ClaimedEventsTest
{
    private static final String[] MESSAGES = {
        // First sight of the instrument: registered, levels parsed into the scratch buffer and copied.
        diff(1, "[[\"58710.20\",\"0.014\"]]", "[]", ""),
        // Known instrument: counted, claimed, parsed in place.
        diff(2, "[[\"58710.20\",\"0.015\"],[\"58710.10\",\"0\"]]", "[[\"58710.30\",\"1.5\"]]", ""),
        diff(3, "[]", "[[\"58710.30\",\"0\"],[\"58710.40\",\"2\"]]", ""),
        // Claimed, then malformed after the levels: the claim is aborted.
        diff(4, "[[\"58710.20\",\"0.1\"]]", "[[\"58710.30\",\"0.2\"]]", ",\"x\":\"unterminated"),
        // Claimed, then a bad number in the asks: aborted.
        diff(5, "[[\"58710.20\",\"0.1\"]]", "[[\"58710.30\",\"-0.2\"]]", ""),
        // Claimed, then a bad number in the bids: aborted.
        diff(6, "[[\"5871O.20\",\"0.1\"]]", "[[\"58710.30\",\"0.2\"]]", ""),
        // Whitespace: not the counted shape, read the ordinary way.
        diff(7, "[ [\"58710.20\", \"0.3\"] ]", "[[\"58710.30\",\"0.4\"]]", ""),
        // A ']' inside an extra element: counted as two levels, parsed as one: aborted, read the ordinary way.
        diff(8, "[[\"58710.20\",\"0.3\",\"],[\"]]", "[[\"58710.30\",\"0.4\"]]", ""),
        "{\"e\":\"bookTicker\",\"u\":9,\"s\":\"BTCUSDT\",\"b\":\"1.5\",\"B\":\"2\",\"a\":\"1.6\",\"A\":\"3\",\"E\":5}",
        "{\"e\":\"trade\",\"E\":5,\"s\":\"BTCUSDT\",\"t\":10,\"p\":\"1.5\",\"q\":\"2\",\"T\":4,\"m\":true}",
        diff(9, "[[\"58710.20\",\"0.5\"]]", "[[\"58710.30\",\"0.6\"]]", ""),
    };

    private static String diff(final long id, final String bids, final String asks, final String tail)
    {
        return "{\"e\":\"depthUpdate\",\"E\":1723161256299,\"T\":1723161256298,\"s\":\"BTCUSDT\",\"U\":" + id +
            ",\"u\":" + id + ",\"pu\":" + (id - 1) + ",\"b\":" + bids + ",\"a\":" + asks + tail + "}";
    }

    @Test
    void claimedEventsEqualCopiedEvents()
    {
        final List<String> copied = new ArrayList<>();
        final BinanceDecoder copying = new BinanceDecoder(
            new InstrumentRegistry(), (type, buffer, offset, length) -> copied.add(describe(type, buffer, offset, length)));

        final OneToOneRingBuffer ring = new OneToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024 + RingBufferDescriptor.TRAILER_LENGTH)));
        final RingEventSink sink = new RingEventSink(ring, new BusySpinIdleStrategy());
        final BinanceDecoder claiming = new BinanceDecoder(new InstrumentRegistry(), sink);

        for (final String message : MESSAGES)
        {
            final byte[] b = message.getBytes(StandardCharsets.US_ASCII);
            copying.onMessage(b, 0, b.length, 77L);
            claiming.onMessage(b, 0, b.length, 77L);
        }
        final List<String> claimed = new ArrayList<>();
        final long[] publishedBytes = new long[1];
        ring.read((type, buffer, offset, length) ->
        {
            claimed.add(describe(type, buffer, offset, length));
            publishedBytes[0] += record(length);
        });

        assertThat(copied).hasSize(8); // diffs 1, 2, 3, 7, 8, 9, the ticker and the trade
        assertThat(claimed).containsExactlyElementsOf(copied);
        assertThat(claimed.get(1)).startsWith(EventType.DEPTH + ":");
        for (final MalformedReason reason : MalformedReason.values())
        {
            assertThat(claiming.malformed(reason)).as(reason.name()).isEqualTo(copying.malformed(reason));
        }
        assertThat(claiming.malformed(MalformedReason.SYNTAX)).isEqualTo(1); // diff 4
        assertThat(claiming.malformed(MalformedReason.BAD_NUMBER)).isEqualTo(2); // diffs 5 and 6
        assertThat(claiming.numberParser().totalRejects()).isEqualTo(copying.numberParser().totalRejects());
        assertThat(sink.rejected()).isZero();
        // The ring also holds the four aborted claims (diffs 4, 5 and 6 of 1+1 levels, diff 8 counted as 2+1).
        assertThat(ring.producerPosition() - publishedBytes[0]).isEqualTo(
            3 * record(EventLayout.depthLength(1, 1)) + record(EventLayout.depthLength(2, 1)));
    }

    private static int record(final int length)
    {
        return BitUtil.align(length + RecordDescriptor.HEADER_LENGTH, RecordDescriptor.ALIGNMENT);
    }

    private static String describe(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return type + ":" + Arrays.toString(bytes);
    }
}
