package com.tradingstation.ops.tail;

import com.tradingstation.ops.irq.IrqTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of {@code /proc/interrupts} and {@code /proc/softirqs} (parsed by {@link IrqTable#columns}, the
 * one parser of that layout): per CPU, line name to count. Numbered
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
     * @throws IllegalArgumentException when the text is not in the kernel's format.
     */
    static Map<Integer, Map<String, Long>> parse(final String text, final String prefix)
    {
        final IrqTable.Columns table = IrqTable.columns(Path.of(prefix.isEmpty() ? "interrupts" : "softirqs"),
            text.lines().toList());
        final Map<Integer, Map<String, Long>> out = new HashMap<>();
        for (final int cpu : table.cpus())
        {
            out.put(cpu, new LinkedHashMap<>());
        }
        for (final IrqTable.Row row : table.rows())
        {
            final boolean numbered = row.name().chars().allMatch(Character::isDigit);
            final List<String> rest = row.rest();
            final String device = rest.isEmpty() ? "" : rest.get(rest.size() - 1);
            final String name = numbered ? DEVICE_PREFIX + row.name() + " " + device : prefix + row.name();
            for (int c = 0; c < row.counts().length; c++)
            {
                out.get(table.cpus().get(c)).put(name, row.counts()[c]);
            }
        }
        return out;
    }
}
