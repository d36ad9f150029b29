package dk.munin.output.report;

import dk.munin.cluster.Event;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stations: a table (deployments, cameras, days active, photos, records, position, sun times)
 * and a map of those with coordinates, drawn as points on longitude and latitude (no tiles, so
 * nothing is fetched): enough to see the layout of a survey and spot a station in the wrong place.
 */
final class StationsSection {

    private static final int MAP_WIDTH = 640;
    private static final int MAP_HEIGHT = 360;
    private static final int MARGIN = 50;

    private StationsSection() {
    }

    static String html(PhotoSurvey survey, List<Event> events) {
        Map<String, List<Event>> byStation = new HashMap<>();
        events.forEach(event -> byStation.computeIfAbsent(stationOf(event), station -> new ArrayList<>()).add(event));
        StringBuilder out = new StringBuilder("<section id=\"stations\"><h2>Stations</h2>");
        if (survey.unreadable != null) {
            out.append("<p class=\"note\">The photos' figures are missing: ").append(Html.esc(survey.unreadable)).append("</p>");
        }
        out.append("<table class=\"stations\"><thead><tr>")
                .append("<th>station</th><th>deployments</th><th>cameras</th><th>days active</th><th>photos</th><th>failed</th>")
                .append("<th>records</th><th>latitude, longitude</th><th>sun (camera time)</th></tr></thead><tbody>");
        // a station only the events name (images.jsonl gone, or older) still gets its row and its point
        byStation.keySet().forEach(name -> survey.stations.computeIfAbsent(name, PhotoSurvey.Station::new));
        List<PhotoSurvey.Station> placed = new ArrayList<>();
        for (PhotoSurvey.Station station : survey.stations.values()) {
            List<Event> own = byStation.getOrDefault(station.name, List.of());
            positionFromEvents(station, own);
            if (station.hasPosition()) {
                placed.add(station);
            }
            out.append("<tr>").append(Html.td(station.name))
                    .append(Html.td(station.deployments.isEmpty() ? "–" : String.join(", ", station.deployments)))
                    .append(Html.td(station.cameras.size() + (station.models.isEmpty() ? "" : " (" + String.join(", ", station.models) + ")")))
                    .append(Html.tdNum(station.first == null ? "–" : station.daysActive() + " (" + station.first + " – " + station.last + ")"))
                    .append(Html.tdNum(Html.count(station.photos))).append(Html.tdNum(Html.count(station.failed)))
                    .append(Html.tdNum(Html.count(own.size())))
                    .append(Html.td(station.hasPosition() ? Html.num(station.latitude, 5) + ", " + Html.num(station.longitude, 5) : "–"))
                    .append(Html.td(LocalSun.over(own).map(LocalSun.Times::describe).orElse("–"))).append("</tr>");
        }
        out.append("</tbody></table><h3 id=\"map\">Map</h3>");
        if (placed.isEmpty()) {
            out.append("<p>No station has coordinates (from the manifest's deployments or the photos' GPS), so there is no map.</p>");
        } else {
            out.append(map(placed, byStation));
        }
        return out.append("</section>").toString();
    }

    /** A station whose photos carry no position takes that of its events (a deployment's coordinates). */
    private static void positionFromEvents(PhotoSurvey.Station station, List<Event> events) {
        if (station.hasPosition()) {
            return;
        }
        Optional<Event> placed = events.stream().filter(Event::hasPosition).findFirst();
        placed.ifPresent(event -> {
            station.latitude = event.latitude();
            station.longitude = event.longitude();
        });
    }

    /** Equirectangular, longitudes shrunk by the cosine of the mean latitude so distances look right. */
    private static String map(List<PhotoSurvey.Station> stations, Map<String, List<Event>> byStation) {
        double minLat = stations.stream().mapToDouble(s -> s.latitude).min().orElseThrow();
        double maxLat = stations.stream().mapToDouble(s -> s.latitude).max().orElseThrow();
        double minLon = stations.stream().mapToDouble(s -> s.longitude).min().orElseThrow();
        double maxLon = stations.stream().mapToDouble(s -> s.longitude).max().orElseThrow();
        double shrink = Math.max(0.01, Math.cos(Math.toRadians((minLat + maxLat) / 2)));
        double spanX = Math.max((maxLon - minLon) * shrink, 1e-4);
        double spanY = Math.max(maxLat - minLat, 1e-4);
        double scale = Math.min((MAP_WIDTH - 2 * MARGIN) / spanX, (MAP_HEIGHT - 2 * MARGIN) / spanY);
        double centreLon = (minLon + maxLon) / 2;
        double centreLat = (minLat + maxLat) / 2;
        Svg svg = new Svg(MAP_WIDTH, MAP_HEIGHT, "map of stations");
        svg.rect(0, 0, MAP_WIDTH, MAP_HEIGHT, "#f7f9f7", null);
        int most = stations.stream().mapToInt(s -> byStation.getOrDefault(s.name, List.of()).size()).max().orElse(0);
        for (PhotoSurvey.Station station : stations) {
            double x = MAP_WIDTH / 2.0 + (station.longitude - centreLon) * shrink * scale;
            double y = MAP_HEIGHT / 2.0 - (station.latitude - centreLat) * scale;
            int records = byStation.getOrDefault(station.name, List.of()).size();
            double radius = 4 + (most == 0 ? 0 : 10 * Math.sqrt(records / (double) most));
            svg.circle(x, y, radius, Svg.colour(0), station.name + ": " + records + " records")
                    .text(x, y - radius - 3, station.name, "middle");
        }
        svg.text(6, MAP_HEIGHT - 8, "lon " + Html.num(minLon, 4) + " … " + Html.num(maxLon, 4) + ", lat " + Html.num(minLat, 4)
                + " … " + Html.num(maxLat, 4), "start");
        return svg.end() + "<p class=\"note\">Point size: records at the station. North is up; no background map is drawn.</p>";
    }

    private static String stationOf(Event event) {
        return event.station() == null ? PhotoSurvey.NO_STATION : event.station();
    }
}
