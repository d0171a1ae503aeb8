package com.tradingstation.ops;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A second process for the ledger tests. {@code append FILE N}: prints READY, waits for a line on
 * stdin, appends N lines through {@link GateLedger}. {@code torn FILE}: takes the ledger's lock,
 * writes half a line, prints HALF and blocks until it is killed.
 */
public final class LedgerChild
{
    private LedgerChild()
    {
    }

    /**
     * @param args mode, file and count.
     * @throws Exception on failure (exit code 1).
     */
    public static void main(final String[] args) throws Exception
    {
        final Path file = Path.of(args[1]);
        final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (args[0].equals("append"))
        {
            final int n = Integer.parseInt(args[2]);
            System.out.println("READY");
            System.out.flush();
            in.readLine();
            for (int i = 0; i < n; i++)
            {
                GateLedger.append(file, GateLedgerTest.line("child", i));
            }
            System.out.println("DONE");
            System.out.flush();
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND))
        {
            ch.lock();
            final String line = GateLedgerTest.line("torn", 0);
            ch.write(ByteBuffer.wrap(line.substring(0, line.length() / 2).getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
            System.out.println("HALF");
            System.out.flush();
            in.readLine(); // blocks: the test kills this process here, lock held, line unfinished
        }
    }
}
