package com.tradingstation.ops.tail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One CPU's column of {@code /proc/interrupts} and {@code /proc/softirqs}: line name to count. Numbered
 * (device) lines are named {@code "irq N DEVICE"}, the per-CPU ones by their label ({@code "LOC"},
 * {@code "RES"}), softirqs {@code "softirq NAME"}. Read only at a tail event or a periodic
 * refresh: the files are a few kilobytes of text. Stateless.
 */
final class CpuInterrupts
{
    /** Prefix of the numbered (device) lines. */
    static final String DEVICE_PREFIX = "irq ";
    private static final Path INTERRUPTS = Path.of("/proc/interrupts");
    private static final Path SOFTIRQS = Path.of("/proc/softirqs");

    private CpuInterrupts()
    {
    }

    /**
     * @param cpu the CPU.
     * @return its counts now; empty when the files cannot be read or the CPU is not in them.
     */
    static Map<String, Long> read(final int cpu)
    {
        final Map<String, Long> out = new LinkedHashMap<>();
        if (cpu < 0)
        {
            return out;
        }
        try
        {
            out.putAll(parse(Files.readString(INTERRUPTS, StandardCharsets.US_ASCII), cpu, ""));
            out.putAll(parse(Files.readString(SOFTIRQS, StandardCharsets.US_ASCII), cpu, "softirq "));
        }
        catch (final IOException | RuntimeException ex)
        {
            // Not Linux, or /proc hidden: no IRQ evidence.
        }
        return out;
    }

    /**
     * @param text   the text of /proc/interrupts or /proc/softirqs.
     * @param cpu    the CPU whose column to take.
     * @param prefix put before the named lines ({@code "softirq "} for softirqs).
     * @return line name to count.
     */
    static Map<String, Long> parse(final String text, final int cpu, final String prefix)
    {
        final Map<String, Long> out = new LinkedHashMap<>();
        final String[] lines = text.split("\n");
        if (lines.length == 0)
        {
            return out;
        }
        final String[] header = lines[0].trim().split("\\s+");
        int column = -1;
        for (int i = 0; i < header.length; i++)
        {
            if (header[i].equals("CPU" + cpu))
            {
                column = i;
            }
        }
        if (column < 0)
        {
            return out;
        }
        for (int i = 1; i < lines.length; i++)
        {
            final String[] f = lines[i].trim().split("\\s+");
            if (f.length < column + 2 || !f[0].endsWith(":"))
            {
                continue;
            }
            final String label = f[0].substring(0, f[0].length() - 1);
            final long count;
            try
            {
                count = Long.parseLong(f[column + 1]);
            }
            catch (final NumberFormatException ex)
            {
                continue;
            }
            final boolean device = !label.isEmpty() && label.chars().allMatch(Character::isDigit);
            out.put(device ? DEVICE_PREFIX + label + " " + f[f.length - 1] : prefix + label, count);
        }
        return out;
    }
}
