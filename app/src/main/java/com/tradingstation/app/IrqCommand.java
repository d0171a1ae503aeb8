package com.tradingstation.app;

import com.tradingstation.json.JsonWriter;
import com.tradingstation.ops.irq.CpuMask;
import com.tradingstation.ops.irq.Irq;
import com.tradingstation.ops.irq.IrqAudit;
import com.tradingstation.ops.irq.IrqTable;
import com.tradingstation.ops.irq.IsolatedCpus;
import com.tradingstation.ops.irq.PerCpuInterrupt;
import com.tradingstation.runtime.StationThreads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code station irq}: the host's interrupts and their CPU affinity. {@code list} shows every IRQ,
 * {@code mask} and {@code cpus} convert between the kernel's CPU list and hex mask forms, and
 * {@code audit} finds the device IRQs that may be delivered to the station's CPUs and prints (or, with
 * {@code --apply}, writes) the {@code smp_affinity} that moves them away.
 */
@Command(
    name = "irq",
    mixinStandardHelpOptions = true,
    subcommands = {IrqCommand.ListIrqs.class, IrqCommand.Mask.class, IrqCommand.Cpus.class, IrqCommand.Audit.class},
    description = {
        "Interrupts and their CPU affinity: list them, convert CPU lists and hex masks, audit the station's CPUs.",
        "smp_affinity is a HEX bit mask: CPU n is bit n, so CPU0 = 1, CPU1 = 2, CPU2 = 4, CPU4 = 10 (0x10, decimal "
            + "16); writing the decimal CPU number (echo 2 for CPU2) selects the wrong CPU.",
        "Exit: 0 ok; 1 audit found IRQs on the protected CPUs (or a write failed); 2 usage error; 3 could not run."})
final class IrqCommand implements Callable<Integer>
{
    @Mixin
    private Console console;

    @Override
    public Integer call()
    {
        console.note("give a subcommand: list, mask, cpus or audit (station irq --help)");
        return StationMain.EXIT_USAGE;
    }

    /** A subcommand that reads the host's interrupts under a proc root and prints a report. */
    abstract static class HostReport implements Callable<Integer>
    {
        @Option(names = "--proc-root", paramLabel = "DIR", defaultValue = "/proc",
            description = "Where interrupts, irq/ and cmdline are read (default ${DEFAULT-VALUE}; a copy for tests).")
        Path procRoot;

        @Mixin
        Output output;

        @Override
        public Integer call() throws IOException
        {
            final IrqTable table;
            try
            {
                table = IrqTable.read(procRoot);
            }
            catch (final NoSuchFileException | AccessDeniedException ex)
            {
                throw new IllegalArgumentException("cannot read " + procRoot.resolve("interrupts") + ": "
                    + StationMain.reason(ex), ex);
            }
            return report(table);
        }

        /**
         * @param table the host's interrupts.
         * @return the exit code.
         */
        abstract int report(IrqTable table);
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Every IRQ: number, devices, count, smp_affinity mask, affinity CPUs, effective CPUs;",
            "then the per-CPU interrupts (LOC, RES, ...), which have no affinity and cannot be moved.",
            "Exit: 0; 2 usage error (unreadable proc root)."})
    static final class ListIrqs extends HostReport
    {
        @Override
        int report(final IrqTable t)
        {
            output.print(() -> json(t), out -> text(t, out));
            return StationMain.EXIT_OK;
        }

        private static String json(final IrqTable t)
        {
            final JsonWriter w = new JsonWriter().beginObject().field("schema", "station.irq/1");
            w.name("cpus").beginArray();
            t.cpus().forEach(c -> w.value(c));
            w.endArray().field("default_smp_affinity", t.defaultAffinity());
            w.name("irqs").beginArray();
            for (final Irq irq : t.irqs())
            {
                w.beginObject().field("irq", irq.number()).field("name", irq.name()).field("chip", irq.chip())
                    .field("hwirq", irq.hwirq()).field("total", irq.total());
                counts(w, irq.counts());
                w.field("smp_affinity", irq.affinityMask()).field("affinity", list(irq.affinity()))
                    .field("effective", list(irq.effective())).endObject();
            }
            w.endArray().name("per_cpu").beginArray();
            for (final PerCpuInterrupt p : t.perCpu())
            {
                w.beginObject().field("name", p.name()).field("description", p.description())
                    .field("total", p.total());
                counts(w, p.counts());
                w.endObject();
            }
            return w.endArray().endObject().toString();
        }

        private static void counts(final JsonWriter w, final long[] counts)
        {
            w.name("counts").beginArray();
            for (final long c : counts)
            {
                w.value(c);
            }
            w.endArray();
        }

        private static void text(final IrqTable t, final PrintWriter out)
        {
            out.printf(Locale.ROOT, "%5s %12s %-18s %-10s %-10s %s%n", "IRQ", "COUNT", "SMP_AFFINITY", "AFFINITY",
                "EFFECTIVE", "DEVICES (CHIP HWIRQ)");
            for (final Irq irq : t.irqs())
            {
                out.printf(Locale.ROOT, "%5d %12d %-18s %-10s %-10s %s (%s%s)%n", irq.number(), irq.total(),
                    orDash(irq.affinityMask()), orDash(list(irq.affinity())), orDash(list(irq.effective())),
                    irq.name().isEmpty() ? "-" : irq.name(), irq.chip(),
                    irq.hwirq().isEmpty() ? "" : " " + irq.hwirq());
            }
            out.println("per-CPU, not movable:");
            for (final PerCpuInterrupt p : t.perCpu())
            {
                out.printf(Locale.ROOT, "%5s %12d %s%n", p.name(), p.total(), p.description());
            }
            out.println("default_smp_affinity " + orDash(t.defaultAffinity()) + ", CPUs " + t.online().toList());
        }
    }

    @Command(name = "mask", mixinStandardHelpOptions = true,
        description = {"CPU list to the hex mask smp_affinity takes: 2,3 -> c; 4 -> 10 (CPU n is bit n).",
            "Above 32 CPUs the mask is in comma-separated 32-bit groups, highest first (1,00000000 = CPU 32).",
            "Exit: 0; 2 bad list."})
    static final class Mask implements Callable<Integer>
    {
        @Parameters(paramLabel = "CPUS", description = "CPU list: 2, 0-3, 1,4-5.")
        private String cpus;

        @Option(names = "--width", paramLabel = "N",
            description = "Pad to N CPUs as the kernel prints it (64: 00000000,00000010).")
        private Integer width;

        @Mixin
        private Output output;

        @Override
        public Integer call()
        {
            final CpuMask m = CpuMask.parseList(cpus);
            final String hex = width == null ? m.toHex() : m.toHex(positive(width));
            output.print(() -> conversion(m, hex), out -> out.println(hex));
            return StationMain.EXIT_OK;
        }
    }

    @Command(name = "cpus", mixinStandardHelpOptions = true,
        description = {"Hex mask (as in smp_affinity) to the CPU list: 0x10 -> 4; c -> 2-3; 00000001,00000000 -> 32.",
            "Exit: 0; 2 bad mask."})
    static final class Cpus implements Callable<Integer>
    {
        @Parameters(paramLabel = "MASK", description = "Hex mask, 0x optional, 32-bit groups separated by commas.")
        private String mask;

        @Mixin
        private Output output;

        @Override
        public Integer call()
        {
            final CpuMask m = CpuMask.parseHex(mask);
            output.print(() -> conversion(m, m.toHex()), out -> out.println(m.isEmpty() ? "(none)" : m.toList()));
            return StationMain.EXIT_OK;
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Device IRQs whose effective or configured affinity includes the protected CPUs, and the",
            "smp_affinity that moves each off them (its CPUs minus the protected ones, else every other online CPU).",
            "Protected CPUs: --cpus, else every CPU station.cpu pins a thread to, else isolcpus= of the kernel.",
            "Dry run unless --apply (root), which writes the masks; a refused write (EIO for a kernel-managed IRQ)",
            "is reported for its IRQ and the others are still written.",
            "Exit: 0 clean (or every fix written); 1 IRQs found (dry run) or a write failed; 2 usage error."})
    static final class Audit extends HostReport
    {
        @Option(names = "--apply", description = "Write the masks to /proc/irq/N/smp_affinity (needs root).")
        private boolean apply;

        @Mixin
        private ConfigOption config;

        @Option(names = "--cpus", paramLabel = "LIST",
            description = "CPUs to protect (default: station.cpu of the config, else isolcpus= of /proc/cmdline).")
        private String cpus;

        /** The CPUs to keep free and where they came from ({@code --cpus}, station.cpu, isolcpus=). */
        private record Protected(CpuMask cpus, String source)
        {
        }

        @Override
        int report(final IrqTable table)
        {
            final Protected cpuSet = protectedCpus();
            final CpuMask missing = cpuSet.cpus().andNot(table.online());
            if (!missing.isEmpty())
            {
                throw new IllegalArgumentException("CPU " + missing.toList() + " (from " + cpuSet.source()
                    + ") is not online here (online: " + table.online().toList() + ")");
            }
            final IrqAudit audit = IrqAudit.of(table, cpuSet.cpus());
            final List<IrqAudit.Write> writes = apply ? audit.apply(procRoot) : null;
            output.print(() -> json(audit, cpuSet.source(), writes), out -> text(audit, cpuSet.source(), writes, out));
            if (writes != null)
            {
                return writes.stream().allMatch(IrqAudit.Write::ok) ? StationMain.EXIT_OK : StationMain.EXIT_PROBLEMS;
            }
            return audit.clean() ? StationMain.EXIT_OK : StationMain.EXIT_PROBLEMS;
        }

        private Protected protectedCpus()
        {
            if (cpus != null)
            {
                return checked(new Protected(CpuMask.parseList(cpus), "--cpus"));
            }
            final String spec = config.properties().getProperty("station.cpu", "").strip();
            if (!spec.isEmpty())
            {
                final Path file = StationConfig.file(config.file);
                return checked(new Protected(CpuMask.parseList(StationThreads.pinnedCpus(spec).toString()),
                    "station.cpu=" + spec + " in " + file));
            }
            final CpuMask isolated = IsolatedCpus.read(procRoot);
            if (isolated != null)
            {
                return checked(new Protected(isolated, "isolcpus= in " + procRoot.resolve("cmdline")));
            }
            throw new IllegalArgumentException("no CPUs to protect: give --cpus LIST, set station.cpu in "
                + StationConfig.DEFAULT_FILE + ", or boot with isolcpus=");
        }

        private static Protected checked(final Protected p)
        {
            if (p.cpus().isEmpty())
            {
                throw new IllegalArgumentException("no CPUs to protect in " + p.source());
            }
            return p;
        }

        private String json(final IrqAudit audit, final String source, final List<IrqAudit.Write> writes)
        {
            final JsonWriter w = new JsonWriter().beginObject().field("schema", "station.irq-audit/1")
                .field("protected", audit.protectedCpus().toList()).field("source", source)
                .field("clean", audit.clean()).field("applied", writes != null);
            w.name("violations").beginArray();
            for (int i = 0; i < audit.violations().size(); i++)
            {
                final IrqAudit.Violation v = audit.violations().get(i);
                w.beginObject().field("irq", v.irq().number()).field("name", v.irq().name())
                    .field("smp_affinity", v.irq().affinityMask()).field("affinity", list(v.irq().affinity()))
                    .field("effective", list(v.irq().effective())).field("reaches", v.reached().toList())
                    .field("target", list(v.target())).field("mask", v.mask()).field("command", v.command());
                if (writes != null)
                {
                    w.field("written", writes.get(i).ok()).field("error", writes.get(i).error());
                }
                w.endObject();
            }
            return w.endArray().endObject().toString();
        }

        private void text(final IrqAudit audit, final String source, final List<IrqAudit.Write> writes,
            final PrintWriter out)
        {
            out.println("protected CPUs " + audit.protectedCpus().toList() + " (from " + source + ")");
            if (audit.clean())
            {
                out.println("clean: no device IRQ may be delivered to them");
                return;
            }
            out.println(audit.violations().size() + " device IRQ(s) may be delivered to them:");
            for (final IrqAudit.Violation v : audit.violations())
            {
                out.printf(Locale.ROOT, "  IRQ %d %s: smp_affinity %s (CPUs %s), effective %s, reaches %s%n",
                    v.irq().number(), v.irq().name().isEmpty() ? "-" : v.irq().name(), orDash(v.irq().affinityMask()),
                    orDash(list(v.irq().affinity())), orDash(list(v.irq().effective())), v.reached().toList());
            }
            if (writes == null)
            {
                out.println("to fix (dry run; --apply writes them, as root):");
                for (final IrqAudit.Violation v : audit.violations())
                {
                    out.println("  " + (v.command() != null ? v.command() :
                        "# IRQ " + v.irq().number() + ": no online CPU is left outside the protected ones"));
                }
                return;
            }
            for (final IrqAudit.Write r : writes)
            {
                final IrqAudit.Violation v = r.violation();
                out.println(r.ok() ? "  wrote " + v.mask() + " to " + procRoot.resolve("irq")
                    .resolve(Integer.toString(v.irq().number())).resolve("smp_affinity") :
                    "  IRQ " + v.irq().number() + " not moved: " + r.error());
            }
        }
    }

    private static String conversion(final CpuMask m, final String hex)
    {
        return new JsonWriter().beginObject().field("cpus", m.toList()).field("mask", hex).endObject().toString();
    }

    private static int positive(final int width)
    {
        if (width < 1 || width > CpuMask.MAX_CPUS)
        {
            throw new IllegalArgumentException("--width must be 1.." + CpuMask.MAX_CPUS + ", got " + width);
        }
        return width;
    }

    private static String list(final CpuMask m)
    {
        return m == null ? null : m.toList();
    }

    private static String orDash(final String s)
    {
        return s == null ? "-" : s;
    }
}
