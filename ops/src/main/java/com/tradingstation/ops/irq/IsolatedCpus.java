package com.tradingstation.ops.irq;

import java.nio.file.Path;

/**
 * The CPUs named by the {@code isolcpus=} boot option, read from the kernel command line
 * ({@code /proc/cmdline}). The option's flags ({@code nohz}, {@code domain}, {@code managed_irq})
 * may precede the list: {@code isolcpus=managed_irq,domain,2-3}. Stateless.
 */
public final class IsolatedCpus
{
    private static final String OPTION = "isolcpus=";

    private IsolatedCpus()
    {
    }

    /**
     * @param procRoot {@code /proc} or a copy holding {@code cmdline}.
     * @return the isolated CPUs, or null when the command line has no {@code isolcpus=} (or cannot be read).
     * @throws IllegalArgumentException one line when the option's CPU list is malformed.
     */
    public static CpuMask read(final Path procRoot)
    {
        final String cmdline = IrqTable.text(procRoot.resolve("cmdline"));
        return cmdline == null ? null : fromCmdline(cmdline);
    }

    /**
     * @param cmdline a kernel command line.
     * @return the CPUs of its last {@code isolcpus=}, or null when it has none.
     * @throws IllegalArgumentException one line when the option's CPU list is malformed.
     */
    public static CpuMask fromCmdline(final String cmdline)
    {
        String value = null;
        for (final String word : cmdline.strip().split("\\s+"))
        {
            if (word.equals("--"))
            {
                break;
            }
            if (word.startsWith(OPTION))
            {
                value = word.substring(OPTION.length());
            }
        }
        if (value == null)
        {
            return null;
        }
        // Flags are words; the list starts at the first entry that begins with a digit.
        int start = 0;
        while (start < value.length() && !Character.isDigit(value.charAt(start)))
        {
            final int comma = value.indexOf(',', start);
            start = comma < 0 ? value.length() : comma + 1;
        }
        return CpuMask.parseList(value.substring(start));
    }
}
