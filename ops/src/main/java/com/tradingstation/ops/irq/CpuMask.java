package com.tradingstation.ops.irq;

import java.util.BitSet;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * A set of CPUs in the kernel's two text forms: the list ({@code 0-3,8}, as in
 * {@code smp_affinity_list}, {@code isolcpus=} and {@code taskset -c}) and the hexadecimal mask
 * ({@code f}, {@code 00000000,00000010}, as in {@code smp_affinity}): CPU n is bit n, so CPU 2 is
 * {@code 0x4} and CPU 4 is {@code 0x10}; above 32 CPUs the mask is written in comma-separated groups of
 * 32 bits, the highest group first. Immutable.
 */
public final class CpuMask
{
    /** The highest CPU count a mask may describe: the kernel's largest NR_CPUS. */
    public static final int MAX_CPUS = 8192;

    private static final int GROUP_BITS = 32;
    private static final int GROUP_DIGITS = GROUP_BITS / 4;

    private final BitSet bits;

    private CpuMask(final BitSet bits)
    {
        this.bits = bits;
    }

    /** @return the set without CPUs. */
    public static CpuMask none()
    {
        return new CpuMask(new BitSet());
    }

    /**
     * @param cpus CPU numbers.
     * @return the set of them.
     * @throws IllegalArgumentException when one is outside 0..{@value #MAX_CPUS}-1.
     */
    public static CpuMask of(final int... cpus)
    {
        final BitSet b = new BitSet();
        for (final int cpu : cpus)
        {
            b.set(checked(cpu, Integer.toString(cpu)));
        }
        return new CpuMask(b);
    }

    /**
     * @param count a CPU count.
     * @return CPUs 0..count-1.
     */
    public static CpuMask first(final int count)
    {
        final BitSet b = new BitSet();
        b.set(0, checked(count - 1, Integer.toString(count)) + 1);
        return new CpuMask(b);
    }

    /**
     * Reads the list form: numbers and ranges separated by commas, blank for no CPU; the kernel's
     * stride form {@code 0-7:2/4} (the first 2 of every 4) is accepted too.
     *
     * @param list e.g. {@code 2}, {@code 0-3,8}.
     * @return the CPUs.
     * @throws IllegalArgumentException one line naming the list and what is wrong with it.
     */
    public static CpuMask parseList(final String list)
    {
        final String text = list.strip();
        final BitSet b = new BitSet();
        if (text.isEmpty())
        {
            return new CpuMask(b);
        }
        int start = 0;
        while (start <= text.length())
        {
            final int comma = text.indexOf(',', start);
            final int end = comma < 0 ? text.length() : comma;
            addRange(b, text.substring(start, end).strip(), list);
            start = end + 1;
        }
        return new CpuMask(b);
    }

    private static void addRange(final BitSet b, final String range, final String list)
    {
        if (range.isEmpty())
        {
            throw bad(list, "an empty entry between commas");
        }
        final int colon = range.indexOf(':');
        final String span = colon < 0 ? range : range.substring(0, colon);
        final int dash = span.indexOf('-');
        final int low = cpuNumber(dash < 0 ? span : span.substring(0, dash), list);
        final int high = dash < 0 ? low : cpuNumber(span.substring(dash + 1), list);
        if (high < low)
        {
            throw bad(list, "range " + range + " runs backwards");
        }
        int used = 1;
        int group = 1;
        if (colon >= 0)
        {
            final int slash = range.indexOf('/', colon);
            if (slash < 0)
            {
                throw bad(list, "stride " + range + " needs the form FROM-TO:USED/GROUP");
            }
            used = cpuNumber(range.substring(colon + 1, slash), list);
            group = cpuNumber(range.substring(slash + 1), list);
            if (used < 1 || group < used)
            {
                throw bad(list, "stride " + range + " must use 1..GROUP CPUs of each GROUP");
            }
        }
        for (int cpu = low; cpu <= high; cpu++)
        {
            if ((cpu - low) % group < used)
            {
                b.set(cpu);
            }
        }
    }

    private static int cpuNumber(final String text, final String list)
    {
        final String t = text.strip();
        if (t.isEmpty() || t.length() > 5 || !t.chars().allMatch(Character::isDigit))
        {
            throw bad(list, "'" + t + "' is not a CPU number");
        }
        final int cpu = Integer.parseInt(t);
        if (cpu >= MAX_CPUS)
        {
            throw bad(list, "CPU " + cpu + " is above the kernel's limit of " + (MAX_CPUS - 1));
        }
        return cpu;
    }

    private static IllegalArgumentException bad(final String list, final String why)
    {
        return new IllegalArgumentException("CPU list '" + list.strip() + "': " + why);
    }

    /**
     * Reads the hexadecimal mask form, with or without {@code 0x}; groups of at most 8 digits
     * (32 CPUs) separated by commas, the highest group first, as the kernel writes and accepts them.
     *
     * @param mask e.g. {@code c}, {@code 0x10}, {@code 00000001,00000000}.
     * @return the CPUs.
     * @throws IllegalArgumentException one line naming the mask and what is wrong with it.
     */
    public static CpuMask parseHex(final String mask)
    {
        String text = mask.strip().toLowerCase(Locale.ROOT);
        if (text.startsWith("0x"))
        {
            text = text.substring(2);
        }
        if (text.isEmpty())
        {
            throw new IllegalArgumentException("CPU mask '" + mask.strip() + "': no hex digits");
        }
        final String[] groups = text.split(",", -1);
        final BitSet b = new BitSet();
        for (int g = 0; g < groups.length; g++)
        {
            final String group = groups[g];
            final boolean single = groups.length == 1;
            if (group.isEmpty() || !single && group.length() > GROUP_DIGITS)
            {
                throw new IllegalArgumentException("CPU mask '" + mask.strip() + "': group '" + group
                    + "' must have 1 to " + GROUP_DIGITS + " hex digits (32 CPUs per comma-separated group)");
            }
            final int base = (groups.length - 1 - g) * GROUP_BITS;
            for (int i = 0; i < group.length(); i++)
            {
                final int digit = Character.digit(group.charAt(group.length() - 1 - i), 16);
                if (digit < 0)
                {
                    throw new IllegalArgumentException("CPU mask '" + mask.strip() + "': '"
                        + group.charAt(group.length() - 1 - i) + "' is not a hex digit (CPU n is bit n: CPU 2 = 0x4)");
                }
                for (int bit = 0; bit < 4; bit++)
                {
                    if ((digit & 1 << bit) != 0)
                    {
                        b.set(checked(base + i * 4 + bit, mask.strip()));
                    }
                }
            }
        }
        return new CpuMask(b);
    }

    private static int checked(final int cpu, final String what)
    {
        if (cpu < 0 || cpu >= MAX_CPUS)
        {
            throw new IllegalArgumentException("CPU set '" + what + "': CPU " + cpu + " is outside 0.."
                + (MAX_CPUS - 1));
        }
        return cpu;
    }

    /** @return the list form, ranges collapsed ({@code 0-3,8}); empty for no CPU. */
    public String toList()
    {
        final StringBuilder sb = new StringBuilder();
        for (int cpu = bits.nextSetBit(0); cpu >= 0; )
        {
            final int last = bits.nextClearBit(cpu) - 1;
            if (sb.length() > 0)
            {
                sb.append(',');
            }
            sb.append(cpu);
            if (last > cpu)
            {
                sb.append('-').append(last);
            }
            cpu = bits.nextSetBit(last + 1);
        }
        return sb.toString();
    }

    /** @return the shortest mask form ({@code c}, {@code 1,00000000}); {@code 0} for no CPU. */
    public String toHex()
    {
        return toHex(Math.max(1, bits.length()));
    }

    /**
     * The mask as the kernel prints it for a machine of {@code cpuCount} possible CPUs: groups of 32
     * bits, every group but the highest 8 digits wide, the highest as wide as its CPUs need
     * ({@code 3} for 2 CPUs, {@code 00000000,00000010} for 64).
     *
     * @param cpuCount how many CPUs the mask spans (widened to hold the highest CPU of the set).
     * @return the mask text.
     */
    public String toHex(final int cpuCount)
    {
        final int width = Math.max(Math.max(1, cpuCount), bits.length());
        final int groups = (width + GROUP_BITS - 1) / GROUP_BITS;
        final StringBuilder sb = new StringBuilder(groups * (GROUP_DIGITS + 1));
        for (int g = groups - 1; g >= 0; g--)
        {
            final int groupBits = g == groups - 1 ? width - g * GROUP_BITS : GROUP_BITS;
            final int digits = (groupBits + 3) / 4;
            final String hex = Long.toHexString(group(g));
            sb.append("0".repeat(Math.max(0, digits - hex.length()))).append(hex);
            if (g > 0)
            {
                sb.append(',');
            }
        }
        return sb.toString();
    }

    private long group(final int g)
    {
        final long[] words = bits.toLongArray();
        final int word = g / 2;
        if (word >= words.length)
        {
            return 0;
        }
        return g % 2 == 0 ? words[word] & 0xffff_ffffL : words[word] >>> GROUP_BITS;
    }

    /**
     * Width in CPUs of a mask text as the kernel printed it ({@code 3}: 4, {@code ff,ffffffff}: 40), so
     * a mask written back to the same file has the same shape.
     *
     * @param maskText a mask as read from {@code smp_affinity}.
     * @return the CPUs its digits span.
     */
    public static int widthOf(final String maskText)
    {
        final String t = maskText.strip();
        final int groups = (int)t.chars().filter(c -> c == ',').count() + 1;
        final int highDigits = t.indexOf(',') < 0 ? t.length() : t.indexOf(',');
        return (groups - 1) * GROUP_BITS + Math.max(1, highDigits) * 4;
    }

    /** @return true when no CPU is in the set. */
    public boolean isEmpty()
    {
        return bits.isEmpty();
    }

    /**
     * @param other another set.
     * @return true when the two share a CPU.
     */
    public boolean intersects(final CpuMask other)
    {
        return bits.intersects(other.bits);
    }

    /** @return how many CPUs. */
    public int size()
    {
        return bits.cardinality();
    }

    /**
     * @param other another set.
     * @return the CPUs in both.
     */
    public CpuMask and(final CpuMask other)
    {
        return combined(other, BitSet::and);
    }

    /**
     * @param other another set.
     * @return the CPUs in either.
     */
    public CpuMask or(final CpuMask other)
    {
        return combined(other, BitSet::or);
    }

    /**
     * @param other another set.
     * @return the CPUs of this set that are not in the other.
     */
    public CpuMask andNot(final CpuMask other)
    {
        return combined(other, BitSet::andNot);
    }

    private CpuMask combined(final CpuMask other, final BiConsumer<BitSet, BitSet> operation)
    {
        final BitSet b = (BitSet)bits.clone();
        operation.accept(b, other.bits);
        return new CpuMask(b);
    }

    /** @return the list form. */
    @Override
    public String toString()
    {
        return toList();
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof CpuMask m && m.bits.equals(bits);
    }

    @Override
    public int hashCode()
    {
        return bits.hashCode();
    }
}
