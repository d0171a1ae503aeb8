package com.tradingstation.ops.irq;

/**
 * A named row of {@code /proc/interrupts} ({@code LOC}, {@code NMI}, {@code RES}, ...): an interrupt
 * every CPU takes for itself (timer, rescheduling, IPIs). It has no affinity and cannot be moved; an
 * isolated CPU shows it as long as something runs there.
 *
 * @param name        the row's name.
 * @param counts      per CPU column ({@code ERR} and {@code MIS} have one system-wide count).
 * @param description the kernel's text ({@code Local timer interrupts}), or empty.
 */
public record PerCpuInterrupt(String name, long[] counts, String description)
{
    /** @return the sum over the columns. */
    public long total()
    {
        return IrqTable.sum(counts);
    }
}
