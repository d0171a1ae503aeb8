package com.tradingstation.feed.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class CaptureReaderTest
{
    @TempDir
    Path dir;

    private final List<String> lines = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private int bad;
    private int tooLong;

    private final CaptureLineHandler handler = new CaptureLineHandler()
    {
        @Override
        public void onLine(final byte[] buffer, final int offset, final int length, final long t)
        {
            lines.add(new String(buffer, offset, length, StandardCharsets.US_ASCII));
            times.add(t);
        }

        @Override
        public void onBadLine(final boolean isTooLong)
        {
            bad++;
            if (isTooLong)
            {
                tooLong++;
            }
        }
    };

    @Test
    void readsTimestampedBareCrlfAndUnterminatedLines() throws IOException
    {
        final String text = "1723161253937085768 {\"a\":1}\r\n{\"lastUpdateId\":5}\n\n   \n42  {\"b\":2}\n7 {\"c\":3}";
        new CaptureReader().read(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), handler);
        assertThat(lines).containsExactly("{\"a\":1}", "{\"lastUpdateId\":5}", "{\"b\":2}", "{\"c\":3}");
        assertThat(times).containsExactly(1723161253937085768L, 0L, 42L, 7L);
        assertThat(bad).isZero();
    }

    @Test
    void gzipIsDetectedByMagicNotName() throws IOException
    {
        final Path gz = dir.resolve("capture.txt");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz)))
        {
            out.write("1 {\"x\":1}\n2 {\"y\":2}\n".getBytes(StandardCharsets.US_ASCII));
        }
        final Path plain = dir.resolve("capture.gz");
        Files.writeString(plain, "3 {\"z\":3}\n");
        final CaptureReader reader = new CaptureReader();
        reader.read(gz, handler);
        reader.read(plain, handler);
        assertThat(lines).containsExactly("{\"x\":1}", "{\"y\":2}", "{\"z\":3}");
        assertThat(reader.lines()).isEqualTo(3);
    }

    @Test
    void badTimestampsAndOverlongLinesAreReportedAndSkipped() throws IOException
    {
        final StringBuilder longLine = new StringBuilder("9 {\"x\":\"");
        longLine.append("y".repeat(200_000)).append("\"}");
        final String text = "abc {\"a\":1}\n12x {\"b\":1}\n" + longLine + "\n5 {\"ok\":1}\n" + longLine;
        new CaptureReader(1024).read(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), handler);
        assertThat(lines).containsExactly("{\"ok\":1}");
        assertThat(bad).isEqualTo(4);
        assertThat(tooLong).isEqualTo(2);
    }

    @Test
    void linesLongerThanTheInitialBufferAreKept() throws IOException
    {
        final String big = "{\"x\":\"" + "z".repeat(3_000_000) + "\"}";
        new CaptureReader()
            .read(new ByteArrayInputStream(("1 " + big + "\n").getBytes(StandardCharsets.US_ASCII)), handler);
        assertThat(lines).containsExactly(big);
    }
}
