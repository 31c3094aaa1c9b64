package dev.jitterbug.fx.chat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The words of a day separator in the message list: "Today", "Yesterday", or the date. */
public final class DayLabels {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy, HH:mm:ss",
            Locale.ENGLISH);

    private final ZoneId zone;
    private final java.util.function.LongSupplier now;

    public DayLabels(ZoneId zone, java.util.function.LongSupplier nowMillis) {
        this.zone = zone;
        this.now = nowMillis;
    }

    public static DayLabels systemDefault() {
        return new DayLabels(ZoneId.systemDefault(), System::currentTimeMillis);
    }

    /** Whether two messages fall on different local days (so a separator goes between them). */
    public boolean differentDays(long firstMillis, long secondMillis) {
        return !day(firstMillis).equals(day(secondMillis));
    }

    public String label(long millis) {
        LocalDate day = day(millis);
        LocalDate today = day(now.getAsLong());
        if (day.equals(today)) {
            return "Today";
        }
        if (day.equals(today.minusDays(1))) {
            return "Yesterday";
        }
        return DATE.format(day);
    }

    /** The time of day a message shows next to it: "14:05". */
    public String clock(long millis) {
        return CLOCK.format(Instant.ofEpochMilli(millis).atZone(zone));
    }

    /** The full moment, for the time's tooltip: "Wednesday, 2 December 2026, 14:05:09". */
    public String moment(long millis) {
        return FULL.format(Instant.ofEpochMilli(millis).atZone(zone));
    }

    private LocalDate day(long millis) {
        return Instant.ofEpochMilli(millis).atZone(zone).toLocalDate();
    }
}
