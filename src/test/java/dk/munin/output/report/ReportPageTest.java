package dk.munin.output.report;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.budget.CostMetric;
import dk.munin.cluster.Event;
import dk.munin.contract.storage.Location;
import dk.munin.output.ClustersParquetWriter;
import dk.munin.output.RunFixture;
import dk.munin.output.RunReport;
import dk.munin.stage.writeparquet.WriteParquet;
import dk.munin.state.Json;
import dk.munin.testing.TestPhotos;
import dk.munin.weather.TestEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** report.html as WriteParquet writes it, read back as text: what it shows, what it leaves out, and that bad photos cost only a placeholder. */
class ReportPageTest {

    @TempDir
    Path temp;

    private RunFixture run;

    private JsonNode write(List<Event> events, ReportSettings settings) {
        run = run == null ? new RunFixture(temp) : run;
        new WriteParquet(run.store, new ClustersParquetWriter(run.store),
                new RunReport(run.store, id -> RunFixture.HISTORY, () -> RunFixture.WORKFLOW, RunFixture.ACCOUNTING, RunFixture.NOW),
                new ReportPage(run.store, settings), CostMetric.off())
                .write(run.state(events, events.stream().map(event -> RunFixture.availableWeather(event.eventId())).toList()));
        return Json.parse(run.store.read(run.output.resolve(RunReport.FILE_NAME)));
    }

    private String page() throws IOException {
        return Files.readString(run.output.resolve(ReportPage.FILE_NAME).path(), StandardCharsets.UTF_8);
    }

    private static Event event(String id, String station, String bestFile, double conf) {
        Event e = TestEvents.event(id, Instant.parse("2024-05-01T12:20:00Z"), 55.6761, 12.5683);
        return new Event(e.eventId(), station, station, e.species(), e.speciesFrom(), e.startLocal(), e.endLocal(), e.startUtc(),
                e.endUtc(), e.photoCount(), e.detectionCount(), e.maxBoxesInPhoto(), conf, bestFile, e.bestBox(), e.latitude(),
                e.longitude(), e.timeUnusable(), e.timestampIssues(), e.sequences(), e.files());
    }

    @Test
    void aPhotoThatCannotBeReadGetsAPlaceholderAndTheReportIsStillWritten() throws IOException {
        run = new RunFixture(temp);
        TestPhotos.jpeg().size(640, 480).writeTo(run.input.resolve("StationA/IMG_0002.JPG").path());
        Files.createDirectories(run.input.resolve("StationB").path());
        Files.write(run.input.resolve("StationB/broken.JPG").path(), "not a jpeg".getBytes(StandardCharsets.UTF_8));

        JsonNode report = write(List.of(event("e1", "StationA", "StationA/IMG_0002.JPG", 0.91),
                event("e2", "StationB", "StationB/broken.JPG", 0.8)), RunFixture.REPORT);

        assertThat(report.path("report_html").path("thumbnails").asInt()).isEqualTo(1);
        assertThat(report.path("report_html").path("thumbnail_placeholders").asInt()).isEqualTo(1);
        String page = page();
        assertThat(page).contains("<div class=\"im missing\"").contains("could not be read for its thumbnail")
                .contains("id=\"thumbnail-failures\"").contains("StationB/broken.JPG");
        Path thumbnail = run.output.resolve("report/photo-00001.jpg").path();
        assertThat(javax.imageio.ImageIO.read(thumbnail.toFile()).getWidth()).isEqualTo(RunFixture.REPORT.thumbnailWidth());
        assertThat(page).contains("src=\"report/photo-00001.jpg\"");
    }

    @Test
    void theCountedBoxIsDrawnWithItsCategoryAndConfidence() throws IOException {
        run = new RunFixture(temp);
        TestPhotos.jpeg().writeTo(run.input.resolve("StationA/IMG_0002.JPG").path());

        write(List.of(event("e1", "StationA", "StationA/IMG_0002.JPG", 0.91)), RunFixture.REPORT);

        // RunFixture's detections.json: one animal box at [0.1, 0.2, 0.3, 0.4], confidence 0.91
        assertThat(page()).contains("<b class=\"bx\" style=\"left:10%;top:20%;width:30%;height:40%;border-color:#1b9e77\">")
                .contains("animal 0.91</i>");
    }

    @Test
    void aRepeatDetectionIsShownApartDashedAndNotOnTheEventsPhoto() throws IOException {
        run = new RunFixture(temp);
        TestPhotos.jpeg().writeTo(run.input.resolve("StationA/IMG_0002.JPG").path());
        // Stage-2's flag on RunFixture's one box, in the file the state names
        run.store.write(run.output.resolve("_work/" + TestEvents.SESSION_ID + "/stage2/repeat_detections.json"), """
                [{"file": "StationA/IMG_0002.JPG", "camera": "StationA", "category": "animal", "conf": 0.91,
                  "bbox": [0.1, 0.2, 0.3, 0.4], "reason": "repeat: 20 boxes at IoU >= 0.9 in 20 photos of camera StationA"}]
                """.getBytes(StandardCharsets.UTF_8));

        write(List.of(event("e1", "StationA", "StationA/IMG_0002.JPG", 0.91)), RunFixture.REPORT);

        String page = page();
        assertThat(count(page, "<figure class=\"repeat-photo\">")).isEqualTo(1);
        assertThat(count(page, "<b class=\"bx rep\"")).isEqualTo(1);
        assertThat(count(page, "<b class=\"bx\"")).as("the flagged box is not drawn as one that counts").isZero();
        assertThat(page).contains("repeat: 20 boxes at IoU &gt;= 0.9 in 20 photos of camera StationA");
    }

    @Test
    void beyondTheThumbnailCapEventsAreListedAndStationsTakeTurns() throws IOException {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(event("a" + i, "StationA", "StationA/A" + i + ".JPG", 0.99 - i / 100.0));
        }
        events.add(event("b0", "StationB", "StationB/B0.JPG", 0.5));
        ReportSettings settings = new ReportSettings(2, 0, 120, 0.75, 3, 200, 40);

        JsonNode summary = write(events, settings).path("report_html");

        assertThat(summary.path("events_with_thumbnail").asInt()).isEqualTo(2);
        assertThat(summary.path("events_listed").asInt()).isEqualTo(3);
        assertThat(summary.path("events_not_listed").asInt()).isEqualTo(2);
        String page = page();
        assertThat(count(page, "<figure class=\"event-photo\">")).isEqualTo(2);
        assertThat(page).as("the weaker station's only event still gets its photo").contains("<figcaption>animal · 2024-05-01 14:20 · 3 photos · StationB/B0.JPG</figcaption>")
                .contains("StationA/A0.JPG").contains("2 more events are not listed here");
        assertThat(count(page, "<tr><td>a")).isEqualTo(3);
    }

    @Test
    void everyFileNameAndReasonIsEscapedAndNothingComesFromTheNetwork() throws IOException {
        write(List.of(event("e1", "<script>alert(1)</script>", "x/<img src=x onerror=alert(1)>.JPG", 0.9)), RunFixture.REPORT);

        String page = page();
        assertThat(page).doesNotContain("<script").doesNotContain("<img src=x").contains("&lt;script&gt;");
        Matcher references = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(page);
        while (references.find()) {
            assertThat(references.group(1)).as("a reference on the page").doesNotContain("//").doesNotStartWith("data:");
        }
    }

    @Test
    void everySectionIsThereAndTheWeatherIsDrawnPerVariable() throws IOException {
        write(List.of(event("e1", "StationA", "StationA/IMG_0002.JPG", 0.9), event("e2", "StationB", "StationB/IMG_0005.JPG", 0.8)),
                RunFixture.REPORT);

        String page = page();
        for (String section : List.of("glance", "photos", "activity", "stations", "weather", "problems")) {
            assertThat(page).contains("<section id=\"" + section + "\">");
        }
        assertThat(page).contains("aria-label=\"air temperature\"").contains("aria-label=\"map of stations\"")
                .contains("aria-label=\"diel activity\"").contains("Shaded: night, sunrise")
                .contains("grid 55.5,9.1").contains("File is empty").contains("image access failure");
    }

    @Test
    void aReRunOfTheSameRunWritesTheSameThumbnailsAndLinksOnlyItsOwn() throws IOException {
        run = new RunFixture(temp);
        TestPhotos.jpeg().writeTo(run.input.resolve("StationA/A.JPG").path());
        TestPhotos.jpeg().writeTo(run.input.resolve("StationB/B.JPG").path());
        List<Event> two = List.of(event("a", "StationA", "StationA/A.JPG", 0.9), event("b", "StationB", "StationB/B.JPG", 0.8));
        write(two, RunFixture.REPORT);
        byte[] first = run.store.read(run.output.resolve("report/photo-00002.jpg"));

        write(two, RunFixture.REPORT);
        assertThat(run.store.read(run.output.resolve("report/photo-00002.jpg"))).isEqualTo(first);
        write(List.of(event("a", "StationA", "StationA/A.JPG", 0.9)), RunFixture.REPORT);

        assertThat(page()).contains("src=\"report/photo-00001.jpg\"").doesNotContain("photo-00002.jpg");
    }

    @Test
    void theReportListsThePageAmongItsArtefacts() {
        JsonNode report = write(List.of(event("e1", "StationA", "StationA/IMG_0002.JPG", 0.9)), RunFixture.REPORT);

        String page = run.output.resolve(ReportPage.FILE_NAME).uri();
        assertThat(report.path("final_results").path("files")).extracting(JsonNode::asText).contains(page);
        JsonNode artefact = report.path("artefacts").get(report.path("artefacts").size() - 1);
        assertThat(artefact.path("uri").asText()).isEqualTo(page);
        assertThat(artefact.path("bytes").asLong()).isEqualTo(run.output.resolve(ReportPage.FILE_NAME).path().toFile().length());
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
