package com.tradingstation.wire;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.Enumeration;
import java.util.List;

/**
 * Opens the station's UDP sockets: buffers requested and read back, multicast interface, TTL
 * and loopback, group membership.
 */
public final class UdpTransport
{
    private UdpTransport()
    {
    }

    /**
     * Open a sending socket connected to {@code target} (a connected socket sends without an
     * address lookup or allocation per datagram).
     *
     * @param target   group or host and port.
     * @param config   interface, TTL, loopback, buffer size.
     * @param warnings receives one line when the kernel granted a smaller buffer.
     * @return the channel, blocking.
     * @throws IOException when the socket cannot be opened or configured.
     */
    public static DatagramChannel openSender(
        final InetSocketAddress target, final WireConfig config, final List<String> warnings) throws IOException
    {
        final DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try
        {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, config.socketBufferBytes());
            checkBuffer(channel.getOption(StandardSocketOptions.SO_SNDBUF), config.socketBufferBytes(),
                "SO_SNDBUF", "net.core.wmem_max", warnings);
            if (target.getAddress().isMulticastAddress())
            {
                channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, multicastInterface(config.interfaceName()));
                channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, config.ttl());
                channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, config.loopback());
            }
            channel.connect(target);
            return channel;
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    /**
     * Open a receiving socket on {@code address}: bound to the port (and to the group, so two
     * groups on one port stay apart), joined on the interface when multicast, non-blocking.
     *
     * @param address           group or local host and port.
     * @param interfaceName     interface for the join, or null to pick one.
     * @param socketBufferBytes SO_RCVBUF requested.
     * @param warnings          receives one line when the kernel granted a smaller buffer.
     * @return the channel.
     * @throws IOException when the socket cannot be opened, bound or joined.
     */
    public static DatagramChannel openReceiver(
        final InetSocketAddress address, final String interfaceName, final int socketBufferBytes,
        final List<String> warnings) throws IOException
    {
        final DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try
        {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, socketBufferBytes);
            checkBuffer(channel.getOption(StandardSocketOptions.SO_RCVBUF), socketBufferBytes,
                "SO_RCVBUF", "net.core.rmem_max", warnings);
            final InetAddress group = address.getAddress();
            if (group.isMulticastAddress())
            {
                channel.bind(new InetSocketAddress(group, address.getPort()));
                channel.join(group, multicastInterface(interfaceName));
            }
            else
            {
                channel.bind(address);
            }
            channel.configureBlocking(false);
            return channel;
        }
        catch (final IOException | RuntimeException ex)
        {
            channel.close();
            throw ex;
        }
    }

    /**
     * The interface multicast goes out of and is joined on: the one named, else loopback when it
     * carries multicast, else the first interface that is up, carries multicast and has an IPv4
     * address.
     *
     * @param name interface name or null.
     * @return the interface.
     * @throws SocketException naming what to set when none fits.
     */
    public static NetworkInterface multicastInterface(final String name) throws SocketException
    {
        if (name != null && !name.isBlank())
        {
            final NetworkInterface named = NetworkInterface.getByName(name);
            if (named == null)
            {
                throw new SocketException("no network interface named '" + name + "'");
            }
            return named;
        }
        final NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
        if (lo != null && lo.isUp() && lo.supportsMulticast())
        {
            return lo;
        }
        final Enumeration<NetworkInterface> all = NetworkInterface.getNetworkInterfaces();
        while (all != null && all.hasMoreElements())
        {
            final NetworkInterface nif = all.nextElement();
            if (nif.isUp() && nif.supportsMulticast() && !nif.isLoopback() && hasIpv4(nif))
            {
                return nif;
            }
        }
        throw new SocketException(
            "no up, multicast-capable interface: set the interface or use unicast addresses (e.g. 127.0.0.1:40456)");
    }

    private static boolean hasIpv4(final NetworkInterface nif)
    {
        final Enumeration<InetAddress> addresses = nif.getInetAddresses();
        while (addresses.hasMoreElements())
        {
            if (addresses.nextElement() instanceof Inet4Address)
            {
                return true;
            }
        }
        return false;
    }

    private static void checkBuffer(
        final int granted, final int requested, final String option, final String sysctl, final List<String> warnings)
    {
        // Linux reports twice the size it was asked for (it counts its bookkeeping), so a granted
        // value below the request means the request was capped by the sysctl.
        if (granted < requested)
        {
            warnings.add(option + " granted " + granted + " of " + requested + " bytes requested: raise " + sysctl +
                " (sysctl -w " + sysctl + "=" + requested + ")");
        }
    }

    /**
     * Close a channel pair, the second even when closing the first fails.
     *
     * @param first  closed first.
     * @param second closed second, always.
     * @throws IOException from either close.
     */
    static void closeBoth(final Closeable first, final Closeable second) throws IOException
    {
        try
        {
            first.close();
        }
        finally
        {
            second.close();
        }
    }
}
