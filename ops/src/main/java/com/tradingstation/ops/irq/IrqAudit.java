package com.tradingstation.ops.irq;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which device IRQs may be delivered to CPUs that should be left alone, and the {@code smp_affinity}
 * that moves each away: its current CPUs minus the protected ones, or, when that leaves none, every
 * online CPU minus the protected ones. Immutable.
 *
 * @param protectedCpus the CPUs to keep free of device interrupts.
 * @param violations    the IRQs that may be delivered there, in {@code /proc/interrupts} order.
 */
public record IrqAudit(CpuMask protectedCpus, List<Violation> violations)
{
    /**
     * One IRQ that may reach a protected CPU.
     *
     * @param irq     the IRQ.
     * @param reached the protected CPUs it may reach (effective or configured).
     * @param target  the CPUs to move it to, or null when no online CPU is left outside the protected set.
     * @param mask    {@code target} in the mask form, as wide as the IRQ's current mask; null with no target.
     */
    public record Violation(Irq irq, CpuMask reached, CpuMask target, String mask)
    {
        /** @return the file that sets the IRQ's affinity, under {@code /proc}. */
        public String file()
        {
            return "/proc/irq/" + irq.number() + "/smp_affinity";
        }

        /** @return the shell command that moves it, or null when there is nowhere to move it. */
        public String command()
        {
            return mask == null ? null : "echo " + mask + " > " + file();
        }
    }

    /**
     * The outcome of one write.
     *
     * @param violation what was written for.
     * @param error     null when written, else one line: why the kernel refused it (EIO: the kernel
     *                  manages this IRQ's affinity itself; read-only; no such IRQ).
     */
    public record Write(Violation violation, String error)
    {
        /** @return true when the mask was written. */
        public boolean ok()
        {
            return error == null;
        }
    }

    /**
     * @param table         the host's interrupts.
     * @param protectedCpus the CPUs to keep free.
     * @return the audit.
     */
    public static IrqAudit of(final IrqTable table, final CpuMask protectedCpus)
    {
        final CpuMask online = table.online();
        final CpuMask housekeeping = online.andNot(protectedCpus);
        final List<Violation> out = new ArrayList<>();
        for (final Irq irq : table.deliverableTo(protectedCpus))
        {
            final CpuMask configured = irq.affinity() == null ? CpuMask.none() : irq.affinity();
            final CpuMask kept = configured.and(online).andNot(protectedCpus);
            final CpuMask target = kept.isEmpty() ? housekeeping : kept;
            final int width = irq.affinityMask() == null ? CpuMask.widthOf(online.toHex()) :
                CpuMask.widthOf(irq.affinityMask());
            out.add(new Violation(irq, irq.deliverable().and(protectedCpus), target.isEmpty() ? null : target,
                target.isEmpty() ? null : target.toHex(width)));
        }
        return new IrqAudit(protectedCpus, List.copyOf(out));
    }

    /** @return true when no IRQ may reach a protected CPU. */
    public boolean clean()
    {
        return violations.isEmpty();
    }

    /**
     * Writes every violation's mask to {@code PROCROOT/irq/N/smp_affinity}. A write the kernel refuses
     * is reported, not thrown, and the others are still written.
     *
     * @param procRoot {@code /proc}, or a copy.
     * @return one outcome per violation, in order.
     */
    public List<Write> apply(final Path procRoot)
    {
        final List<Write> out = new ArrayList<>();
        for (final Violation v : violations)
        {
            if (v.mask() == null)
            {
                out.add(new Write(v, "no online CPU is left outside " + protectedCpus.toList()));
                continue;
            }
            final Path file = procRoot.resolve("irq").resolve(Integer.toString(v.irq().number()))
                .resolve("smp_affinity");
            try
            {
                Files.writeString(file, v.mask() + "\n", StandardCharsets.US_ASCII);
                out.add(new Write(v, null));
            }
            catch (final IOException ex)
            {
                out.add(new Write(v, reason(ex)));
            }
        }
        return List.copyOf(out);
    }

    private static String reason(final IOException ex)
    {
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied (writing smp_affinity needs root)";
        }
        if (ex instanceof NoSuchFileException)
        {
            return "no such IRQ directory";
        }
        final String why = ex instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() :
            String.valueOf(ex.getMessage());
        return why.contains("Input/output error") ?
            why + " (EIO: the kernel manages this IRQ's affinity, or the controller cannot target those CPUs)" : why;
    }
}
