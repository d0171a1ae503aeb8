package com.tradingstation.ops.fingerprint;

import com.tradingstation.ops.irq.CpuMask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IrqCollectorTest
{
    private static final String INTERRUPTS = """
                   CPU0       CPU1       CPU2       CPU3
         26:          0         16          0          0  IO-APIC   4-edge      ttyS0
         41:       3284          0         12          0  PCI-MSIX-0000:00:04.0   1-edge      virtio3-rx
         42:          0       8811          0          0  PCI-MSIX-0000:00:04.0   2-edge      virtio3-tx
        LOC:     484941     360950     120000     110000   Local timer interrupts
        """;

    @TempDir
    Path root;

    private void fixture(final String cmdline, final String mask41) throws IOException
    {
        final Path proc = Files.createDirectories(root.resolve("proc"));
        Files.writeString(proc.resolve("interrupts"), INTERRUPTS);
        Files.writeString(proc.resolve("cmdline"), cmdline + "\n");
        Files.createDirectories(proc.resolve("irq"));
        Files.writeString(proc.resolve("irq/default_smp_affinity"), "f\n");
        for (final String[] irq : new String[][] {{"26", "3"}, {"41", mask41}, {"42", "1"}})
        {
            final Path dir = Files.createDirectories(proc.resolve("irq").resolve(irq[0]));
            Files.writeString(dir.resolve("smp_affinity"), irq[1] + "\n");
        }
    }

    private Map<String, String> items(final CpuMask stationCpus)
    {
        final FingerprintItems out = new FingerprintItems();
        new IrqCollector(root, stationCpus).collect(out);
        return out.items();
    }

    @Test
    void theStationsCpusWinOverIsolcpusAndTheDevicesThatMayReachThemAreListed() throws IOException
    {
        fixture("BOOT_IMAGE=/vmlinuz isolcpus=2,3", "c");
        assertThat(items(CpuMask.of(1))).containsEntry("irq.protected_cpus", "1")
            .containsEntry("irq.devices_on_protected", "26:ttyS0").containsEntry("irq.default_affinity", "f");
        assertThat(items(null)).containsEntry("irq.protected_cpus", "2-3")
            .containsEntry("irq.devices_on_protected", "41:virtio3-rx");
    }

    @Test
    void movingAnIrqOntoAProtectedCpuChangesTheItem() throws IOException
    {
        fixture("isolcpus=2,3", "3");
        assertThat(items(null)).containsEntry("irq.devices_on_protected", "none");
        fixture("isolcpus=2,3", "f");
        assertThat(items(null)).containsEntry("irq.devices_on_protected", "41:virtio3-rx");
    }

    @Test
    void withNothingProtectedOrNothingReadableItSaysSo() throws IOException
    {
        assertThat(items(null)).containsEntry("irq.protected_cpus", "none")
            .containsEntry("irq.devices_on_protected", FingerprintItems.UNREADABLE);
        fixture("quiet", "c");
        assertThat(items(null)).containsEntry("irq.devices_on_protected", "none (no protected CPUs)");
    }
}
