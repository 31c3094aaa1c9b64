package dev.jitterbug.testing;

import dev.jitterbug.ConnectionState;
import dev.jitterbug.Failure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 between clients and a test server, for fault injection and counting:
 * {@link #cutAll()} resets every connection (a link drop, server alive); {@link #blackhole(boolean)} drops every
 * packet without closing anything (a silently dead link — see there); {@link #delayMillis(long)} adds latency per chunk and
 * direction (so a round trip gains twice the delay; with {@link #delayLikeCable(boolean)} chunks in flight overlap);
 * {@link #refuse(boolean)} closes new connections at once.
 * Every accepted connection is timestamped, so a storm's attempts can be counted over time; with
 * {@link #record(boolean)} its bytes are kept too, to see what really crossed the wire.
 */
public final class LoopbackProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    /** The client's end of each open connection (a subset of {@link #open}). */
    private final Set<Socket> clientSides = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionsReset = new AtomicInteger();
    private final AtomicInteger linkDrops = new AtomicInteger();
    private final List<Long> acceptedAtNanos = new CopyOnWriteArrayList<>();
    private final AtomicLong bytesUp = new AtomicLong();
    private final AtomicLong bytesDown = new AtomicLong();
    private final AtomicLong chunksHeld = new AtomicLong();
    private final AtomicLong chunksDelayed = new AtomicLong();
    private volatile DownstreamTap tap;
    private volatile boolean holdDownstream;
    private volatile boolean blackhole;
    /** Sockets whose path went silent for good ({@link #stallOpenConnections()}). */
    private final Set<Socket> stalled = ConcurrentHashMap.newKeySet();
    private volatile boolean refuse;
    private volatile boolean holdNew;
    private final java.util.concurrent.atomic.AtomicInteger connectionsHeld = new java.util.concurrent.atomic.AtomicInteger();
    private volatile long delayMillis;
    private volatile boolean delayLikeCable;
    private volatile boolean closed;
    private volatile boolean recording;
    private final List<Recording> recordings = new CopyOnWriteArrayList<>();

    public LoopbackProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            listener = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "proxy-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        OpenFixtures.opened(this);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The same URI, pointed at this proxy (127.0.0.1 and the proxy's port). */
    public URI via(URI serverUri) {
        try {
            return new URI(serverUri.getScheme(), serverUri.getUserInfo(), "127.0.0.1", port(), serverUri.getPath(),
                    serverUri.getQuery(), serverUri.getFragment());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Resets every open connection now; new ones are accepted as usual. Returns how many client connections it reset. */
    public int cutAll() {
        int reset = 0;
        for (Socket socket : new ArrayList<>(open)) {
            // One by one: a connection accepted meanwhile stays open, and stays counted as open.
            open.remove(socket);
            if (clientSides.remove(socket)) {
                reset++;
            }
            closeQuietly(socket);
        }
        connectionsReset.addAndGet(reset);
        return reset;
    }

    /**
     * Waits until a client connection is open (a BOSH client is between two requests only for moments), then resets
     * every open connection; returns how many client connections it reset (at least one).
     */
    public int cutOpenConnections() {
        int reset = 0;
        while (reset == 0) { // a connection that closed on its own in between: cut the next one
            awaitQuietly(() -> !clientSides.isEmpty());
            reset = cutAll();
        }
        return reset;
    }

    /** Client connections reset by {@link #cutAll()} so far. */
    public int connectionsReset() {
        return connectionsReset.get();
    }

    /**
     * A link drop the client cannot miss, counted in {@link #linkDrops()}: new connections are refused, every open one
     * is reset, and once the client reports its session lost (the event itself, not a time) connections are accepted
     * again. Unlike a bare {@link #cutAll()}, which BOSH survives by repeating its requests, this always ends the
     * session; and if the client never notices, the call fails, so a drop cannot silently not happen.
     */
    public void dropLink(RecordingListener client) {
        int lostBefore = client.count(ConnectionState.DISCONNECTED);
        refuse(true);
        // Accepting again the moment the client notices, on its own event thread: a quick resume drawn near 0 ms must
        // not meet the refusal (a refused connection is a server-side failure, and would be spread).
        client.onNextDisconnect(() -> refuse(false));
        try {
            cutAll();
            client.await("the client noticed the dropped link",
                    () -> client.count(ConnectionState.DISCONNECTED) > lostBefore);
        } finally {
            refuse(false);
        }
        Failure noticed = client.events(ConnectionState.DISCONNECTED).get(lostBefore).failure();
        if (noticed == null || noticed.kind() == Failure.Kind.DEAD_LINK) {
            throw new AssertionError("a reset connection must be noticed as such, not by the silence probe: " + noticed);
        }
        linkDrops.incrementAndGet();
    }

    /** Link drops made with {@link #dropLink} so far (each one noticed by its client). */
    public int linkDrops() {
        return linkDrops.get();
    }

    /**
     * Packets are dropped in both directions while on, on every connection, and nobody is told. As with real packet
     * loss under TCP, nothing already sent is lost: the sender's TCP retransmits, so the bytes (and a close) arrive
     * late and in order once the blackhole ends — unless a connection is reset meanwhile. (An earlier version threw
     * the bytes away and kept the connection, which no TCP path does and TLS would turn into a failed connection:
     * it tore holes in the middle of XMPP streams, which XEP-0198 counters cannot see, and the soak counted the
     * stanzas it destroyed as lost messages.)
     */
    public void blackhole(boolean on) {
        this.blackhole = on;
    }

    /**
     * The path of every connection open now goes silent for good, as when the machine moves to another network:
     * nothing more passes either way and nobody is told, while new connections (over the "new network") pass as
     * usual. Returns how many client connections were stalled, so a test can assert the fault bit.
     */
    public int stallOpenConnections() {
        stalled.addAll(open);
        return clientSides.size();
    }

    /**
     * Like {@link #blackhole}, but only what the server sends stalls: the client's stanzas still reach the server
     * (and the other clients), while the acks, echoes and answers meant for it are held back. Nobody is told.
     */
    public void holdDownstream(boolean on) {
        this.holdDownstream = on;
    }

    /** Chunks that waited for a blackhole or a hold to end (so a blackhole can be shown to have bitten). */
    public long chunksHeld() {
        return chunksHeld.get();
    }

    /** Chunks delivered late by {@link #delayMillis}. */
    public long chunksDelayed() {
        return chunksDelayed.get();
    }

    /**
     * Sees every chunk the server sends towards the client, per connection, as it is passed on (after any blackhole
     * or hold; not in {@link #delayLikeCable} mode).
     */
    public interface DownstreamTap {
        /** @param connection the same object for every chunk of one connection */
        void chunk(Object connection, byte[] bytes, int length);
    }

    public void tapDownstream(DownstreamTap tap) {
        this.tap = tap;
    }

    /**
     * While on, new connections are accepted but not yet connected to the server: the client waits for an answer
     * (as behind a slow path) while the test changes the server. Counted in {@link #connectionsHeld()}.
     */
    public void holdNewConnections(boolean on) {
        this.holdNew = on;
    }

    /** Connections that waited for {@link #holdNewConnections} to end. */
    public int connectionsHeld() {
        return connectionsHeld.get();
    }

    public void refuse(boolean on) {
        this.refuse = on;
    }

    public void delayMillis(long millis) {
        this.delayMillis = millis;
    }

    /**
     * For latency measurements: connections accepted from now on deliver each chunk exactly the delay after it was
     * read, with several chunks on their way at once. By default a pump sleeps the delay before each chunk, so a
     * reply in three chunks takes three delays.
     */
    public void delayLikeCable(boolean on) {
        this.delayLikeCable = on;
    }

    /** Keeps every byte of the connections accepted from now on (both directions, as read), until turned off. */
    public void record(boolean on) {
        this.recording = on;
    }

    /** What each recorded connection carried, in the order the connections were accepted. */
    public List<Recording> recordings() {
        return recordings;
    }

    /** Accept times (System.nanoTime) of every connection so far. */
    public List<Long> acceptedAtNanos() {
        return acceptedAtNanos;
    }

    public int connections() {
        return acceptedAtNanos.size();
    }

    public long bytesUp() {
        return bytesUp.get();
    }

    public long bytesDown() {
        return bytesDown.get();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        cutAll();
        OpenFixtures.closed(this);
    }

    @Override
    public String toString() {
        return "proxy 127.0.0.1:" + listener.getLocalPort() + " -> " + targetPort;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            acceptedAtNanos.add(System.nanoTime());
            if (refuse) {
                closeQuietly(client);
                continue;
            }
            if (holdNew) {
                connectionsHeld.incrementAndGet();
                awaitQuietly(() -> !holdNew || closed);
            }
            Socket server = new Socket();
            try {
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2_000);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            open.add(client);
            open.add(server);
            clientSides.add(client);
            Recording recorded = recording ? new Recording() : null;
            if (recorded != null) {
                recordings.add(recorded);
            }
            pump(client, server, bytesUp, false, recorded == null ? null : recorded.up);
            pump(server, client, bytesDown, true, recorded == null ? null : recorded.down);
        }
    }

    private void pump(Socket from, Socket to, AtomicLong counter, boolean downstream, ByteArrayOutputStream record) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            boolean cable = delayLikeCable;
            DelayLine delayed = null;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) != -1) {
                    if (record != null) {
                        synchronized (record) {
                            record.write(buffer, 0, read);
                        }
                    }
                    awaitPassable(to, downstream);
                    long delay = delayMillis;
                    if (delay > 0) {
                        chunksDelayed.incrementAndGet();
                    }
                    if (delay > 0 && !cable) {
                        Thread.sleep(delay);
                    }
                    if (delay > 0 && cable && delayed == null) {
                        delayed = new DelayLine(from, to, out, counter);
                    }
                    if (delayed != null) {
                        delayed.send(Arrays.copyOf(buffer, read), System.nanoTime() + delay * 1_000_000L);
                        continue;
                    }
                    DownstreamTap watching = this.tap;
                    if (downstream && watching != null) {
                        watching.chunk(from, buffer, read); // what is about to reach the client
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                    counter.addAndGet(read);
                }
                awaitPassable(to, downstream); // the close, too, waits for the path
            } catch (IOException | InterruptedException e) {
                // the other side closed, or cutAll() reset the connection
            } finally {
                if (delayed != null) {
                    delayed.finish(); // delivers what is still on its way, then closes both sides
                } else {
                    closeBoth(from, to);
                }
            }
        }, "proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void closeBoth(Socket from, Socket to) {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
        clientSides.remove(from);
        clientSides.remove(to);
    }

    private static void awaitQuietly(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(RecordingListener.PATIENCE)
                .pollInterval(java.time.Duration.ofMillis(5)).until(condition);
    }

    /** The bytes one connection carried: up (client to server) and down (server to client). */
    public static final class Recording {
        private final ByteArrayOutputStream up = new ByteArrayOutputStream();
        private final ByteArrayOutputStream down = new ByteArrayOutputStream();

        public byte[] up() {
            synchronized (up) {
                return up.toByteArray();
            }
        }

        public byte[] down() {
            synchronized (down) {
                return down.toByteArray();
            }
        }
    }

    /**
     * Delivers each chunk {@code delay} after it was read, on its own thread: like a long cable, several chunks can
     * be on their way at once, so a reply in three chunks arrives after one delay, not three.
     */
    private final class DelayLine {
        private final BlockingQueue<Object[]> chunks = new LinkedBlockingQueue<>();
        private final Object end = new Object();

        DelayLine(Socket from, Socket to, OutputStream out, AtomicLong counter) {
            Thread writer = new Thread(() -> {
                try {
                    while (true) {
                        Object[] chunk = chunks.take();
                        if (chunk[0] == end) {
                            return;
                        }
                        long wait = (Long) chunk[1] - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                        }
                        byte[] bytes = (byte[]) chunk[0];
                        out.write(bytes);
                        out.flush();
                        counter.addAndGet(bytes.length);
                    }
                } catch (IOException | InterruptedException e) {
                    // the other side closed, or cutAll() reset the connection
                } finally {
                    closeBoth(from, to);
                }
            }, "proxy-delay");
            writer.setDaemon(true);
            writer.start();
        }

        void send(byte[] bytes, long dueNanos) {
            chunks.add(new Object[] {bytes, dueNanos});
        }

        void finish() {
            chunks.add(new Object[] {end, 0L});
        }
    }

    /** Holds a chunk back while the blackhole (or a downstream hold) lasts, then lets it through. */
    private void awaitPassable(Socket to, boolean downstream) throws InterruptedException {
        boolean held = false;
        while ((blackhole || (downstream && holdDownstream) || stalled.contains(to)) && !closed && !to.isClosed()) {
            if (!held) {
                held = true;
                chunksHeld.incrementAndGet(); // counted as it starts waiting, so the fault can see it bit
            }
            Thread.sleep(10);
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
