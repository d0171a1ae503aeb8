package com.tradingstation.ops.tail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The columns of {@code /proc/interrupts} and {@code /proc/softirqs}: per CPU, line name to count. Numbered
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
     * @return every CPU's counts now, by CPU number; empty when the files cannot be read.
     */
    static Map<Integer, Map<String, Long>> read()
    {
        final Map<Integer, Map<String, Long>> out = new HashMap<>();
        try
        {
            merge(out, parse(Files.readString(INTERRUPTS, StandardCharsets.US_ASCII), ""));
            merge(out, parse(Files.readString(SOFTIRQS, StandardCharsets.US_ASCII), "softirq "));
        }
        catch (final IOException | RuntimeException ex)
        {
            // Not Linux, or /proc hidden: no IRQ evidence.
        }
        return out;
    }

    private static void merge(final Map<Integer, Map<String, Long>> into, final Map<Integer, Map<String, Long>> from)
    {
        from.forEach((cpu, lines) -> into.computeIfAbsent(cpu, c -> new LinkedHashMap<>()).putAll(lines));
    }

    /**
     * @param text   the text of /proc/interrupts or /proc/softirqs.
     * @param prefix put before the named lines ({@code "softirq "} for softirqs).
     * @return by CPU number, line name to count.
     */
    static Map<Integer, Map<String, Long>> parse(final String text, final String prefix)
    {
        final Map<Integer, Map<String, Long>> out = new HashMap<>();
        final String[] lines = text.split("\n");
        if (lines.length == 0)
        {
            return out;
        }
        final String[] header = lines[0].trim().split("\\s+");
        final int[] cpus = new int[header.length];
        for (int i = 0; i < header.length; i++)
        {
            cpus[i] = header[i].startsWith("CPU") ? Integer.parseInt(header[i].substring(3)) : -1;
            if (cpus[i] >= 0)
            {
                out.put(cpus[i], new LinkedHashMap<>());
            }
        }
        for (int i = 1; i < lines.length; i++)
        {
            final String[] f = lines[i].trim().split("\\s+");
            if (f.length < 2 || !f[0].endsWith(":"))
            {
                continue;
            }
            final String label = f[0].substring(0, f[0].length() - 1);
            final boolean device = !label.isEmpty() && label.chars().allMatch(Character::isDigit);
            final String name = device ? DEVICE_PREFIX + label + " " + f[f.length - 1] : prefix + label;
            for (int c = 0; c < header.length && c + 1 < f.length; c++)
            {
                if (cpus[c] < 0)
                {
                    continue;
                }
                try
                {
                    out.get(cpus[c]).put(name, Long.parseLong(f[c + 1]));
                }
                catch (final NumberFormatException ex)
                {
                    break;
                }
            }
        }
        return out;
    }
}
