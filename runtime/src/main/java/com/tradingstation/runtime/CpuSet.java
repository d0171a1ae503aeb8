package com.tradingstation.runtime;

import java.nio.file.Path;
import java.util.BitSet;

/**
 * A set of CPU numbers in the kernel's list format ({@code 0-2,5}), as {@code taskset -c}, the
 * {@code isolcpus=} boot option and {@code /sys/devices/system/cpu/online} write them.
 */
public final class CpuSet
{
    /** CPUs a mask may hold: 1024, the size glibc's {@code cpu_set_t} has. */
    public static final int MAX_CPUS = 1024;

    private static final CpuSet EMPTY = new CpuSet(new BitSet());

    private final BitSet cpus;

    private CpuSet(final BitSet cpus)
    {
        this.cpus = cpus;
    }

    /**
     * @param list the list format, e.g. {@code 2}, {@code 0-3}, {@code 1,3-5}; blank for none.
     * @return the set.
     * @throws IllegalArgumentException with a one-line reason when the list is malformed.
     */
    public static CpuSet parse(final String list)
    {
        final BitSet bits = new BitSet();
        final String text = list.trim();
        if (text.isEmpty())
        {
            return EMPTY;
        }
        for (final String part : text.split(","))
        {
            final String range = part.trim();
            final int dash = range.indexOf('-');
            final int from = number(dash < 0 ? range : range.substring(0, dash), list);
            final int to = dash < 0 ? from : number(range.substring(dash + 1), list);
            if (to < from)
            {
                throw new IllegalArgumentException("CPU list '" + list + "': range " + range + " runs backwards");
            }
            bits.set(from, to + 1);
        }
        return new CpuSet(bits);
    }

    private static int number(final String text, final String list)
    {
        try
        {
            final int cpu = Integer.parseInt(text.trim());
            if (cpu < 0 || cpu >= MAX_CPUS)
            {
                throw new IllegalArgumentException(
                    "CPU list '" + list + "': CPU " + cpu + " is outside 0.." + (MAX_CPUS - 1));
            }
            return cpu;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("CPU list '" + list + "': '" + text.trim() + "' is not a CPU number");
        }
    }

    /**
     * @param words a kernel affinity mask, 64 CPUs per word, CPU 0 in bit 0 of word 0.
     * @return the CPUs set in the mask.
     */
    public static CpuSet ofMask(final long[] words)
    {
        return new CpuSet(BitSet.valueOf(words));
    }

    /**
     * Read a list file such as {@code /sys/devices/system/cpu/online}.
     *
     * @param file the file.
     * @return its CPUs, or an empty set when the file is missing or unreadable.
     */
    public static CpuSet read(final Path file)
    {
        try
        {
            return parse(ProcFiles.read(file));
        }
        catch (final IllegalArgumentException ex)
        {
            return EMPTY;
        }
    }

    /** @return the CPUs the kernel has online ({@code /sys/devices/system/cpu/online}). */
    public static CpuSet online()
    {
        final CpuSet online = read(Path.of("/sys/devices/system/cpu/online"));
        if (!online.isEmpty())
        {
            return online;
        }
        final BitSet bits = new BitSet();
        bits.set(0, Runtime.getRuntime().availableProcessors());
        return new CpuSet(bits);
    }

    /**
     * @return the CPUs taken out of the scheduler's balancing ({@code isolcpus=}, read from
     * {@code /sys/devices/system/cpu/isolated}); empty when there are none.
     */
    public static CpuSet isolated()
    {
        return read(Path.of("/sys/devices/system/cpu/isolated"));
    }

    /**
     * @param words how many 64-bit words (at least as many as the highest CPU needs).
     * @return the set as a kernel affinity mask.
     */
    public long[] toMask(final int words)
    {
        final long[] mask = new long[words];
        final long[] bits = cpus.toLongArray();
        System.arraycopy(bits, 0, mask, 0, Math.min(bits.length, words));
        return mask;
    }

    /** @return true when the set holds no CPU. */
    public boolean isEmpty()
    {
        return cpus.isEmpty();
    }

    /** @return how many CPUs. */
    public int size()
    {
        return cpus.cardinality();
    }

    /**
     * @param cpu a CPU number.
     * @return true when the set holds it.
     */
    public boolean contains(final int cpu)
    {
        return cpu >= 0 && cpus.get(cpu);
    }

    /**
     * @param other another set.
     * @return the CPUs of this set that are not in the other.
     */
    public CpuSet minus(final CpuSet other)
    {
        final BitSet bits = (BitSet)cpus.clone();
        bits.andNot(other.cpus);
        return new CpuSet(bits);
    }

    /**
     * @param other another set.
     * @return the CPUs of both sets.
     */
    public CpuSet union(final CpuSet other)
    {
        final BitSet bits = (BitSet)cpus.clone();
        bits.or(other.cpus);
        return new CpuSet(bits);
    }

    /**
     * @param other another set.
     * @return the CPUs in both sets.
     */
    public CpuSet intersect(final CpuSet other)
    {
        final BitSet bits = (BitSet)cpus.clone();
        bits.and(other.cpus);
        return new CpuSet(bits);
    }

    /** @return the lowest CPU, or -1 for an empty set. */
    public int first()
    {
        return cpus.nextSetBit(0);
    }

    /** @return the set as a bit mask of CPUs 0..63 (for a counter); higher CPUs are not shown. */
    public long lowMask()
    {
        final long[] bits = cpus.toLongArray();
        return bits.length == 0 ? 0 : bits[0];
    }

    /** @return the kernel's list format, ranges collapsed ({@code 0-3,6}); empty for no CPU. */
    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder();
        int cpu = cpus.nextSetBit(0);
        while (cpu >= 0)
        {
            final int end = cpus.nextClearBit(cpu) - 1;
            sb.append(sb.length() == 0 ? "" : ",").append(cpu);
            if (end > cpu)
            {
                sb.append('-').append(end);
            }
            cpu = cpus.nextSetBit(end + 1);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof CpuSet && ((CpuSet)o).cpus.equals(cpus);
    }

    @Override
    public int hashCode()
    {
        return cpus.hashCode();
    }
}
