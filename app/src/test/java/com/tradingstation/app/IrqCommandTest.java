package com.tradingstation.app;

import com.tradingstation.json.JsonReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IrqCommandTest extends CommandTestBase
{
    @TempDir
    Path dir;

    private Path proc;

    /** A 4-CPU host: three device IRQs (one on CPU 3, one anywhere, one kept to CPU 0) and the timer row. */
    @BeforeEach
    void host() throws IOException
    {
        proc = Files.createDirectories(dir.resolve("proc"));
        Files.writeString(proc.resolve("interrupts"), String.join("\n",
            "           CPU0       CPU1       CPU2       CPU3",
            " 30:         10          0          0        900  PCI-MSIX-0000:00:04.0   1-edge      eth0-rx-0",
            " 31:         20         30          0          0  PCI-MSIX-0000:00:04.0   2-edge      eth0-tx-0",
            " 32:        500          0          0          0  IO-APIC   4-edge      ttyS0",
            "LOC:       1000       1000       1000       1000   Local timer interrupts",
            ""));
        irq(30, "8", "3");
        irq(31, "f", "1");
        irq(32, "1", "0");
        Files.writeString(proc.resolve("irq/default_smp_affinity"), "f\n");
        Files.writeString(proc.resolve("cmdline"), "console=ttyS0 isolcpus=domain,2-3 quiet\n");
    }

    private void irq(final int number, final String mask, final String effective) throws IOException
    {
        final Path d = Files.createDirectories(proc.resolve("irq/" + number));
        Files.writeString(d.resolve("smp_affinity"), mask + "\n");
        Files.writeString(d.resolve("effective_affinity_list"), effective + "\n");
    }

    private Path config(final String cpu) throws IOException
    {
        return Files.writeString(dir.resolve("station.properties"), "station.cpu=" + cpu + "\n");
    }

    @Test
    void listShowsEveryIrqWithItsMaskAndCpus()
    {
        assertThat(run("irq", "list", "--proc-root", proc.toString())).isZero();
        assertThat(out.toString()).contains("eth0-rx-0", "ttyS0", "LOC", "Local timer interrupts")
            .containsPattern("30 +910 +8 +3 +3 +eth0-rx-0");
        assertThat(run("irq", "list", "--json", "--proc-root", proc.toString())).isZero();
        final Map<String, Object> json = JsonReader.parseObject(out.toString().strip());
        final List<?> irqs = (List<?>)json.get("irqs");
        assertThat(irqs).hasSize(3);
        assertThat(JsonReader.at(json, "schema")).isEqualTo("station.irq/1");
        final Map<?, ?> first = (Map<?, ?>)irqs.get(0);
        assertThat(first.get("total")).isEqualTo(910.0);
        assertThat(first.get("smp_affinity")).isEqualTo("8");
        assertThat(first.get("affinity")).isEqualTo("3");
        assertThat(((List<?>)json.get("per_cpu"))).hasSize(1);
    }

    @Test
    void maskAndCpusConvertBothWays()
    {
        assertThat(run("irq", "mask", "2,3")).isZero();
        assertThat(out.toString().strip()).isEqualTo("c");
        assertThat(run("irq", "cpus", "0x10")).isZero();
        assertThat(out.toString().strip()).isEqualTo("4");
        assertThat(run("irq", "mask", "4", "--width", "64")).isZero();
        assertThat(out.toString().strip()).isEqualTo("00000000,00000010");
        assertThat(run("irq", "cpus", "--json", "00000001,00000000")).isZero();
        assertThat(JsonReader.parseObject(out.toString().strip())).containsEntry("cpus", "32");
    }

    @Test
    void badInputIsOneLineAndExit2()
    {
        assertThat(run("irq", "mask", "2-x")).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().strip()).isEqualTo("station irq mask: CPU list '2-x': 'x' is not a CPU number");
        assertThat(run("irq", "cpus", "0xZ")).isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString()).contains("'z' is not a hex digit").doesNotContain("Exception");
        assertThat(run("irq", "list", "--proc-root", dir.resolve("nothing").toString()))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(run("irq")).isEqualTo(StationMain.EXIT_USAGE);
    }

    @Test
    void auditOfTheConfiguredCpusFindsTheIrqsAndPrintsTheFixes() throws IOException
    {
        final Path config = config("books=3,sink=1");
        assertThat(run("irq", "audit", "--config", config.toString(), "--proc-root", proc.toString()))
            .isEqualTo(StationMain.EXIT_PROBLEMS);
        assertThat(out.toString()).contains("protected CPUs 1,3 (from station.cpu=books=3,sink=1 in " + config)
            .contains("reaches 1,3", "echo 5 > /proc/irq/30/smp_affinity", "echo 5 > /proc/irq/31/smp_affinity")
            .doesNotContain("irq/32/");
        // A dry run writes nothing.
        assertThat(Files.readString(proc.resolve("irq/30/smp_affinity"))).isEqualTo("8\n");
    }

    @Test
    void withoutCpusOrStationCpuTheAuditProtectsIsolcpusAndApplyWritesTheMasks() throws IOException
    {
        final Path config = Files.writeString(dir.resolve("empty.properties"), "station.cpu=\n");
        assertThat(run("irq", "audit", "--json", "--apply", "--config", config.toString(),
            "--proc-root", proc.toString())).isZero();
        final Map<String, Object> json = JsonReader.parseObject(out.toString().strip());
        assertThat(json.get("protected")).isEqualTo("2-3");
        assertThat((String)json.get("source")).startsWith("isolcpus= in ");
        assertThat(json.get("applied")).isEqualTo(true);
        final List<Object> irqs = ((List<?>)json.get("violations")).stream().map(v -> ((Map<?, ?>)v).get("irq"))
            .map(Object.class::cast).toList();
        assertThat(irqs).containsExactly(30.0, 31.0);
        assertThat(Files.readString(proc.resolve("irq/30/smp_affinity"))).isEqualTo("3\n");
        assertThat(Files.readString(proc.resolve("irq/31/smp_affinity"))).isEqualTo("3\n");
        assertThat(Files.readString(proc.resolve("irq/32/smp_affinity"))).isEqualTo("1\n");
    }

    @Test
    void aRefusedWriteIsReportedPerIrqAndExits1() throws IOException
    {
        Files.delete(proc.resolve("irq/30/smp_affinity"));
        Files.createDirectory(proc.resolve("irq/30/smp_affinity"));
        assertThat(run("irq", "audit", "--cpus", "3", "--apply", "--proc-root", proc.toString()))
            .isEqualTo(StationMain.EXIT_PROBLEMS);
        assertThat(out.toString()).contains("IRQ 30 not moved: ")
            .contains("wrote 7 to " + proc.resolve("irq/31/smp_affinity"));
        assertThat(Files.readString(proc.resolve("irq/31/smp_affinity"))).isEqualTo("7\n");
    }

    @Test
    void aCleanAuditExits0() throws IOException
    {
        irq(31, "3", "1");
        assertThat(run("irq", "audit", "--cpus", "2", "--proc-root", proc.toString())).isZero();
        assertThat(out.toString()).contains("clean");
    }

    @Test
    void protectingACpuThisHostDoesNotHaveIsAUsageErrorNotACleanAudit()
    {
        assertThat(run("irq", "audit", "--cpus", "2,9", "--proc-root", proc.toString()))
            .isEqualTo(StationMain.EXIT_USAGE);
        assertThat(err.toString().strip())
            .isEqualTo("station irq audit: CPU 9 (from --cpus) is not online here (online: 0-3)");
        assertThat(out.toString()).doesNotContain("clean");
    }

    @Test
    void thisHostsProcLists()
    {
        assertThat(run("irq", "list", "--json")).isZero();
        assertThat(JsonReader.parseObject(out.toString().strip()).get("cpus")).isInstanceOf(List.class);
    }
}
