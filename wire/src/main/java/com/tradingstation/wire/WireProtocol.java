package com.tradingstation.wire;

import com.tradingstation.wire.sbe.MessageHeaderEncoder;

/**
 * Constants of the station's market-data wire protocol (docs/WIRE.md).
 * <p>
 * A datagram is a 24-byte packet header followed by {@code messageCount} frames. A frame is a
 * 2-byte little-endian frame length (counting itself), the 8-byte SBE message header and the
 * message body. The frame length lets a receiver skip templates it does not know.
 */
public final class WireProtocol
{
    /** SBE schema id; a breaking change takes a new one. */
    public static final int SCHEMA_ID = MessageHeaderEncoder.SCHEMA_ID;
    /** Schema version this build writes; compatible additions increment it. */
    public static final int SCHEMA_VERSION = MessageHeaderEncoder.SCHEMA_VERSION;
    /** Oldest version this build reads. Version 0 was never issued. */
    public static final int MIN_COMPATIBLE_VERSION = 1;
    /**
     * First version whose book messages, definitions and snapshots carry {@code bookSeq}, the
     * per-instrument sequence; a version-1 stream has none, and a lost datagram then makes every
     * book stale.
     */
    public static final int BOOK_SEQ_VERSION = com.tradingstation.wire.sbe.BookLevelUpdateDecoder.bookSeqSinceVersion();
    /** {@code bookSeq} as read from a message older than {@link #BOOK_SEQ_VERSION}. */
    public static final long NO_BOOK_SEQ = com.tradingstation.wire.sbe.BookLevelUpdateDecoder.bookSeqNullValue();

    /** Channel id of level updates, trades, tops, statuses and definitions. */
    public static final int CHANNEL_INCREMENTAL = 1;
    /** Channel id of round-robin book snapshots. */
    public static final int CHANNEL_SNAPSHOT = 2;

    /** Bytes of the frame length in front of each message. */
    public static final int FRAME_LENGTH_SIZE = 2;
    /** Bytes of the SBE message header. */
    public static final int MESSAGE_HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;

    /** BookLevelUpdate flag: the last level of one venue update; the book is consistent after it. */
    public static final int FLAG_END_OF_UPDATE = 1;

    /** Default payload: a 1500-byte Ethernet MTU less 20 bytes of IPv4 and 8 of UDP header. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1472;
    /** Largest payload a UDP datagram over IPv4 carries. */
    public static final int MAX_UDP_PAYLOAD_BYTES = 65507;
    /** Smallest payload setting that still fits a snapshot part with one level. */
    public static final int MIN_PAYLOAD_BYTES = 128;

    /** Price of an empty side in TopOfBook: the book's own empty-side price. */
    public static final long NO_PRICE = com.tradingstation.core.book.L2Book.NO_PRICE;

    private WireProtocol()
    {
    }
}
