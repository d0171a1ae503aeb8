package com.tradingstation.ops.irq;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The interrupts of a host as {@code /proc} shows them: {@code /proc/interrupts} (the CPU columns of its
 * header, the numbered device IRQs and the per-CPU rows such as {@code LOC}), each IRQ's
 * {@code /proc/irq/N/} affinity files and {@code /proc/irq/default_smp_affinity}. Read under a proc root
 * ({@code /proc}, or a copy of its files for tests). Immutable.
 *
 * @param cpus            the CPUs of the header's columns (the online CPUs when it was read).
 * @param irqs            the numbered IRQs, in file order.
 * @param perCpu          the named rows, which have no affinity and cannot be moved.
 * @param defaultAffinity {@code default_smp_affinity} as written ({@code 3}), or null when absent.
 */
public record IrqTable(List<Integer> cpus, List<Irq> irqs, List<PerCpuInterrupt> perCpu, String defaultAffinity)
{
    /** The real proc root. */
    public static final Path PROC = Path.of("/proc");

    /**
     * @param procRoot {@code /proc}, or a directory holding {@code interrupts} and {@code irq/}.
     * @return the table.
     * @throws IOException when {@code interrupts} cannot be read.
     * @throws IllegalArgumentException one line when {@code interrupts} is not in the kernel's format.
     */
    public static IrqTable read(final Path procRoot) throws IOException
    {
        final Path file = procRoot.resolve("interrupts");
        final Columns table = columns(file, Files.readAllLines(file, StandardCharsets.UTF_8));
        final List<Irq> irqs = new ArrayList<>();
        final List<PerCpuInterrupt> perCpu = new ArrayList<>();
        for (final Row row : table.rows())
        {
            if (row.name().chars().allMatch(Character::isDigit))
            {
                irqs.add(irq(procRoot.resolve("irq").resolve(row.name()), Integer.parseInt(row.name()), row));
            }
            else
            {
                perCpu.add(new PerCpuInterrupt(row.name(), row.counts(), String.join(" ", row.rest())));
            }
        }
        return new IrqTable(table.cpus(), List.copyOf(irqs), List.copyOf(perCpu),
            text(procRoot.resolve("irq").resolve("default_smp_affinity")));
    }

    /**
     * The per-CPU count table of {@code /proc/interrupts} or {@code /proc/softirqs} (the same layout:
     * a header of CPU columns, then {@code NAME: counts... [words]} rows).
     *
     * @param file  where the lines came from, for the messages.
     * @param lines the file's lines.
     * @return the CPU columns and the rows.
     * @throws IllegalArgumentException one line when the text is not in the kernel's format.
     */
    public static Columns columns(final Path file, final List<String> lines)
    {
        if (lines.isEmpty())
        {
            throw new IllegalArgumentException(file + ": empty, expected a header of CPU columns");
        }
        final List<Integer> cpus = header(file, lines.get(0));
        final List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++)
        {
            final String line = lines.get(i);
            final int colon = line.indexOf(':');
            if (line.isBlank())
            {
                continue;
            }
            if (colon <= 0)
            {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": no 'NAME:' at its start: "
                    + line.strip());
            }
            rows.add(row(line.substring(0, colon).strip(), line.substring(colon + 1), cpus.size()));
        }
        return new Columns(List.copyOf(cpus), List.copyOf(rows));
    }

    /** @return the header's CPUs as a set. */
    public CpuMask online()
    {
        return CpuMask.of(cpus.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * @param protectedCpus CPUs that should receive no device interrupt.
     * @return the numbered IRQs that may be delivered there ({@link Irq#deliverable()} meets the set).
     */
    public List<Irq> deliverableTo(final CpuMask protectedCpus)
    {
        return irqs.stream().filter(irq -> irq.deliverable().intersects(protectedCpus)).toList();
    }

    /**
     * @param counts per-CPU counts.
     * @return their sum.
     */
    static long sum(final long[] counts)
    {
        return Arrays.stream(counts).sum();
    }

    /**
     * A count table: {@code /proc/interrupts} or {@code /proc/softirqs}.
     *
     * @param cpus the CPU of each count column.
     * @param rows the rows, in file order.
     */
    public record Columns(List<Integer> cpus, List<Row> rows)
    {
    }

    /**
     * One row of a count table.
     *
     * @param name   before the colon: an IRQ number, or a label ({@code LOC}, {@code NET_RX}).
     * @param counts the leading counts, one per CPU column (fewer on rows such as {@code ERR}).
     * @param rest   the words after the counts (chip, hwirq, devices, or a description).
     */
    public record Row(String name, long[] counts, List<String> rest)
    {
    }

    private static List<Integer> header(final Path file, final String line)
    {
        final List<Integer> cpus = new ArrayList<>();
        for (final String column : line.strip().split("\\s+"))
        {
            if (!column.startsWith("CPU") || column.length() == 3 ||
                !column.substring(3).chars().allMatch(Character::isDigit))
            {
                throw new IllegalArgumentException(file + ": header column '" + column + "' is not CPUn");
            }
            cpus.add(Integer.parseInt(column.substring(3)));
        }
        return cpus;
    }

    /** Up to {@code columns} leading counts, then the words after them (chip, hwirq, devices). */
    private static Row row(final String name, final String afterColon, final int columns)
    {
        final String[] words = afterColon.strip().split("\\s+");
        int n = 0;
        while (n < columns && n < words.length && !words[n].isEmpty() && words[n].chars().allMatch(Character::isDigit))
        {
            n++;
        }
        final long[] counts = new long[n];
        for (int i = 0; i < n; i++)
        {
            counts[i] = Long.parseLong(words[i]);
        }
        return new Row(name, counts, List.of(words).subList(n, words.length));
    }

    private static Irq irq(final Path dir, final int number, final Row row)
    {
        // After the counts: the chip, the controller's line and trigger when the chip reports one
        // ("4-edge"), then the devices, comma-separated when several share the line.
        final List<String> rest = row.rest();
        final String chip = rest.isEmpty() ? "" : rest.get(0);
        final boolean hasHwirq = rest.size() > 2 || rest.size() == 2 && rest.get(1).matches("\\d+-\\w+");
        final String hwirq = hasHwirq ? rest.get(1) : "";
        final String names = String.join(" ", rest.subList(Math.min(rest.size(), hasHwirq ? 2 : 1), rest.size()));
        final List<String> devices = names.isEmpty() ? List.of() : List.of(names.split(",\\s*"));
        final String mask = text(dir.resolve("smp_affinity"));
        return new Irq(number, row.counts(), chip, hwirq, devices, mask,
            cpus(dir.resolve("smp_affinity_list"), mask),
            cpus(dir.resolve("effective_affinity_list"), text(dir.resolve("effective_affinity"))));
    }

    /** The list file when present, else the mask; null when neither can be read. */
    private static CpuMask cpus(final Path listFile, final String mask)
    {
        final String list = text(listFile);
        if (list != null)
        {
            return CpuMask.parseList(list);
        }
        return mask == null ? null : CpuMask.parseHex(mask);
    }

    /**
     * @param file a one-line /proc file.
     * @return its text without the newline, or null when it is missing or unreadable.
     */
    static String text(final Path file)
    {
        try
        {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        catch (final IOException ex)
        {
            // Missing (an IRQ without a directory, an older kernel without effective_affinity) or
            // unreadable: the caller shows it as unknown.
            return null;
        }
    }
}
