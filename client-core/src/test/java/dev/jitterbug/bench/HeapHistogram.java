package dev.jitterbug.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/** The JVM's class histogram (what {@code jcmd PID GC.class_histogram} prints), read in-process, and its growth. */
final class HeapHistogram {
    /** "   1:   12345   678901  java.lang.String (java.base@17)". */
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    /** Growth of one class between two histograms. */
    record Growth(String className, long instances, long bytes) {
    }

    private HeapHistogram() {
    }

    /** Class name to {instances, bytes}, of live objects (the command runs a full GC first). */
    static Map<String, long[]> take() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, long[]> rows = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                rows.put(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
            }
        }
        return rows;
    }

    /** The {@code limit} classes whose bytes grew most from {@code before} to {@code after}. */
    static List<Growth> topGrowth(Map<String, long[]> before, Map<String, long[]> after, int limit) {
        List<Growth> growth = new ArrayList<>();
        for (Map.Entry<String, long[]> e : after.entrySet()) {
            long[] was = before.getOrDefault(e.getKey(), new long[2]);
            growth.add(new Growth(e.getKey(), e.getValue()[0] - was[0], e.getValue()[1] - was[1]));
        }
        growth.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
        return growth.subList(0, Math.min(limit, growth.size()));
    }
}
