package com.tradingstation.wire;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UdpTransportTest
{
    @Test
    void aBufferLargerThanTheSysctlAllowsIsReadBackAndNamed() throws Exception
    {
        final long rmemMax = sysctl("rmem_max");
        final int asked = (int)Math.min(Integer.MAX_VALUE / 2, rmemMax * 4 + 1);
        final List<String> warnings = new ArrayList<>();
        try (DatagramChannel ch = UdpTransport.openReceiver(new InetSocketAddress("127.0.0.1", 0), null, asked,
            warnings))
        {
            assertThat(ch.getOption(StandardSocketOptions.SO_RCVBUF)).isLessThan(asked);
        }
        assertThat(warnings).singleElement().asString()
            .startsWith("SO_RCVBUF granted ").contains("of " + asked + " bytes requested: raise net.core.rmem_max");
    }

    @Test
    void theDefaultBufferIsGrantedWhereTheSysctlAllowsIt() throws Exception
    {
        final long wmemMax = sysctl("wmem_max");
        final List<String> warnings = new ArrayList<>();
        final WireConfig config = WireConfig.defaults()
            .withChannels(new InetSocketAddress("127.0.0.1", 9), new InetSocketAddress("127.0.0.1", 10));
        try (DatagramChannel ch = UdpTransport.openSender(config.incremental(), config, warnings))
        {
            assertThat(ch.isConnected()).isTrue();
        }
        assertThat(warnings.isEmpty()).isEqualTo(wmemMax >= WireConfig.DEFAULT_SOCKET_BUFFER_BYTES / 2);
    }

    /** Read with a reader: Files.readString trusts the size /proc reports and returns one byte. */
    private static long sysctl(final String name) throws java.io.IOException
    {
        try (java.io.BufferedReader r = Files.newBufferedReader(Path.of("/proc/sys/net/core", name)))
        {
            return Long.parseLong(r.readLine().trim());
        }
    }

    @Test
    void addressesAreCheckedWithOneLineReasons()
    {
        assertThat(WireConfig.address("239.255.77.1:40456").getPort()).isEqualTo(40456);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WireConfig.address("239.255.77.1"))
            .hasMessage("expected HOST:PORT, got '239.255.77.1'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WireConfig.address("h:0"))
            .hasMessageContaining("port must be 1..65535");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WireConfig.defaults().withMaxPayloadBytes(64))
            .hasMessageContaining("max payload must be");
    }
}
