package com.tradingstation.core.counters;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The station's counters in one memory-mapped file, laid out like Aeron's CnC file so a second
 * process ({@code station stat}) can read them without touching the station's threads:
 *
 * <pre>
 *   0  int   magic {@value #MAGIC} ("STCN" little-endian), written last with an ordered store
 *   4  int   layout version {@value #LAYOUT_VERSION}
 *   8  long  pid of the station that owns the file
 *  16  long  start time, epoch ms
 *  24  int   metadata buffer length, bytes
 *  28  int   values buffer length, bytes
 *  32..127   reserved (zero)
 * 128        metadata buffer: Agrona {@link CountersReader} records of {@link CountersReader#METADATA_LENGTH} bytes
 * 128 + metadata length
 *            values buffer: one {@link CountersReader#COUNTER_LENGTH}-byte record per counter
 * </pre>
 *
 * The station {@link #create creates} the file and allocates its counters through {@link #manager()};
 * each counter is then written by its one owner thread. Readers {@link #openReadOnly map it read-only}.
 * Closing the owner's view deletes the file; the mapping itself is released with its buffer, so a
 * thread that still reads it never touches unmapped memory.
 */
public final class CountersFile implements AutoCloseable
{
    /** The file name inside a run directory. */
    public static final String FILE_NAME = "station.counters";
    /** "STCN" read as a little-endian int. */
    public static final int MAGIC = 0x4e435453;
    /** The layout this class writes and reads. */
    public static final int LAYOUT_VERSION = 1;
    /** Bytes before the metadata buffer. */
    public static final int HEADER_LENGTH = 128;
    /** Counters the station allocates room for. */
    public static final int DEFAULT_MAX_COUNTERS = 512;
    /** Offset of the magic. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the layout version. */
    public static final int LAYOUT_VERSION_OFFSET = 4;
    /** Offset of the owner's pid. */
    public static final int PID_OFFSET = 8;
    /** Offset of the start time in epoch ms. */
    public static final int START_TIME_MS_OFFSET = 16;
    /** Offset of the metadata buffer length. */
    public static final int METADATA_LENGTH_OFFSET = 24;
    /** Offset of the values buffer length. */
    public static final int VALUES_LENGTH_OFFSET = 28;

    private final Path file;
    private final ByteBuffer mapped;
    private final UnsafeBuffer header;
    private final CountersReader reader;
    private final CountersManager manager;
    private final long pid;
    private final long startTimeMs;
    private boolean closed;

    private CountersFile(final Path file, final ByteBuffer mapped, final boolean writable)
    {
        this.file = file;
        this.mapped = mapped;
        this.header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        final int metadataLength = header.getInt(METADATA_LENGTH_OFFSET);
        final int valuesLength = header.getInt(VALUES_LENGTH_OFFSET);
        final UnsafeBuffer metadata = new UnsafeBuffer(mapped, HEADER_LENGTH, metadataLength);
        final UnsafeBuffer values = new UnsafeBuffer(mapped, HEADER_LENGTH + metadataLength, valuesLength);
        this.manager = writable ? new CountersManager(metadata, values) : null;
        this.reader = new CountersReader(metadata, values);
        this.pid = header.getLong(PID_OFFSET);
        this.startTimeMs = header.getLong(START_TIME_MS_OFFSET);
    }

    /**
     * Create (or replace) the counters file of this process. A file left by a station that is no
     * longer running is replaced; one whose station still runs is not.
     *
     * @param file        where, e.g. {@code HOME/run/station.counters}; parent directories are created.
     * @param maxCounters room for this many counters.
     * @return the owner's view.
     * @throws IOException           when the file cannot be written.
     * @throws IllegalStateException when another running station owns the file.
     */
    public static CountersFile create(final Path file, final int maxCounters) throws IOException
    {
        if (Files.exists(file))
        {
            long otherPid = 0;
            try (CountersFile existing = openReadOnly(file))
            {
                final boolean other = existing.pid() != ProcessHandle.current().pid();
                otherPid = other && existing.ownerRunning() ? existing.pid() : 0;
            }
            catch (final IOException notACountersFile)
            {
                // half written or foreign: replaced below
            }
            if (otherPid != 0)
            {
                throw new IllegalStateException(file + ": in use by the station with pid " + otherPid);
            }
            Files.delete(file);
        }
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        final MappedByteBuffer mapped = IoUtil.mapNewFile(file.toFile(), length(maxCounters), true);
        initialise(mapped, maxCounters);
        return new CountersFile(file, mapped, true);
    }

    /**
     * Counters of this process only, in memory (no file): the same layout, for a station that does
     * not publish its counters to other processes.
     *
     * @param maxCounters room for this many counters.
     * @return the owner's view.
     */
    public static CountersFile inMemory(final int maxCounters)
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(length(maxCounters));
        initialise(buffer, maxCounters);
        return new CountersFile(null, buffer, true);
    }

    /**
     * Map a station's counters file read-only.
     *
     * @param file the file.
     * @return a reader's view.
     * @throws IOException when the file is missing, unreadable or not a complete counters file of this layout.
     */
    public static CountersFile openReadOnly(final Path file) throws IOException
    {
        final long size = Files.size(file);
        if (size < HEADER_LENGTH)
        {
            throw new IOException(file + ": not a station counters file (" + size + " bytes)");
        }
        final MappedByteBuffer mapped =
            IoUtil.mapExistingFile(file.toFile(), FileChannel.MapMode.READ_ONLY, "counters");
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        final String problem;
        if (header.getIntVolatile(MAGIC_OFFSET) != MAGIC)
        {
            problem = "not a station counters file, or not yet initialised";
        }
        else if (header.getInt(LAYOUT_VERSION_OFFSET) != LAYOUT_VERSION)
        {
            problem = "layout version " + header.getInt(LAYOUT_VERSION_OFFSET) +
                ", this station reads " + LAYOUT_VERSION;
        }
        else if (header.getInt(METADATA_LENGTH_OFFSET) < 0 || header.getInt(VALUES_LENGTH_OFFSET) < 0 ||
            HEADER_LENGTH + (long)header.getInt(METADATA_LENGTH_OFFSET) + header.getInt(VALUES_LENGTH_OFFSET) > size)
        {
            problem = "buffer lengths do not fit the file";
        }
        else
        {
            return new CountersFile(file, mapped, false);
        }
        IoUtil.unmap(mapped);
        throw new IOException(file + ": " + problem);
    }

    private static int length(final int maxCounters)
    {
        return HEADER_LENGTH + maxCounters * (CountersReader.METADATA_LENGTH + CountersReader.COUNTER_LENGTH);
    }

    private static void initialise(final ByteBuffer buffer, final int maxCounters)
    {
        final UnsafeBuffer header = new UnsafeBuffer(buffer, 0, HEADER_LENGTH);
        header.putInt(LAYOUT_VERSION_OFFSET, LAYOUT_VERSION);
        header.putLong(PID_OFFSET, ProcessHandle.current().pid());
        header.putLong(START_TIME_MS_OFFSET, System.currentTimeMillis());
        header.putInt(METADATA_LENGTH_OFFSET, maxCounters * CountersReader.METADATA_LENGTH);
        header.putInt(VALUES_LENGTH_OFFSET, maxCounters * CountersReader.COUNTER_LENGTH);
        header.putIntOrdered(MAGIC_OFFSET, MAGIC); // last: a reader that sees the magic sees the whole header
    }

    /** @return the file, or null for {@link #inMemory} counters. */
    public Path file()
    {
        return file;
    }

    /** @return the pid of the station that created the file. */
    public long pid()
    {
        return pid;
    }

    /** @return when the station created the file, epoch ms. */
    public long startTimeMs()
    {
        return startTimeMs;
    }

    /**
     * @return true while the process named in the header runs and is not a later process that
     * reused the pid (one that started after the file was created).
     */
    public boolean ownerRunning()
    {
        final Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive())
        {
            return false;
        }
        final Optional<Instant> started = handle.get().info().startInstant();
        return started.isEmpty() || started.get().toEpochMilli() <= startTimeMs + 1_000;
    }

    /** @return the allocator of the owner's view (single threaded: allocate at start-up). */
    public CountersManager manager()
    {
        if (manager == null)
        {
            throw new IllegalStateException("read-only counters");
        }
        return manager;
    }

    /** @return a reader over the same buffers (any thread). */
    public CountersReader reader()
    {
        return reader;
    }

    /**
     * @return every allocated counter with its current value (allocates: for readers, not the hot path).
     */
    public List<Counter> counters()
    {
        final List<Counter> out = new ArrayList<>();
        reader.forEach((final int id, final int typeId, final org.agrona.DirectBuffer key, final String label) ->
        {
            final StationCounter def = StationCounter.ofTypeId(typeId);
            final String venue = def != null && (def.perVenue() || def.perThread()) ? key.getStringAscii(0) : "";
            out.add(new Counter(id, typeId, label, venue, reader.getCounterValue(id)));
        });
        return out;
    }

    /**
     * @param type a definition.
     * @return the sum of the current values of its counters (0 when none is allocated).
     */
    public long sum(final StationCounter type)
    {
        long sum = 0;
        for (int id = next(type, 0); id != CountersReader.NULL_COUNTER_ID; id = next(type, id + 1))
        {
            sum += reader.getCounterValue(id);
        }
        return sum;
    }

    /**
     * @param type a definition.
     * @return true when a counter of it is allocated.
     */
    public boolean has(final StationCounter type)
    {
        return next(type, 0) != CountersReader.NULL_COUNTER_ID;
    }

    private int next(final StationCounter type, final int fromId)
    {
        for (int id = fromId, max = reader.maxCounterId(); id <= max; id++)
        {
            final int state = reader.getCounterState(id);
            if (state == CountersReader.RECORD_UNUSED)
            {
                break;
            }
            if (state == CountersReader.RECORD_ALLOCATED && reader.getCounterTypeId(id) == type.typeId())
            {
                return id;
            }
        }
        return CountersReader.NULL_COUNTER_ID;
    }

    /**
     * Allocate a counter (owner, at start-up).
     *
     * @param type its definition (not a per-venue one).
     * @return the counter, to be written by its one owner thread.
     */
    public AtomicCounter newCounter(final StationCounter type)
    {
        return manager().newCounter(type.label(), type.typeId());
    }

    /**
     * Allocate a per-venue or per-thread counter (owner, at start-up).
     *
     * @param type  a per-venue or per-thread definition.
     * @param venue the venue id or the thread's role, stored as the key and appended to the label.
     * @return the counter, to be written by its one owner thread.
     */
    public AtomicCounter newCounter(final StationCounter type, final String venue)
    {
        return manager().newCounter(type.label() + " " + venue, type.typeId(), key -> key.putStringAscii(0, venue));
    }

    /**
     * Owner: delete the file (the mapping stays valid for threads that still read it). Reader: unmap.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (manager == null)
        {
            IoUtil.unmap(mapped);
        }
        else if (file != null)
        {
            try
            {
                Files.deleteIfExists(file);
            }
            catch (final IOException ignored)
            {
                // the next station replaces it
            }
        }
    }

    /**
     * One counter as read.
     *
     * @param id     counter id (its slot).
     * @param typeId type id, see {@link StationCounter}.
     * @param label  label with unit.
     * @param venue  the venue of a per-venue counter, the thread role of a per-thread one, else empty.
     * @param value  value when read.
     */
    public record Counter(int id, int typeId, String label, String venue, long value)
    {
        /** @return the definition, or null for a type this version does not know. */
        public StationCounter definition()
        {
            return StationCounter.ofTypeId(typeId);
        }
    }
}
