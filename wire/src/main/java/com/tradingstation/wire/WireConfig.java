package com.tradingstation.wire;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where and how the station publishes (and a subscriber listens).
 *
 * @param incremental          incremental channel address: a multicast group or a unicast host, and a port.
 * @param snapshot             snapshot channel address.
 * @param interfaceName        network interface for multicast, or null to pick one (see {@link UdpTransport}).
 * @param ttl                  multicast time-to-live (1 keeps packets on the local network).
 * @param loopback             deliver multicast to receivers on this host too.
 * @param maxPayloadBytes      largest datagram payload; messages are batched up to it.
 * @param socketBufferBytes    SO_SNDBUF / SO_RCVBUF requested.
 * @param heartbeatIntervalMs  a heartbeat goes out on a channel idle this long.
 * @param definitionIntervalMs every instrument definition is repeated this often.
 * @param snapshotsPerSecond   books snapshotted per second, round-robin over live books (0 = none).
 */
public record WireConfig(
    InetSocketAddress incremental,
    InetSocketAddress snapshot,
    String interfaceName,
    int ttl,
    boolean loopback,
    int maxPayloadBytes,
    int socketBufferBytes,
    long heartbeatIntervalMs,
    long definitionIntervalMs,
    int snapshotsPerSecond)
{
    /** Default incremental channel. */
    public static final String DEFAULT_INCREMENTAL = "239.255.77.1:40456";
    /** Default snapshot channel. */
    public static final String DEFAULT_SNAPSHOT = "239.255.77.2:40457";
    /** Socket buffers the original feeder asked for. */
    public static final int DEFAULT_SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

    /**
     * Validate.
     */
    public WireConfig
    {
        if (incremental == null || snapshot == null)
        {
            throw new IllegalArgumentException("incremental and snapshot addresses are required");
        }
        if (incremental.equals(snapshot))
        {
            throw new IllegalArgumentException("incremental and snapshot channels must differ: " + incremental);
        }
        if (maxPayloadBytes < WireProtocol.MIN_PAYLOAD_BYTES || maxPayloadBytes > WireProtocol.MAX_UDP_PAYLOAD_BYTES)
        {
            throw new IllegalArgumentException("max payload must be " + WireProtocol.MIN_PAYLOAD_BYTES + ".." +
                WireProtocol.MAX_UDP_PAYLOAD_BYTES + " bytes, was " + maxPayloadBytes);
        }
        if (ttl < 0 || ttl > 255)
        {
            throw new IllegalArgumentException("ttl must be 0..255, was " + ttl);
        }
        if (heartbeatIntervalMs <= 0 || definitionIntervalMs <= 0 || snapshotsPerSecond < 0 || socketBufferBytes <= 0)
        {
            throw new IllegalArgumentException("intervals and buffer sizes must be positive");
        }
    }

    /**
     * @return the defaults: multicast groups above, interface picked, TTL 1, loopback on, 1472-byte
     * payloads, 4 MiB buffers, heartbeat 250 ms, definitions every second, 20 snapshots a second.
     */
    public static WireConfig defaults()
    {
        return new WireConfig(address(DEFAULT_INCREMENTAL), address(DEFAULT_SNAPSHOT), null, 1, true,
            WireProtocol.DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_SOCKET_BUFFER_BYTES, 250, 1000, 20);
    }

    /**
     * @param incremental new incremental channel.
     * @param snapshot    new snapshot channel.
     * @return a copy with those channels.
     */
    public WireConfig withChannels(final InetSocketAddress incremental, final InetSocketAddress snapshot)
    {
        return new WireConfig(incremental, snapshot, interfaceName, ttl, loopback, maxPayloadBytes,
            socketBufferBytes, heartbeatIntervalMs, definitionIntervalMs, snapshotsPerSecond);
    }

    /**
     * @param name interface name or null.
     * @return a copy with that interface.
     */
    public WireConfig withInterface(final String name)
    {
        return new WireConfig(incremental, snapshot, name, ttl, loopback, maxPayloadBytes,
            socketBufferBytes, heartbeatIntervalMs, definitionIntervalMs, snapshotsPerSecond);
    }

    /**
     * @param payloadBytes largest payload.
     * @return a copy with that payload size.
     */
    public WireConfig withMaxPayloadBytes(final int payloadBytes)
    {
        return new WireConfig(incremental, snapshot, interfaceName, ttl, loopback, payloadBytes,
            socketBufferBytes, heartbeatIntervalMs, definitionIntervalMs, snapshotsPerSecond);
    }

    /**
     * @param heartbeatMs  heartbeat interval.
     * @param definitionMs definition repeat interval.
     * @param snapshotRate snapshots per second.
     * @return a copy with those timings.
     */
    public WireConfig withTimings(final long heartbeatMs, final long definitionMs, final int snapshotRate)
    {
        return new WireConfig(incremental, snapshot, interfaceName, ttl, loopback, maxPayloadBytes,
            socketBufferBytes, heartbeatMs, definitionMs, snapshotRate);
    }

    /**
     * @param address an address.
     * @return it as {@code host:port} with the numeric host, the form {@link #address(String)} reads.
     */
    public static String hostPort(final InetSocketAddress address)
    {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /**
     * @param hostPort {@code host:port}, an IPv4 literal or a name.
     * @return the address.
     * @throws IllegalArgumentException with a one-line reason.
     */
    public static InetSocketAddress address(final String hostPort)
    {
        final int colon = hostPort == null ? -1 : hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1)
        {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + hostPort + "'");
        }
        final int port;
        try
        {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("bad port in '" + hostPort + "'");
        }
        if (port < 1 || port > 65535)
        {
            throw new IllegalArgumentException("port must be 1..65535 in '" + hostPort + "'");
        }
        try
        {
            return new InetSocketAddress(InetAddress.getByName(hostPort.substring(0, colon)), port);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("unknown host in '" + hostPort + "'");
        }
    }
}
