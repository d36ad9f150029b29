package dk.munin.output.report;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.budget.CostMetric;
import dk.munin.cluster.Event;
import dk.munin.output.ClustersParquetWriter;
import dk.munin.output.RunFixture;
import dk.munin.output.RunReport;
import dk.munin.stage.writeparquet.WriteParquet;
import dk.munin.state.Json;
import dk.munin.testing.Chromium;
import dk.munin.testing.PageInBrowser;
import dk.munin.testing.TestPhotos;
import dk.munin.weather.EventWeather;
import dk.munin.weather.TestEvents;
import dk.munin.weather.WeatherValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated run of 10,000 events at 25 stations over most of a year, written by the real
 * WriteParquet and opened in headless Chromium: the page must load and lay out without freezing
 * the browser. The times are kept in target/report-html/render-10000-events.txt beside the screenshot.
 */
@ExtendWith(Chromium.class)
class ReportPageRenderTest {

    private static final int EVENTS = 10_000;
    private static final int STATIONS = 25;
    private static final int PHOTOS_PER_STATION = 4;
    private static final List<String> SPECIES = List.of("animal", "person", "vehicle", "red fox", "roe deer");
    /** Far below what a person calls frozen, and far above what the page takes on a busy 2-core machine. */
    private static final long MOST_LOAD_MILLIS = 10_000;
    private static final double MOST_RELAYOUT_MILLIS = 2_000;

    @TempDir
    Path temp;

    @Test
    void tenThousandEventsRenderWithoutFreezingTheBrowser() throws IOException {
        RunFixture run = new RunFixture(temp);
        for (int station = 0; station < STATIONS; station++) {
            for (int photo = 0; photo < PHOTOS_PER_STATION; photo++) {
                TestPhotos.jpeg().size(1024, 768).writeTo(run.input.resolve(file(station, photo)).path());
            }
        }
        List<Event> events = new ArrayList<>();
        List<EventWeather> weather = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            events.add(event(i));
            weather.add(weather(events.get(i).eventId(), i));
        }
        WriteParquet stage = new WriteParquet(run.store, new ClustersParquetWriter(run.store),
                new RunReport(run.store, id -> RunFixture.HISTORY, () -> RunFixture.WORKFLOW, RunFixture.ACCOUNTING, RunFixture.NOW),
                run.page(), CostMetric.off());

        long writeStart = System.nanoTime();
        stage.write(run.state(events, weather));
        long writeMillis = Duration.ofNanos(System.nanoTime() - writeStart).toMillis();

        JsonNode summary = Json.parse(run.store.read(run.output.resolve(RunReport.FILE_NAME))).path("report_html");
        assertThat(summary.path("events_with_thumbnail").asInt()).isEqualTo(RunFixture.REPORT.thumbnails());
        assertThat(summary.path("events_listed").asInt()).isEqualTo(RunFixture.REPORT.eventRows());
        Path page = run.output.resolve(ReportPage.FILE_NAME).path();
        long pageBytes = Files.size(page);
        try (PageInBrowser browser = PageInBrowser.open(page)) {
            long elements = browser.count("*");
            browser.screenshot("render-10000-events");
            double relayout = browser.relayoutMillis();
            double opened = browser.openEveryDetails();
            double relayoutOpened = browser.relayoutMillis();
            String timings = String.format(Locale.ROOT, "%d events: WriteParquet %d ms; report.html %d bytes, %d elements;"
                            + " Chromium load (parse, layout, %d thumbnails) %d ms; full relayout and a frame %.0f ms;"
                            + " opening the table of %d events %.0f ms, then a full relayout %.0f ms%n",
                    EVENTS, writeMillis, pageBytes, elements, summary.path("thumbnails").asInt(), browser.loadMillis(), relayout,
                    summary.path("events_listed").asInt(), opened, relayoutOpened);
            Files.createDirectories(PageInBrowser.ARTEFACTS);
            Files.writeString(PageInBrowser.ARTEFACTS.resolve("render-10000-events.txt"), timings, StandardCharsets.UTF_8);
            System.out.print(timings);

            assertThat(browser.consoleErrors()).isEmpty();
            assertThat(browser.brokenImages()).isEmpty();
            assertThat(browser.count("#photos figure.event-photo")).isEqualTo(RunFixture.REPORT.thumbnails());
            assertThat(browser.count("#photos table.events tbody tr")).isEqualTo(RunFixture.REPORT.eventRows());
            assertThat(browser.count("#activity svg[aria-label='records per station and species over the survey days'] text"))
                    .as("the grid's rows are capped").isLessThanOrEqualTo(RunFixture.REPORT.activityRows() + 2);
            assertThat(browser.count("#stations svg[aria-label='map of stations'] circle")).isEqualTo(STATIONS);
            assertThat(browser.loadMillis()).isLessThan(MOST_LOAD_MILLIS);
            assertThat(relayout).isLessThan(MOST_RELAYOUT_MILLIS);
            assertThat(opened).as("opening the events table").isLessThan(MOST_RELAYOUT_MILLIS);
            assertThat(relayoutOpened).isLessThan(MOST_RELAYOUT_MILLIS);
        }
    }

    private static String file(int station, int photo) {
        return String.format(Locale.ROOT, "S%02d/IMG_%04d.JPG", station, photo);
    }

    /** Event i: station i mod 25, every 47 minutes from 1 March, one of five species, confidence varying. */
    private static Event event(int i) {
        int station = i % STATIONS;
        Instant start = Instant.parse("2024-03-01T00:00:00Z").plus(Duration.ofMinutes(47L * i));
        LocalDateTime local = LocalDateTime.ofInstant(start, ZoneOffset.ofHours(1));
        double conf = 0.5 + (i * 37 % 50) / 100.0;
        String species = SPECIES.get(i * 7 % SPECIES.size());
        return new Event(String.format(Locale.ROOT, "%s-E%05d", TestEvents.SESSION_ID, i), String.format(Locale.ROOT, "S%02d", station),
                String.format(Locale.ROOT, "S%02d", station), species, "detector", local, local.plusMinutes(2), start, start.plusSeconds(120),
                3, 2, 1, conf, file(station, i % PHOTOS_PER_STATION), new Event.Box("animal", conf, List.of(0.2, 0.3, 0.25, 0.3)),
                55.6 + station * 0.01, 12.5 + station * 0.013, false, List.of(), List.of(), List.of(file(station, i % PHOTOS_PER_STATION)));
    }

    private static EventWeather weather(String eventId, int i) {
        EventWeather template = RunFixture.availableWeather(eventId);
        WeatherValues values = new WeatherValues(-5.0 + i % 30, 40.0 + i % 60, null, (i % 9) / 3.0, 1, (i % 12) * 0.8, null, null,
                990.0 + i % 40, null, (double) (i % 101), null, null);
        return new EventWeather(eventId, EventWeather.AVAILABLE, null, template.provider(), template.source(), template.recordTime(),
                template.recordOffsetMinutes(), template.attribution(), values, null);
    }
}
