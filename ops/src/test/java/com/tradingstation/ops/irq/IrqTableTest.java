package com.tradingstation.ops.irq;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IrqTableTest
{
    /** The shape of a 4-CPU virtual machine's /proc/interrupts, with invented device rows. */
    private static final String INTERRUPTS = """
                   CPU0       CPU1       CPU2       CPU3
         24:          1          0          0          0  IO-APIC   5-edge      ACPI:Ged
         26:          0         16          0          0  IO-APIC   4-edge      ttyS0
         36:          0     116145          0          7  PCI-MSIX-0000:00:02.0   1-edge      virtio1-req.0
         41:       3284          0         12          0  PCI-MSIX-0000:00:04.0   1-edge      virtio3-rx
         42:          0       8811          0          0  PCI-MSIX-0000:00:04.0   2-edge      virtio3-tx
         50:          0          0          0          0  PCI-MSI-0000:00:06.0   0-edge      nvme0q0, nvme1q0
         51:          5          0          0          0  IO-APIC   7-fasteoi
        NMI:          0          0          0          0   Non-maskable interrupts
        LOC:     484941     360950     120000     110000   Local timer interrupts
        RES:      37815      34957        100         90   Rescheduling interrupts
        ERR:          0
        MIS:          0
        """;

    @TempDir
    Path proc;

    /**
     * Writes the fixture: each IRQ's smp_affinity, its list and (where given) its effective list.
     *
     * @param irq       number.
     * @param mask      smp_affinity.
     * @param effective effective_affinity_list, or null for a kernel that does not report it.
     */
    private void irqDir(final int irq, final String mask, final String effective) throws IOException
    {
        final Path dir = Files.createDirectories(proc.resolve("irq").resolve(Integer.toString(irq)));
        Files.writeString(dir.resolve("smp_affinity"), mask + "\n");
        Files.writeString(dir.resolve("smp_affinity_list"), CpuMask.parseHex(mask).toList() + "\n");
        if (effective != null)
        {
            Files.writeString(dir.resolve("effective_affinity_list"), effective + "\n");
        }
    }

    private IrqTable fixture() throws IOException
    {
        Files.writeString(proc.resolve("interrupts"), INTERRUPTS);
        Files.createDirectories(proc.resolve("irq"));
        Files.writeString(proc.resolve("irq").resolve("default_smp_affinity"), "f\n");
        irqDir(24, "f", "0");
        irqDir(26, "3", "1");
        irqDir(36, "f", "1");
        irqDir(41, "c", "2");
        irqDir(42, "1", "0");
        irqDir(50, "8", null);
        // 51 has no directory: its affinity is unknown.
        return IrqTable.read(proc);
    }

    @Test
    void readsTheCpuColumnsTheDeviceIrqsAndThePerCpuRows() throws IOException
    {
        final IrqTable t = fixture();
        assertThat(t.cpus()).containsExactly(0, 1, 2, 3);
        assertThat(t.online().toList()).isEqualTo("0-3");
        assertThat(t.defaultAffinity()).isEqualTo("f");
        assertThat(t.irqs()).extracting(Irq::number).containsExactly(24, 26, 36, 41, 42, 50, 51);
        final Irq req = t.irqs().get(2);
        assertThat(req.chip()).isEqualTo("PCI-MSIX-0000:00:02.0");
        assertThat(req.hwirq()).isEqualTo("1-edge");
        assertThat(req.name()).isEqualTo("virtio1-req.0");
        assertThat(req.total()).isEqualTo(116152);
        assertThat(req.affinityMask()).isEqualTo("f");
        assertThat(req.affinity().toList()).isEqualTo("0-3");
        assertThat(req.effective().toList()).isEqualTo("1");
        assertThat(t.irqs().get(5).devices()).containsExactly("nvme0q0", "nvme1q0");
        assertThat(t.irqs().get(5).effective()).isNull();
        final Irq bare = t.irqs().get(6);
        assertThat(bare.hwirq()).isEqualTo("7-fasteoi");
        assertThat(bare.devices()).isEmpty();
        assertThat(bare.affinity()).isNull();
        assertThat(t.perCpu()).extracting(PerCpuInterrupt::name).containsExactly("NMI", "LOC", "RES", "ERR", "MIS");
        assertThat(t.perCpu().get(1).description()).isEqualTo("Local timer interrupts");
        assertThat(t.perCpu().get(1).total()).isEqualTo(1_075_891);
        assertThat(t.perCpu().get(3).counts()).containsExactly(0);
    }

    @Test
    void whichIrqsMayReachACpuSet() throws IOException
    {
        final IrqTable t = fixture();
        assertThat(t.deliverableTo(CpuMask.of(3))).extracting(Irq::number).containsExactly(24, 36, 41, 50);
        assertThat(t.deliverableTo(CpuMask.of(0))).extracting(Irq::number).containsExactly(24, 26, 36, 42);
    }

    @Test
    void theAuditMovesEachIrqOffTheProtectedCpusAndApplyWritesTheMasks() throws IOException
    {
        final IrqAudit audit = IrqAudit.of(fixture(), CpuMask.parseList("2-3"));
        assertThat(audit.clean()).isFalse();
        assertThat(audit.violations()).extracting(v -> v.irq().number()).containsExactly(24, 36, 41, 50);
        assertThat(audit.violations()).extracting(IrqAudit.Violation::command).containsExactly(
            "echo 3 > /proc/irq/24/smp_affinity", "echo 3 > /proc/irq/36/smp_affinity",
            "echo 3 > /proc/irq/41/smp_affinity", "echo 3 > /proc/irq/50/smp_affinity");
        assertThat(audit.violations().get(2).reached().toList()).isEqualTo("2-3");

        final List<IrqAudit.Write> writes = audit.apply(proc);
        assertThat(writes).allMatch(IrqAudit.Write::ok);
        assertThat(Files.readString(proc.resolve("irq/41/smp_affinity"))).isEqualTo("3\n");
        assertThat(Files.readString(proc.resolve("irq/26/smp_affinity"))).isEqualTo("3\n");
        // Nothing left to do once the kernel took the masks (the fixture's list files follow them here).
        for (final int irq : new int[] {24, 36, 41, 50})
        {
            irqDir(irq, "3", "0");
        }
        assertThat(IrqAudit.of(IrqTable.read(proc), CpuMask.parseList("2-3")).clean()).isTrue();
    }

    @Test
    void aRefusedWriteIsReportedForItsIrqAndTheOthersAreStillWritten() throws IOException
    {
        final IrqTable t = fixture();
        // A directory where the file should be: the write fails as a kernel-managed IRQ's does.
        Files.delete(proc.resolve("irq/24/smp_affinity"));
        Files.createDirectory(proc.resolve("irq/24/smp_affinity"));
        final List<IrqAudit.Write> writes = IrqAudit.of(t, CpuMask.of(1)).apply(proc);
        assertThat(writes).extracting(w -> w.violation().irq().number()).containsExactly(24, 26, 36);
        assertThat(writes).filteredOn(w -> !w.ok()).extracting(w -> w.violation().irq().number()).containsExactly(24);
        assertThat(writes.get(0).error()).isNotBlank();
        assertThat(Files.readString(proc.resolve("irq/26/smp_affinity"))).isEqualTo("1\n");
        assertThat(Files.readString(proc.resolve("irq/36/smp_affinity"))).isEqualTo("d\n");
    }

    @Test
    void withEveryCpuProtectedThereIsNowhereToMoveAnIrq() throws IOException
    {
        final IrqAudit audit = IrqAudit.of(fixture(), CpuMask.parseList("0-3"));
        assertThat(audit.violations()).allMatch(v -> v.command() == null);
        assertThat(audit.apply(proc)).allMatch(w -> w.error().startsWith("no online CPU is left"));
        assertThat(Files.readString(proc.resolve("irq/24/smp_affinity"))).isEqualTo("f\n");
    }

    @Test
    void isolcpusWithAndWithoutItsFlags() throws IOException
    {
        assertThat(IsolatedCpus.fromCmdline("quiet isolcpus=2-3 nohz_full=2-3").toList()).isEqualTo("2-3");
        assertThat(IsolatedCpus.fromCmdline("isolcpus=managed_irq,domain,1,3 ro").toList()).isEqualTo("1,3");
        assertThat(IsolatedCpus.fromCmdline("console=ttyS0 quiet")).isNull();
        assertThat(IsolatedCpus.fromCmdline("quiet -- isolcpus=1")).isNull();
        assertThatThrownBy(() -> IsolatedCpus.fromCmdline("isolcpus=2-x")).hasMessageContaining("'x'");
        Files.writeString(proc.resolve("cmdline"), "BOOT_IMAGE=/vmlinuz isolcpus=nohz,domain,2-3\n");
        assertThat(IsolatedCpus.read(proc).toList()).isEqualTo("2-3");
    }

    @Test
    void aMalformedFileIsOneLine() throws IOException
    {
        Files.writeString(proc.resolve("interrupts"), "  CPU0 socket\n");
        assertThatThrownBy(() -> IrqTable.read(proc)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageEndingWith("header column 'socket' is not CPUn");
    }

    @Test
    void thisHostsProcParses() throws IOException
    {
        final IrqTable t = IrqTable.read(IrqTable.PROC);
        assertThat(t.cpus()).isNotEmpty();
        assertThat(t.perCpu()).isNotEmpty();
        for (final Irq irq : t.irqs())
        {
            assertThat(irq.counts()).hasSizeLessThanOrEqualTo(t.cpus().size());
        }
        assertThat(IrqAudit.of(t, CpuMask.none()).clean()).isTrue();
    }
}
