package dev.jitterbug.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the machine's network looks like at one moment: the addresses of the interfaces that are up (loopback left
 * out) and, where the system shows it ({@code /proc/net/route} on Linux), the default routes. Two snapshots that
 * differ mean a connection made under the first may now go nowhere.
 */
public final class NetworkSnapshot {
    private static final Path IPV4_ROUTES = Paths.get("/proc/net/route");

    private final Set<String> addresses;
    private final Set<String> defaultRoutes;
    private final boolean usable;

    public NetworkSnapshot(Set<String> addresses, Set<String> defaultRoutes, boolean usable) {
        this.addresses = Collections.unmodifiableSet(new TreeSet<>(addresses));
        this.defaultRoutes = Collections.unmodifiableSet(new TreeSet<>(defaultRoutes));
        this.usable = usable;
    }

    /** Reads the system's interfaces and routes now. A failure to read counts as "nothing known changed". */
    public static NetworkSnapshot ofSystem() {
        Set<String> addresses = new TreeSet<>();
        boolean usable = false;
        try {
            Enumeration<NetworkInterface> interfaces = NetworkInterface.getNetworkInterfaces();
            while (interfaces != null && interfaces.hasMoreElements()) {
                NetworkInterface nic = interfaces.nextElement();
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InterfaceAddress address : nic.getInterfaceAddresses()) {
                    InetAddress ip = address.getAddress();
                    addresses.add(nic.getName() + " " + ip.getHostAddress() + "/" + address.getNetworkPrefixLength());
                    // A link-local address is there without any network (IPv6 on every interface, IPv4 from zeroconf).
                    usable |= !ip.isLinkLocalAddress() && !ip.isLoopbackAddress();
                }
            }
        } catch (SocketException e) {
            return null;
        }
        return new NetworkSnapshot(addresses, readDefaultRoutes(), usable);
    }

    /** Linux's IPv4 default routes as "interface gateway" (destination 00000000); empty where there is no such file. */
    private static Set<String> readDefaultRoutes() {
        Set<String> routes = new TreeSet<>();
        if (!Files.isReadable(IPV4_ROUTES)) {
            return routes;
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(Files.newInputStream(IPV4_ROUTES),
                StandardCharsets.US_ASCII))) {
            String line = lines.readLine(); // the header
            while ((line = lines.readLine()) != null) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 2 && "00000000".equals(fields[1])) {
                    routes.add(fields[0] + " " + fields[2]);
                }
            }
        } catch (IOException e) {
            routes.clear();
        }
        return routes;
    }

    public Set<String> addresses() {
        return addresses;
    }

    public Set<String> defaultRoutes() {
        return defaultRoutes;
    }

    /** Whether some interface has an address that can reach beyond the machine and its link. */
    public boolean usable() {
        return usable;
    }

    /** In words, what changed from the earlier snapshot to this one (for logs and the diagnostics). */
    public String describeChangeFrom(NetworkSnapshot earlier) {
        Set<String> gone = new TreeSet<>(earlier.addresses);
        gone.removeAll(addresses);
        Set<String> added = new TreeSet<>(addresses);
        added.removeAll(earlier.addresses);
        StringBuilder text = new StringBuilder();
        if (!added.isEmpty()) {
            text.append("new address ").append(String.join(", ", added));
        }
        if (!gone.isEmpty()) {
            text.append(text.length() == 0 ? "" : "; ").append("address gone ").append(String.join(", ", gone));
        }
        if (!defaultRoutes.equals(earlier.defaultRoutes)) {
            text.append(text.length() == 0 ? "" : "; ").append("default route ")
                    .append(earlier.defaultRoutes.isEmpty() ? "none" : String.join(", ", earlier.defaultRoutes))
                    .append(" -> ").append(defaultRoutes.isEmpty() ? "none" : String.join(", ", defaultRoutes));
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NetworkSnapshot && ((NetworkSnapshot) other).addresses.equals(addresses)
                && ((NetworkSnapshot) other).defaultRoutes.equals(defaultRoutes);
    }

    @Override
    public int hashCode() {
        return addresses.hashCode() * 31 + defaultRoutes.hashCode();
    }
}
