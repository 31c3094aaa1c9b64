package dev.jitterbug.fx.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class DayLabelsTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final long NOW = ZonedDateTime.of(2026, 11, 27, 10, 0, 0, 0, BERLIN).toInstant().toEpochMilli();
    private final DayLabels days = new DayLabels(BERLIN, () -> NOW);

    @Test
    void namesTodayYesterdayAndOlderDays() {
        assertThat(days.label(at(27, 0, 5))).isEqualTo("Today");
        assertThat(days.label(at(26, 23, 59))).isEqualTo("Yesterday");
        assertThat(days.label(at(24, 12, 0))).isEqualTo("Tuesday, 24 November 2026");
    }

    @Test
    void splitsAtLocalMidnightNotUtc() {
        // 23:30 and 00:30 Berlin time are the same UTC day but two local days.
        assertThat(days.differentDays(at(26, 23, 30), at(27, 0, 30))).isTrue();
        assertThat(days.differentDays(at(27, 0, 30), at(27, 23, 30))).isFalse();
    }

    private static long at(int day, int hour, int minute) {
        return ZonedDateTime.of(2026, 11, day, hour, minute, 0, 0, BERLIN).toInstant().toEpochMilli();
    }
}
