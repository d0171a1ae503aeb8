package com.tradingstation.app;

import com.tradingstation.ops.CpuPin;
import picocli.CommandLine.Option;

/**
 * Picocli mixin for {@code --cpu C} of the commands with one measuring thread ({@code station monitor},
 * {@code dashboard}, {@code tail}): pin it to that CPU, or leave it unpinned.
 */
final class PinOption
{
    @Option(names = "--cpu", paramLabel = "C", description = "Pin the measuring thread to CPU C and verify the pin.")
    Integer cpu;

    /** @return the CPU asked for, or -1 for no pin. */
    int cpu()
    {
        return cpu == null ? -1 : cpu;
    }

    /**
     * @param pin     how the measuring thread was pinned.
     * @param console where a failed pin is said.
     * @return true when a pin was asked for and did not hold (the command then exits 1); it is said on stderr.
     */
    boolean failed(final CpuPin pin, final Console console)
    {
        if (cpu == null || pin.pinned())
        {
            return false;
        }
        console.note(pin.message());
        return true;
    }
}
