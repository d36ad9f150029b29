package dk.munin.output.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.cluster.Event;
import dk.munin.cluster.EventsFile;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.state.EventCounts;
import dk.munin.state.Json;
import dk.munin.state.RunState;
import dk.munin.weather.EventWeather;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * report.html: one page a researcher reads before any table, beside run_report.json under
 * output_uri, with its thumbnails under report/ (docs/report-html.md). Everything on it is drawn
 * here (inline SVG and CSS, no script), so it opens from the folder with no server and no network.
 * Every file is written through the store, so each appears whole; a re-run replaces them. The
 * thumbnails are numbered in the order the page shows them, so the same run writes the same files;
 * a re-run that shows fewer photos leaves the extra ones unlinked rather than delete (the stage's
 * role may put objects, never delete them).
 */
public final class ReportPage {

    public static final String FILE_NAME = "report.html";
    /** run_report.json's field that says what the page holds. */
    public static final String SUMMARY_FIELD = "report_html";

    private static final String STYLE = style();

    private final ObjectStore store;
    private final ReportSettings settings;

    public ReportPage(ObjectStore store, ReportSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /**
     * @param report  run_report.json as it is about to be written: the page shows its figures
     * @param weather each event's weather, or why it has none
     * @return what the page holds, for run_report.json's {@value #SUMMARY_FIELD}
     */
    public ObjectNode write(Location page, ObjectNode report, RunState state, EventsFile events, Function<Event, EventWeather> weather) {
        Location folder = Location.parse(page.uri().substring(0, page.uri().lastIndexOf('/') + 1));
        Location input = Location.parse(state.inputUri()).asFolder();
        ShownEvents.Split split = ShownEvents.choose(events.events(), settings.thumbnails());
        EventCounts stage2 = state.stage2Post();
        PhotoBoxes boxes = PhotoBoxes.read(store, split.shown().stream().map(Event::bestFile).toList(),
                state.mergeDetections() == null ? null : state.mergeDetections().detectionsUri(),
                stage2 == null ? null : stage2.repeatDetectionsUri(), events.thresholds(), settings.repeatThumbnails());
        Set<String> pictured = new HashSet<>(split.shown().stream().map(Event::bestFile).toList());
        boxes.repeatPlaces().forEach(place -> pictured.add(place.file()));
        PhotoSurvey survey = PhotoSurvey.read(store, state.stage0Exif() == null ? null : state.stage0Exif().imagesUri(), pictured,
                settings.listRows());

        Pictures pictures = picture(split.shown(), boxes, survey, new Thumbnails(store, input, folder, settings));

        int listed = Math.min(settings.eventRows(), split.others().size());
        String html = page(report, List.of(
                GlanceSection.html(report),
                PhotosSection.html(pictures.events(), pictures.repeats(), boxes.placeCount(), split.others().subList(0, listed),
                        split.others().size() - listed, settings.thumbnailWidth()),
                ActivitySection.html(events.events(), settings.activityRows()),
                StationsSection.html(survey, events.events()),
                WeatherSection.html(events.events(), weather, nullIfMissing(report.path("weather")), settings.listRows()),
                ProblemsSection.html(survey, report, pictures.unreadable(), settings.listRows())));
        store.write(page, html.getBytes(StandardCharsets.UTF_8));

        ObjectNode summary = Json.object();
        summary.put("uri", page.uri());
        summary.put("thumbnails", pictures.written());
        summary.put("thumbnail_placeholders", pictures.unreadable().size());
        summary.put("events_with_thumbnail", pictures.events().size());
        summary.put("events_listed", listed);
        summary.put("events_not_listed", split.others().size() - listed);
        return summary;
    }

    /** The page's photos: the shown events', the repeat places', and those that could not be read, each photo made once. */
    private record Pictures(List<PhotosSection.Shown> events, List<PhotosSection.ShownRepeat> repeats,
                            List<ProblemsSection.Problem> unreadable, long written) {
    }

    /** Each photo's thumbnail is made once, numbered in the order the page first shows it. */
    private static Pictures picture(List<Event> shownEvents, PhotoBoxes boxes, PhotoSurvey survey, Thumbnails thumbnails) {
        Map<String, Thumbnails.Thumbnail> made = new LinkedHashMap<>();
        Function<String, Thumbnails.Thumbnail> thumbnailOf = file -> made.computeIfAbsent(file,
                photo -> thumbnails.of(photo, survey.orientation.get(photo), String.format("photo-%05d.jpg", made.size() + 1)));
        List<PhotosSection.Shown> events = new ArrayList<>();
        for (Event event : shownEvents) {
            events.add(new PhotosSection.Shown(event, thumbnailOf.apply(event.bestFile()), boxes.counted(event.bestFile())));
        }
        List<PhotosSection.ShownRepeat> repeats = new ArrayList<>();
        for (PhotoBoxes.RepeatPlace place : boxes.repeatPlaces()) {
            repeats.add(new PhotosSection.ShownRepeat(place, thumbnailOf.apply(place.file()), boxes.repeats(place.file())));
        }
        List<ProblemsSection.Problem> unreadable = new ArrayList<>();
        made.forEach((file, thumbnail) -> {
            if (!thumbnail.written()) {
                unreadable.add(new ProblemsSection.Problem(file, thumbnail.failure()));
            }
        });
        return new Pictures(events, repeats, unreadable, made.values().stream().filter(Thumbnails.Thumbnail::written).count());
    }

    private static String page(JsonNode report, List<String> sections) {
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                // nothing on the page may come from the network: the browser itself refuses what would. file: because
                // browsers differ on whether 'self' covers a page opened from a folder
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self' file:; style-src 'unsafe-inline'\">")
                .append("<title>Munin report: ").append(Html.esc(report.path("session_id").asText())).append("</title><style>")
                .append(STYLE).append("</style></head><body><h1>Munin report: ").append(Html.esc(report.path("session_id").asText()))
                .append("</h1><nav><a href=\"#glance\">At a glance</a><a href=\"#photos\">Photos</a><a href=\"#activity\">Activity</a>")
                .append("<a href=\"#stations\">Stations</a><a href=\"#weather\">Weather</a><a href=\"#problems\">Problems</a></nav>");
        sections.forEach(out::append);
        out.append("<footer class=\"note\">Written by Munin with run_report.json (format ")
                .append(Html.esc(report.path("report_format_version").asText())).append("); the tables beside it hold every row.</footer>")
                .append("</body></html>");
        return out.toString();
    }

    private static JsonNode nullIfMissing(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node;
    }

    private static String style() {
        try (InputStream css = ReportPage.class.getResourceAsStream("/report/report.css")) {
            if (css == null) {
                throw new IllegalStateException("report/report.css is missing from the jar");
            }
            return new String(css.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
