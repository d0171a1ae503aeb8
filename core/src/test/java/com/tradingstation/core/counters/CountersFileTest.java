package com.tradingstation.core.counters;

import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CountersFileTest
{
    @TempDir
    Path dir;

    @Test
    void aReaderMappingTheFileSeesTheOwnersCountersAndHeader() throws IOException
    {
        final Path file = dir.resolve("run").resolve(CountersFile.FILE_NAME);
        final long before = System.currentTimeMillis();
        final CountersFile owner = CountersFile.create(file, 16);
        final AtomicCounter events = owner.newCounter(StationCounter.EVENTS);
        final AtomicCounter peak = owner.newCounter(StationCounter.LIVE_WEIGHT_PEAK, "binance-spot");
        events.setOrdered(42);
        peak.setOrdered(7);
        try (CountersFile reader = CountersFile.openReadOnly(file))
        {
            assertThat(reader.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(reader.startTimeMs()).isBetween(before, System.currentTimeMillis());
            assertThat(reader.ownerRunning()).isTrue();
            assertThat(reader.sum(StationCounter.EVENTS)).isEqualTo(42);
            assertThat(reader.has(StationCounter.SINK_WRITES)).isFalse();
            assertThat(reader.counters()).containsExactly(
                new CountersFile.Counter(0, 1, "events", "", 42),
                new CountersFile.Counter(1, 38, "live weight peak per 1m binance-spot", "binance-spot", 7));
            events.incrementOrdered();
            assertThat(reader.sum(StationCounter.EVENTS)).isEqualTo(43);
        }
        owner.close();
        assertThat(file).doesNotExist();
    }

    @Test
    void aFileThatIsNotCountersIsRefusedWithItsReason() throws IOException
    {
        final Path small = Files.writeString(dir.resolve("small"), "x");
        assertThatThrownBy(() -> CountersFile.openReadOnly(small)).isInstanceOf(IOException.class)
            .hasMessageContaining("not a station counters file (1 bytes)");
        final Path text = Files.writeString(dir.resolve("text"), "y".repeat(CountersFile.HEADER_LENGTH * 2));
        assertThatThrownBy(() -> CountersFile.openReadOnly(text)).isInstanceOf(IOException.class)
            .hasMessageContaining("not a station counters file, or not yet initialised");
        // The owner replaces a file no running station holds.
        final CountersFile owner = CountersFile.create(text, 4);
        assertThat(Files.size(text)).isEqualTo(CountersFile.HEADER_LENGTH + 4 * (512 + 128));
        owner.close();
    }

    @Test
    void everyTypeIdIsUniqueAndFindsItsDefinition()
    {
        for (final StationCounter c : StationCounter.values())
        {
            assertThat(StationCounter.ofTypeId(c.typeId())).isSameAs(c);
            assertThat(c.metricName()).startsWith("station_").doesNotEndWith("_total");
        }
        assertThat(StationCounter.ofTypeId(0)).isNull();
        assertThat(StationCounter.ofTypeId(999)).isNull();
    }
}
