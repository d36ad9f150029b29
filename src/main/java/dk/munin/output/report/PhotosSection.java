package dk.munin.output.report;

import dk.munin.cluster.Event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Photos with boxes, as MegaDetector's visualize_detector_output draws them: each shown event's
 * best photo with the boxes that count, category and confidence on each, grouped by station;
 * the repeat-detection places apart, their flagged boxes dashed; the other events in a table.
 * Boxes are positioned in percent over the thumbnail, so the JPEG stays a plain photo.
 */
final class PhotosSection {

    /** An event shown with its photo. */
    record Shown(Event event, Thumbnails.Thumbnail thumbnail, List<PhotoBoxes.Box> boxes) {
    }

    /** A repeat place shown with one photo of it. */
    record ShownRepeat(PhotoBoxes.RepeatPlace place, Thumbnails.Thumbnail thumbnail, List<PhotoBoxes.Box> boxes) {
    }

    private PhotosSection() {
    }

    /**
     * @param listed    the events without a thumbnail that the table lists
     * @param notListed how many more events there are than shown and listed
     */
    static String html(List<Shown> shown, List<ShownRepeat> repeats, int repeatPlaces, List<Event> listed, int notListed,
                       int thumbnailWidth) {
        StringBuilder out = new StringBuilder("<section id=\"photos\"><h2>Photos with boxes</h2>");
        out.append("<p>The best photo of ").append(Html.count(shown.size()))
                .append(shown.size() == 1 ? " event" : " events")
                .append(" (the photo with the most confident box), with the boxes that count: at or above their category's threshold and not repeat detections.</p>");
        Map<String, StringBuilder> byStation = new LinkedHashMap<>();
        for (Shown event : shown) {
            StringBuilder grid = byStation.computeIfAbsent(event.event().station() == null ? PhotoSurvey.NO_STATION : event.event().station(),
                    station -> new StringBuilder());
            grid.append(figure(event.thumbnail(), event.boxes(), caption(event.event()), thumbnailWidth, "event-photo"));
        }
        byStation.forEach((station, grid) -> out.append("<h3 class=\"station\">").append(Html.esc(station))
                .append("</h3><div class=\"grid\">").append(grid).append("</div>"));
        out.append(repeats(repeats, repeatPlaces, thumbnailWidth));
        out.append(table(listed, notListed));
        return out.append("</section>").toString();
    }

    private static String repeats(List<ShownRepeat> repeats, int repeatPlaces, int thumbnailWidth) {
        StringBuilder out = new StringBuilder("<h3 id=\"repeats\">Repeat detections (not counted)</h3>");
        if (repeatPlaces == 0) {
            return out.append("<p>No box was flagged as a repeat detection.</p>").toString();
        }
        out.append("<p>").append(Html.count(repeatPlaces))
                .append(" places where a box recurs in many photos of one camera (a rock, a branch): left out of events and records. ")
                .append(repeats.size() < repeatPlaces ? "The first " + repeats.size() + " are shown." : "").append("</p><div class=\"grid\">");
        for (ShownRepeat repeat : repeats) {
            out.append(figure(repeat.thumbnail(), repeat.boxes(), repeat.place().reason() + " · " + repeat.place().file(),
                    thumbnailWidth, "repeat-photo"));
        }
        return out.append("</div>").toString();
    }

    private static String table(List<Event> listed, int notListed) {
        StringBuilder out = new StringBuilder("<h3 id=\"more-events\">Events without a thumbnail</h3>");
        if (listed.isEmpty() && notListed == 0) {
            return out.append("<p>Every event is shown above.</p>").toString();
        }
        out.append("<details><summary>").append(Html.count(listed.size() + notListed)).append(" events")
                .append(notListed > 0 ? ", the first " + Html.count(listed.size()) + " listed" : "")
                .append("</summary><table class=\"events\"><thead><tr><th>event</th><th>station</th><th>species</th>")
                .append("<th>start (camera time)</th><th>photos</th><th>max conf</th><th>best photo</th></tr></thead><tbody>");
        for (Event event : listed) {
            out.append("<tr>").append(Html.td(event.eventId())).append(Html.td(event.station())).append(Html.td(event.species()))
                    .append(Html.td(event.startLocal())).append(Html.tdNum(Integer.toString(event.photoCount())))
                    .append(Html.tdNum(Html.num(event.maxConf(), 3))).append(Html.td(event.bestFile())).append("</tr>");
        }
        out.append("</tbody></table>");
        if (notListed > 0) {
            out.append("<p>").append(Html.count(notListed))
                    .append(" more events are not listed here (munin.report.event-rows): clusters.parquet and record_table.csv have them all.</p>");
        }
        return out.append("</details>").toString();
    }

    private static String caption(Event event) {
        return event.species() + " · " + (event.startLocal() == null ? "time unknown" : event.startLocal().toString().replace('T', ' '))
                + " · " + event.photoCount() + (event.photoCount() == 1 ? " photo" : " photos") + " · " + event.bestFile();
    }

    /** A photo with its boxes drawn over it, or a placeholder saying why there is no photo. */
    private static String figure(Thumbnails.Thumbnail thumbnail, List<PhotoBoxes.Box> boxes, String caption, int width,
                                 String kind) {
        StringBuilder out = new StringBuilder("<figure class=\"").append(kind).append("\">");
        if (!thumbnail.written()) {
            out.append("<div class=\"im missing\" style=\"width:").append(width).append("px;height:").append(width * 3 / 4)
                    .append("px\">").append(Html.esc(thumbnail.failure())).append("</div>");
        } else {
            out.append("<div class=\"im\" style=\"width:").append(thumbnail.width()).append("px;height:").append(thumbnail.height())
                    .append("px\"><img src=\"").append(Html.esc(thumbnail.path())).append("\" width=\"").append(thumbnail.width())
                    .append("\" height=\"").append(thumbnail.height()).append("\" alt=\"").append(Html.esc(caption)).append("\">");
            for (PhotoBoxes.Box box : boxes) {
                out.append("<b class=\"bx").append(box.repeat() ? " rep" : "").append("\" style=\"left:").append(pct(box.x()))
                        .append(";top:").append(pct(box.y())).append(";width:").append(pct(box.w())).append(";height:").append(pct(box.h()))
                        .append(";border-color:").append(Svg.categoryColour(box.category())).append("\"><i style=\"background:")
                        .append(Svg.categoryColour(box.category())).append("\">").append(Html.esc(box.category())).append(' ')
                        .append(Html.num(box.conf(), 2)).append("</i></b>");
            }
            out.append("</div>");
        }
        return out.append("<figcaption>").append(Html.esc(caption)).append("</figcaption></figure>").toString();
    }

    private static String pct(double fraction) {
        return Html.num(Math.max(0, Math.min(1, fraction)) * 100, 2) + "%";
    }
}
