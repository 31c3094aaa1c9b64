package dev.jitterbug.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What every test server process needs: free loopback ports, waiting, its folder removed, its logs' last lines. */
final class ServerProcesses {
    /** USER_HZ on Linux: /proc reports CPU in these ticks. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private ServerProcesses() {
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits up to 10 s for the process to end; false if it did not. */
    static boolean waitFor(Process p) {
        try {
            return p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM, then SIGKILL if the process has not ended within 10 s. */
    static void stop(Process process) {
        if (process != null) {
            process.destroy();
            if (!waitFor(process)) {
                process.destroyForcibly();
                waitFor(process);
            }
        }
    }

    /** SIGKILL, and wait until it is gone. */
    static void kill(Process process) {
        if (process != null) {
            process.destroyForcibly();
            waitFor(process);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The last 30 lines of each log that exists, for failure messages. */
    static String tail(List<Path> logs) {
        StringBuilder out = new StringBuilder();
        for (Path log : logs) {
            try {
                if (Files.exists(log)) {
                    List<String> lines = Files.readAllLines(log);
                    out.append("== ").append(log.getFileName()).append('\n');
                    lines.subList(Math.max(0, lines.size() - 30), lines.size())
                            .forEach(l -> out.append(l).append('\n'));
                }
            } catch (IOException ignored) {
                // best effort: this is only for a failure message
            }
        }
        return out.toString();
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover temp file is not worth failing a test for
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }

    /** CPU time (user + system) the process has used so far, from /proc; 0 before it started. */
    static long cpuMillis(Process process) {
        if (process == null) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
            return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command a provisioned wrapper runs: {@code ~/.cache/jitterbug/bin/NAME} (see provision-servers.sh). */
    static Path provisioned(String name) {
        return TestCache.dir().resolve("bin").resolve(name);
    }
}
