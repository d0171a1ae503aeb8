package com.tradingstation.core.instrument;

import com.tradingstation.core.fixedpoint.FixedPoint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maps venue + symbol to a dense int id and back. Lookups by raw symbol bytes allocate
 * nothing, so decoders resolve symbols on the hot path; registering a new instrument allocates
 * (it happens once per instrument).
 * <p>
 * Threading: one writer (the decoding thread) registers and looks up. Other threads may call
 * {@link #get(int)} for an id they learned through a ring or another happens-before edge.
 * Open addressing over hashes of the symbol bytes, written by hand because Agrona's maps key
 * on primitives or objects, and building a String key per message would allocate.
 */
public final class InstrumentRegistry
{
    /** Default capacity: instruments one station holds (ids 0..4095). */
    public static final int DEFAULT_CAPACITY = 4096;
    /** {@link #findOrRegister}: the registry is full. */
    public static final int FULL = -1;
    /** {@link #findOrRegister}: not a venue symbol ({@link Symbols}). */
    public static final int BAD_SYMBOL = -2;
    /** {@link #findOrRegister}: a valid symbol outside the allow-list. */
    public static final int NOT_ALLOWED = -3;

    private static final int ANY_VENUE = 1 << 30;

    private final int capacity;
    private final Instrument[] byId;
    private final byte[][] symbolBytesById;
    private final int[] slots; // id + 1, 0 = empty
    private final int mask;
    private int size;
    private byte[][] allowSymbols = new byte[0][];
    private int[] allowVenues = new int[0]; // bit per venue ordinal, ANY_VENUE for every venue
    private int[] allowSlots = new int[0];  // index + 1, 0 = empty
    private int allowCount;
    private boolean restricted;
    private long fullRejectCount;
    private long badSymbols;
    private long notAllowed;
    private int defaultPriceScale = FixedPoint.DEFAULT_SCALE;
    private int defaultQtyScale = FixedPoint.DEFAULT_SCALE;

    /**
     * Registry of {@link #DEFAULT_CAPACITY} instruments.
     */
    public InstrumentRegistry()
    {
        this(DEFAULT_CAPACITY);
    }

    /**
     * @param capacity maximum number of instruments.
     */
    public InstrumentRegistry(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.byId = new Instrument[capacity];
        this.symbolBytesById = new byte[capacity][];
        final int tableSize = Integer.highestOneBit(capacity * 2 - 1) << 1;
        this.slots = new int[tableSize];
        this.mask = tableSize - 1;
    }

    /**
     * Scales used for instruments registered without explicit scales.
     *
     * @param priceScale price decimals.
     * @param qtyScale   quantity decimals.
     * @return this.
     */
    public InstrumentRegistry defaultScales(final int priceScale, final int qtyScale)
    {
        checkScale(priceScale);
        checkScale(qtyScale);
        this.defaultPriceScale = priceScale;
        this.defaultQtyScale = qtyScale;
        return this;
    }

    /**
     * @return maximum number of instruments.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * @return number of registered instruments; ids are {@code 0..size()-1}.
     */
    public int size()
    {
        return size;
    }

    /**
     * @param id an id below {@link #size()}.
     * @return the instrument, or null for an unknown id.
     */
    public Instrument get(final int id)
    {
        return id >= 0 && id < capacity ? byId[id] : null;
    }

    /**
     * Find an instrument by venue and symbol bytes without allocating.
     *
     * @param venue  the venue.
     * @param src    bytes holding the symbol.
     * @param offset first byte of the symbol.
     * @param length symbol length.
     * @return the id, or -1 when not registered.
     */
    public int find(final Venue venue, final byte[] src, final int offset, final int length)
    {
        int slot = hash(venue, src, offset, length) & mask;
        while (true)
        {
            final int entry = slots[slot];
            if (entry == 0)
            {
                return -1;
            }
            final int id = entry - 1;
            if (byId[id].venue() == venue && Arrays.equals(symbolBytesById[id], 0, symbolBytesById[id].length,
                src, offset, offset + length))
            {
                return id;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Find or register an instrument by venue and symbol bytes. Allocates only when registering.
     *
     * @param venue  the venue.
     * @param src    bytes holding the symbol.
     * @param offset first byte.
     * @param length symbol length.
     * @return the id; or {@link #FULL}, {@link #BAD_SYMBOL} or {@link #NOT_ALLOWED} (each counted).
     */
    public int findOrRegister(final Venue venue, final byte[] src, final int offset, final int length)
    {
        final int id = find(venue, src, offset, length);
        if (id >= 0)
        {
            return id;
        }
        if (Symbols.check(src, offset, length) != Symbols.OK)
        {
            badSymbols++;
            return BAD_SYMBOL;
        }
        if (restricted && !allowed(venue, src, offset, length))
        {
            notAllowed++;
            return NOT_ALLOWED;
        }
        if (size == capacity)
        {
            fullRejectCount++;
            return FULL;
        }
        return register(venue, new String(src, offset, length, StandardCharsets.US_ASCII),
            defaultPriceScale, defaultQtyScale).id();
    }

    /**
     * Register an instrument, or return the existing one with the same venue and symbol.
     *
     * @param venue      the venue.
     * @param symbol     the symbol.
     * @param priceScale price decimals.
     * @param qtyScale   quantity decimals.
     * @return the instrument.
     * @throws IllegalStateException when the registry is full.
     * @throws IllegalArgumentException when the symbol is not a venue symbol ({@link Symbols}).
     */
    public Instrument register(final Venue venue, final String symbol, final int priceScale, final int qtyScale)
    {
        checkScale(priceScale);
        checkScale(qtyScale);
        Symbols.require(symbol);
        final byte[] bytes = symbol.getBytes(StandardCharsets.US_ASCII);
        final int existing = find(venue, bytes, 0, bytes.length);
        if (existing >= 0)
        {
            return byId[existing];
        }
        if (size == capacity)
        {
            throw new IllegalStateException("instrument registry full (" + capacity + ")");
        }
        final int id = size;
        final Instrument instrument = new Instrument(id, venue, symbol, priceScale, qtyScale);
        byId[id] = instrument;
        symbolBytesById[id] = bytes;
        int slot = hash(venue, bytes, 0, bytes.length) & mask;
        while (slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }
        slots[slot] = id + 1;
        size = id + 1;
        return instrument;
    }

    /**
     * @param venue  the venue.
     * @param symbol the symbol.
     * @return the id or -1.
     */
    public int find(final Venue venue, final String symbol)
    {
        final byte[] bytes = symbol.getBytes(StandardCharsets.US_ASCII);
        return find(venue, bytes, 0, bytes.length);
    }

    /**
     * @return all registered instruments in id order (a copy).
     */
    public List<Instrument> all()
    {
        final List<Instrument> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++)
        {
            list.add(byId[i]);
        }
        return list;
    }

    /**
     * Restrict what {@link #findOrRegister} registers to these symbols (instruments registered
     * explicitly are not affected). Call before decoding starts; calls add to the list.
     *
     * @param venue  the venue, or null for the symbol on every venue.
     * @param symbol the symbol.
     * @throws IllegalArgumentException when the symbol is not a venue symbol.
     */
    public void allow(final Venue venue, final String symbol)
    {
        Symbols.require(symbol);
        restricted = true;
        final byte[] bytes = symbol.getBytes(StandardCharsets.US_ASCII);
        final int bits = venue == null ? ANY_VENUE : 1 << venue.ordinal();
        final int existing = allowIndex(bytes, 0, bytes.length);
        if (existing >= 0)
        {
            allowVenues[existing] |= bits;
            return;
        }
        if ((allowCount + 1) * 2 > allowSlots.length)
        {
            final int tableSize = Math.max(16, Integer.highestOneBit((allowCount + 1) * 4 - 1) << 1);
            allowSlots = new int[tableSize];
            for (int i = 0; i < allowCount; i++)
            {
                insertAllow(i);
            }
        }
        if (allowCount == allowSymbols.length)
        {
            allowSymbols = Arrays.copyOf(allowSymbols, Math.max(8, allowCount * 2));
            allowVenues = Arrays.copyOf(allowVenues, allowSymbols.length);
        }
        allowSymbols[allowCount] = bytes;
        allowVenues[allowCount] = bits;
        insertAllow(allowCount);
        allowCount++;
    }

    /**
     * Let {@link #findOrRegister} register nothing new: only instruments already registered are
     * found (a live session that registered its subscribed symbols).
     */
    public void allowRegisteredOnly()
    {
        restricted = true;
        for (int i = 0; i < size; i++)
        {
            allow(byId[i].venue(), byId[i].symbol());
        }
    }

    /** @return true when {@link #findOrRegister} only registers allow-listed symbols. */
    public boolean restricted()
    {
        return restricted;
    }

    /**
     * @param venue  the venue.
     * @param src    bytes holding the symbol.
     * @param offset first byte.
     * @param length symbol length.
     * @return true when no allow-list is set, or the symbol is on it for this venue.
     */
    public boolean allowed(final Venue venue, final byte[] src, final int offset, final int length)
    {
        if (!restricted)
        {
            return true;
        }
        final int i = allowIndex(src, offset, length);
        return i >= 0 && (allowVenues[i] & (ANY_VENUE | 1 << venue.ordinal())) != 0;
    }

    /** @return new symbols refused because the registry was full. */
    public long fullRejectCount()
    {
        return fullRejectCount;
    }

    /** @return new symbols refused as not venue symbols. */
    public long badSymbols()
    {
        return badSymbols;
    }

    /** @return messages of valid symbols refused because they are not on the allow-list. */
    public long notAllowed()
    {
        return notAllowed;
    }

    private int allowIndex(final byte[] src, final int offset, final int length)
    {
        if (allowSlots.length == 0)
        {
            return -1;
        }
        final int m = allowSlots.length - 1;
        int slot = symbolHash(src, offset, length) & m;
        while (true)
        {
            final int entry = allowSlots[slot];
            if (entry == 0)
            {
                return -1;
            }
            final byte[] candidate = allowSymbols[entry - 1];
            if (Arrays.equals(candidate, 0, candidate.length, src, offset, offset + length))
            {
                return entry - 1;
            }
            slot = (slot + 1) & m;
        }
    }

    private void insertAllow(final int index)
    {
        final int m = allowSlots.length - 1;
        final byte[] b = allowSymbols[index];
        int slot = symbolHash(b, 0, b.length) & m;
        while (allowSlots[slot] != 0)
        {
            slot = (slot + 1) & m;
        }
        allowSlots[slot] = index + 1;
    }

    private static int symbolHash(final byte[] src, final int offset, final int length)
    {
        return hash(0, src, offset, length);
    }

    private static int hash(final Venue venue, final byte[] src, final int offset, final int length)
    {
        return hash(0x9E3779B9 * (venue.ordinal() + 1), src, offset, length);
    }

    private static int hash(final int seed, final byte[] src, final int offset, final int length)
    {
        int h = seed;
        for (int i = offset, end = offset + length; i < end; i++)
        {
            h = 31 * h + src[i];
        }
        return h ^ (h >>> 16);
    }

    private static void checkScale(final int scale)
    {
        if (scale < 0 || scale > FixedPoint.MAX_SCALE)
        {
            throw new IllegalArgumentException("scale must be 0.." + FixedPoint.MAX_SCALE + ": " + scale);
        }
    }
}
