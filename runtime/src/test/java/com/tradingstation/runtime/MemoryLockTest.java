package com.tradingstation.runtime;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * mlockall in child JVMs with a given RLIMIT_MEMLOCK ({@code prlimit}: lowering it needs no privilege);
 * as root the child also
 * drops CAP_IPC_LOCK ({@code setpriv}), which otherwise lets root lock past any limit.
 */
class MemoryLockTest
{
    private static boolean root()
    {
        return "0".equals(ProcFiles.field(ProcFiles.read(Path.of("/proc/self/status")), "Uid").split("\\s+")[0]);
    }

    private static String probe(final String memlock, final boolean dropCapability)
        throws IOException, InterruptedException
    {
        final List<String> cmd = new ArrayList<>();
        if (memlock != null)
        {
            cmd.add("prlimit");
            cmd.add("--memlock=" + memlock + ":" + memlock);
        }
        if (dropCapability)
        {
            cmd.addAll(List.of("setpriv", "--inh-caps=-ipc_lock", "--bounding-set=-ipc_lock"));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xms64m", "-Xmx64m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"), MemoryLockProbe.class.getName()));
        final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().filter(l -> l.startsWith("locked=")).findFirst().orElse(out);
    }

    private static void assumeTools()
    {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")), "prlimit (util-linux) is not installed");
        assumeTrue(!root() || Files.isExecutable(Path.of("/usr/bin/setpriv")),
            "setpriv (util-linux) is not installed: root cannot give up CAP_IPC_LOCK for the test");
    }

    @Test
    void locksEverythingWhenTheLimitAllowsAndReadsVmLckBack() throws IOException, InterruptedException
    {
        assumeTools();
        // Raising the limit needs CAP_SYS_RESOURCE, which containers often lack: run with the limit in force.
        assumeTrue(root() || "unlimited".equals(MemoryLock.limit()),
            "RLIMIT_MEMLOCK is " + MemoryLock.limit() + " and this is not root: mlockall of a JVM cannot succeed here");
        final String line = probe(null, false);
        assertThat(line).startsWith("locked=true errno=0 before=0 vmlck=");
        final long vmlck = Long.parseLong(line.replaceAll(".* vmlck=(\\d+) .*", "$1"));
        assertThat(vmlck).as("the 64 MiB heap at least is locked").isGreaterThan(64L << 20);
    }

    @Test
    void aZeroLimitWithoutTheCapabilityIsEpermWithTheFix() throws IOException, InterruptedException
    {
        assumeTools();
        final String line = probe("0", root());
        assertThat(line).startsWith("locked=false errno=1 before=0 vmlck=0 limit=0 bytes")
            .contains("message=mlockall failed: EPERM, not permitted (RLIMIT_MEMLOCK is 0 bytes and the process "
                + "lacks CAP_IPC_LOCK); raise it: `ulimit -l unlimited`")
            .contains("LimitMEMLOCK=infinity");
    }

    @Test
    void aLimitTooSmallForTheJvmIsEnomemWithTheFix() throws IOException, InterruptedException
    {
        assumeTools();
        final String line = probe("65536", root());
        assertThat(line).startsWith("locked=false errno=12 ")
            .contains("message=mlockall failed: ENOMEM, the process maps more than RLIMIT_MEMLOCK (65536 bytes)")
            .contains("(or lower -Xmx)");
    }
}
