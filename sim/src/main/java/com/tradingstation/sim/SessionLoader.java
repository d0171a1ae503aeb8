package com.tradingstation.sim;

import com.tradingstation.core.instrument.Venue;
import com.tradingstation.feed.capture.CaptureLineHandler;
import com.tradingstation.feed.capture.CaptureReader;
import com.tradingstation.feed.json.JsonCursor;
import com.tradingstation.feed.synth.SyntheticSession;
import com.tradingstation.json.JsonWriter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.tradingstation.feed.binance.BinanceKeys.*;

/**
 * Loads capture files and synthetic sessions into memory as {@link SimLine}s: for each line its
 * receive time, stream kind, symbol and the {@code data} object's bytes. Runs once on the thread
 * that starts the simulator; the result is read-only afterwards. Loading allocates freely: it is
 * done before anything is served.
 */
final class SessionLoader
{
    /**
     * One session: lines in their recorded order and the symbols they name.
     *
     * @param name    where it came from.
     * @param venue   its venue.
     * @param lines   lines in order.
     * @param symbols symbols by upper-case name.
     */
    record Session(String name, Venue venue, List<SimLine> lines, Map<String, SimSymbol> symbols)
    {
    }

    /** A line parsed before the session's venue is known. */
    private static final class RawLine
    {
        long receiveNs;
        StreamKind kind;
        String symbol;
        byte[] data;
        int eventTimeOffset = -1;
        long first;
        long last;
        boolean hasPu;
        boolean hasPs;
        boolean hasPair;
        boolean hasEventTime;
        boolean hasEventType;
        boolean symbolField;
        final List<String> prices = new ArrayList<>();
        final List<String> qtys = new ArrayList<>();
    }

    private final JsonCursor cursor = new JsonCursor();
    private long skippedLines;

    /** @return lines that were neither a known stream nor a snapshot. */
    long skippedLines()
    {
        return skippedLines;
    }

    /**
     * @param group capture files of one session.
     * @return the session.
     * @throws IOException when a file cannot be read.
     */
    Session loadCaptures(final SimConfig.CaptureGroup group) throws IOException
    {
        final List<List<RawLine>> files = new ArrayList<>();
        final CaptureReader reader = new CaptureReader();
        for (final Path file : group.files())
        {
            if (!Files.isRegularFile(file))
            {
                throw new NoSuchFileException(file.toString(), null, "capture file not found");
            }
            final List<RawLine> lines = new ArrayList<>();
            reader.read(file, handler(lines));
            files.add(lines);
        }
        return build(group.files().toString(), group.venue(), files);
    }

    /**
     * @param synthetic the generator's options.
     * @return the generated session.
     * @throws IOException never in practice (in-memory writer).
     */
    Session loadSynthetic(final SimConfig.Synthetic synthetic) throws IOException
    {
        final SyntheticSession session = new SyntheticSession(
            synthetic.venue(), synthetic.symbols(), synthetic.diffsPerSecond(), synthetic.levelsPerSide(),
            synthetic.seed());
        final StringWriter out = new StringWriter(1 << 16);
        session.write(out, synthetic.durationSeconds());
        final List<RawLine> lines = new ArrayList<>();
        new CaptureReader().read(
            new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.US_ASCII)), handler(lines));
        return build("synthetic:" + synthetic.venue().id(), synthetic.venue(), List.of(lines));
    }

    private CaptureLineHandler handler(final List<RawLine> lines)
    {
        return new CaptureLineHandler()
        {
            @Override
            public void onLine(final byte[] buffer, final int offset, final int length, final long receiveTimeNs)
            {
                final RawLine line = parse(buffer, offset, length, receiveTimeNs);
                if (line == null)
                {
                    skippedLines++;
                }
                else
                {
                    lines.add(line);
                }
            }

            @Override
            public void onBadLine(final boolean tooLong)
            {
                skippedLines++;
            }
        };
    }

    private Session build(final String name, final Venue given, final List<List<RawLine>> files)
    {
        final Venue venue = given != null ? given : infer(files);
        final Map<String, SimSymbol> symbols = new LinkedHashMap<>();
        final List<SimLine> out = new ArrayList<>();
        for (final List<RawLine> file : files)
        {
            // A symbol-less snapshot belongs to the most recent depth symbol of its file, or the next one.
            String lastDepthSymbol = null;
            final List<RawLine> waiting = new ArrayList<>();
            final List<SimLine> fileOut = new ArrayList<>();
            for (final RawLine raw : file)
            {
                if (raw.kind == StreamKind.SNAPSHOT && raw.symbol == null)
                {
                    if (lastDepthSymbol == null)
                    {
                        waiting.add(raw);
                        fileOut.add(null);
                        continue;
                    }
                    raw.symbol = lastDepthSymbol;
                }
                if (raw.kind == StreamKind.DEPTH)
                {
                    lastDepthSymbol = raw.symbol;
                    if (!waiting.isEmpty())
                    {
                        for (final RawLine w : waiting)
                        {
                            w.symbol = raw.symbol;
                            fileOut.set(fileOut.indexOf(null), toLine(w, venue, symbols));
                        }
                        waiting.clear();
                    }
                }
                fileOut.add(toLine(raw, venue, symbols));
            }
            for (final SimLine l : fileOut)
            {
                if (l != null)
                {
                    out.add(l);
                }
            }
        }
        return new Session(name, venue, out, symbols);
    }

    private static SimLine toLine(final RawLine raw, final Venue venue, final Map<String, SimSymbol> symbols)
    {
        final SimSymbol symbol = symbols.computeIfAbsent(raw.symbol, s -> new SimSymbol(venue, s));
        for (final String p : raw.prices)
        {
            symbol.price(trimmedDecimals(p), rawDecimals(p));
        }
        for (final String q : raw.qtys)
        {
            symbol.qty(trimmedDecimals(q), rawDecimals(q));
        }
        byte[] data = raw.data;
        if (raw.kind == StreamKind.SNAPSHOT)
        {
            if (!raw.symbolField)
            {
                data = injectSymbol(data, raw.symbol);
            }
            if (symbol.firstSnapshot == null)
            {
                symbol.firstSnapshot = data;
            }
        }
        else if (raw.kind == StreamKind.DEPTH)
        {
            symbol.finalUpdateId = raw.last;
            symbol.diffsInSession++;
        }
        final int eventTimeOffset = raw.kind == StreamKind.SNAPSHOT ? -1 : raw.eventTimeOffset;
        return new SimLine(raw.receiveNs, raw.kind, symbol, data, eventTimeOffset, raw.first, raw.last);
    }

    /** Venue from the field variants: a diff with pu is futures, with ps (or a COIN-M symbol) COIN-M. */
    private static Venue infer(final List<List<RawLine>> files)
    {
        for (final List<RawLine> file : files)
        {
            for (final RawLine l : file)
            {
                if (l.kind == StreamKind.DEPTH)
                {
                    if (!l.hasPu)
                    {
                        return Venue.BINANCE_SPOT;
                    }
                    return l.hasPs || l.symbol.indexOf('_') >= 0 ? Venue.BINANCE_COINM : Venue.BINANCE_USDM;
                }
            }
        }
        for (final List<RawLine> file : files)
        {
            for (final RawLine l : file)
            {
                if (l.kind == StreamKind.SNAPSHOT)
                {
                    return l.hasPair ? Venue.BINANCE_COINM : l.hasEventTime ? Venue.BINANCE_USDM : Venue.BINANCE_SPOT;
                }
                if (l.kind == StreamKind.BOOK_TICKER)
                {
                    return !l.hasEventType ? Venue.BINANCE_SPOT :
                        l.symbol.indexOf('_') >= 0 ? Venue.BINANCE_COINM : Venue.BINANCE_USDM;
                }
            }
        }
        return Venue.BINANCE_SPOT;
    }

    private RawLine parse(final byte[] buffer, final int offset, final int length, final long receiveNs)
    {
        final JsonCursor c = cursor.wrap(buffer, offset, length);
        if (!c.beginObject())
        {
            return null;
        }
        String stream = null;
        int dataStart = -1;
        int dataEnd = -1;
        boolean first = true;
        boolean envelope = false;
        while (c.nextKey(first))
        {
            first = false;
            final long k = c.keyCode();
            if (k == K_STREAM && c.readString())
            {
                stream = span(c, buffer);
                envelope = true;
            }
            else if (k == K_DATA)
            {
                dataStart = skipValue(c);
                dataEnd = c.position();
                envelope = true;
            }
            else
            {
                c.skipValue();
            }
        }
        if (c.failed())
        {
            return null;
        }
        final RawLine line = new RawLine();
        line.receiveNs = receiveNs;
        if (envelope)
        {
            if (stream == null || dataStart < 0 || buffer[dataStart] != '{')
            {
                return null;
            }
            line.data = Arrays.copyOfRange(buffer, dataStart, dataEnd);
        }
        else
        {
            line.data = Arrays.copyOfRange(buffer, offset, offset + length);
        }
        final String eventType = scanData(line);
        if (eventType == null)
        {
            return null;
        }
        if (stream != null)
        {
            final int at = stream.indexOf('@');
            if (at <= 0)
            {
                return null;
            }
            final String suffix = stream.substring(at + 1);
            line.kind = suffix.startsWith("depth") ? StreamKind.DEPTH : suffix.equals("bookTicker")
                ? StreamKind.BOOK_TICKER :
                suffix.equals("trade") || suffix.equals("aggTrade") ? StreamKind.TRADE : null;
            if (line.symbol == null)
            {
                line.symbol = stream.substring(0, at).toUpperCase(Locale.ROOT);
            }
        }
        else
        {
            line.kind = switch (eventType)
            {
                case "depthUpdate" -> StreamKind.DEPTH;
                case "bookTicker" -> StreamKind.BOOK_TICKER;
                case "trade", "aggTrade" -> StreamKind.TRADE;
                case "#snapshot" -> StreamKind.SNAPSHOT;
                default -> null;
            };
        }
        if (line.kind == null || (line.kind != StreamKind.SNAPSHOT && line.symbol == null))
        {
            return null;
        }
        return line;
    }

    /**
     * Reads the data object's routing fields and collects its decimal strings.
     *
     * @return the event type ({@code "#snapshot"} for a REST depth answer, {@code "bookTicker"} for
     * spot's untyped ticker), or null when the object is unusable.
     */
    private String scanData(final RawLine line)
    {
        final byte[] d = line.data;
        final JsonCursor c = cursor.wrap(d, 0, d.length);
        if (!c.beginObject())
        {
            return null;
        }
        String eventType = null;
        boolean snapshot = false;
        boolean hasTickerPrice = false;
        boolean first = true;
        while (c.nextKey(first))
        {
            first = false;
            final long k = c.keyCode();
            if (k == K_e && c.readString())
            {
                eventType = span(c, d);
                line.hasEventType = true;
            }
            else if (k == K_E)
            {
                final int start = skipValue(c);
                line.hasEventTime = true;
                if (c.position() - start == 13 && allDigits(d, start, 13))
                {
                    line.eventTimeOffset = start;
                }
            }
            else if ((k == K_s || k == K_SYMBOL) && c.readString())
            {
                line.symbol = span(c, d);
                line.symbolField = true;
            }
            else if (k == K_U)
            {
                line.first = c.readLong();
            }
            else if (k == K_u)
            {
                line.last = c.readLong();
            }
            else if (k == K_LAST_UPDATE_ID)
            {
                line.last = c.readLong();
                snapshot = true;
            }
            else if (k == K_pu)
            {
                line.hasPu = true;
                c.skipValue();
            }
            else if (k == K_ps)
            {
                line.hasPs = true;
                c.skipValue();
            }
            else if (k == K_PAIR)
            {
                line.hasPair = true;
                c.skipValue();
            }
            else if (k == K_b || k == K_a || k == K_BIDS || k == K_ASKS)
            {
                skipWs(c);
                if (c.position() < d.length && d[c.position()] == '"')
                {
                    c.readString();
                    line.prices.add(span(c, d));
                    hasTickerPrice = true;
                }
                else
                {
                    levels(c, d, line);
                }
            }
            else if ((k == K_B || k == K_A || k == K_q) && peekString(c, d))
            {
                c.readString();
                line.qtys.add(span(c, d));
            }
            else if (k == K_p && peekString(c, d))
            {
                c.readString();
                line.prices.add(span(c, d));
            }
            else
            {
                c.skipValue();
            }
        }
        if (c.failed())
        {
            return null;
        }
        if (eventType != null)
        {
            return eventType;
        }
        if (snapshot)
        {
            return "#snapshot";
        }
        return hasTickerPrice ? "bookTicker" : null;
    }

    private static void levels(final JsonCursor c, final byte[] d, final RawLine line)
    {
        if (!c.beginArray())
        {
            return;
        }
        boolean firstLevel = true;
        while (c.nextElement(firstLevel))
        {
            firstLevel = false;
            if (!c.beginArray())
            {
                return;
            }
            boolean firstField = true;
            int index = 0;
            while (c.nextElement(firstField))
            {
                firstField = false;
                if (index < 2 && peekString(c, d) && c.readString())
                {
                    (index == 0 ? line.prices : line.qtys).add(span(c, d));
                }
                else
                {
                    c.skipValue();
                }
                index++;
            }
        }
    }

    private static boolean peekString(final JsonCursor c, final byte[] d)
    {
        skipWs(c);
        return c.position() < d.length && d[c.position()] == '"';
    }

    private static void skipWs(final JsonCursor c)
    {
        final byte[] b = c.buffer();
        int p = c.position();
        while (p < c.limit() && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r' || b[p] == '\n'))
        {
            p++;
        }
        c.position(p);
    }

    /** @return where the skipped value starts (after any whitespace); the cursor is past its end. */
    private static int skipValue(final JsonCursor c)
    {
        skipWs(c);
        final int start = c.position();
        c.skipValue();
        return start;
    }

    private static String span(final JsonCursor c, final byte[] d)
    {
        return new String(d, c.stringStart(), c.stringEnd() - c.stringStart(), StandardCharsets.US_ASCII);
    }

    private static boolean allDigits(final byte[] b, final int start, final int n)
    {
        for (int i = start; i < start + n; i++)
        {
            if (b[i] < '0' || b[i] > '9')
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param decimal a decimal string.
     * @return digits after the point as written.
     */
    static int rawDecimals(final String decimal)
    {
        final int dot = decimal.indexOf('.');
        return dot < 0 ? 0 : decimal.length() - dot - 1;
    }

    /**
     * @param decimal a decimal string.
     * @return digits after the point once trailing zeros are trimmed, as the station reads a tick or
     *     step size from exchangeInfo ({@link com.tradingstation.feed.live.ExchangeInfo#decimals}).
     */
    static int trimmedDecimals(final String decimal)
    {
        return com.tradingstation.feed.live.ExchangeInfo.decimals(decimal);
    }

    /** Puts {@code "symbol":"X"} first so the decoder attributes a symbol-less snapshot. */
    private static byte[] injectSymbol(final byte[] snapshot, final String symbol)
    {
        // The snapshot's own '{' is replaced by this open object, so its members follow the comma.
        final String open = new JsonWriter(new StringBuilder(32)).beginObject().field("symbol", symbol).toString();
        final byte[] head = (open + ",").getBytes(StandardCharsets.UTF_8);
        final byte[] out = new byte[head.length + snapshot.length - 1];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(snapshot, 1, out, head.length, snapshot.length - 1);
        return out;
    }
}
