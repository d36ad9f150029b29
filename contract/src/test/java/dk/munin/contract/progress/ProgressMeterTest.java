package dk.munin.contract.progress;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressMeterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final List<String> lines = new ArrayList<>();

    @Test
    void linesComeForTheFirstPhotoEveryNPhotosAndTheLastWithRateEtaAndSpend() {
        // 0.45 DKK an hour: 1 second is 0.000125 DKK
        ProgressMeter meter = new ProgressMeter(300, nanos::get, seconds -> seconds * 0.45 / 3600, lines::add, 100, 3600);

        for (int photo = 0; photo < 300; photo++) {
            nanos.addAndGet(100_000_000); // 0.1 s a photo
            meter.advance();
        }

        assertEquals(List.of(
                "progress: 1/300 photos (0 %), 10.0 photos/s, ETA 30 s, 0.0000 DKK spent",
                "progress: 101/300 photos (33 %), 10.0 photos/s, ETA 20 s, 0.0013 DKK spent",
                "progress: 201/300 photos (67 %), 10.0 photos/s, ETA 10 s, 0.0025 DKK spent",
                "progress: 300/300 photos (100 %), 10.0 photos/s, 0.0038 DKK spent"), lines);
    }

    @Test
    void aSlowStageWritesALineEveryFewSecondsAndNoSpendWhenNothingIsPaidByTheHour() {
        ProgressMeter meter = new ProgressMeter(1000, nanos::get, null, lines::add, 1000, 25);

        for (int photo = 0; photo < 4; photo++) {
            nanos.addAndGet(10_000_000_000L); // 10 s a photo: a line at 10 s, then none until 25 s later
            meter.advance();
        }

        assertEquals(List.of("progress: 1/1000 photos (0 %), 0.1 photos/s, ETA 2.8 h",
                "progress: 4/1000 photos (0 %), 0.1 photos/s, ETA 2.8 h"), lines);
    }

    @Test
    void withoutATotalThereIsNoShareAndNoEta() {
        ProgressMeter meter = new ProgressMeter(0, nanos::get, null, lines::add, 2, 3600);

        for (int photo = 0; photo < 3; photo++) {
            nanos.addAndGet(500_000_000);
            meter.advance();
        }

        assertEquals(List.of("progress: 1 photos, 2.0 photos/s", "progress: 3 photos, 2.0 photos/s"), lines);
    }

    @Test
    void durationsReadAsAPersonWouldSayThem() {
        assertEquals("42 s", ProgressMeter.duration(42));
        assertEquals("12 min", ProgressMeter.duration(720));
        assertEquals("3.5 h", ProgressMeter.duration(12_600));
    }
}
