package dk.munin.output.report;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectNotFound;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.contract.storage.StoredLines;
import dk.munin.state.Json;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the page says of the photos themselves, from stage0/images.jsonl read line by line (a run
 * of a million photos is never held): each station's cameras, deployments, days and photos, the
 * photos with timestamp issues (the first {@code listRows} of them listed, all counted), and the
 * EXIF orientation of the photos shown as thumbnails.
 */
final class PhotoSurvey {

    /** A photo without a station (none could be derived from its folders) is counted under this name. */
    static final String NO_STATION = "(no station)";

    /** One station's photos. */
    static final class Station {
        final String name;
        final Set<String> deployments = new TreeSet<>();
        final Set<String> cameras = new TreeSet<>();
        final Set<String> models = new TreeSet<>();
        int photos;
        int failed;
        LocalDate first;
        LocalDate last;
        Double latitude;
        Double longitude;

        Station(String name) {
            this.name = name;
        }

        /** Days from the first photo to the last, both counted; 0 without a dated photo. */
        long daysActive() {
            return first == null ? 0 : ChronoUnit.DAYS.between(first, last) + 1;
        }

        boolean hasPosition() {
            return latitude != null && longitude != null;
        }
    }

    /** A photo with timestamp issues: its file, station and the issue codes. */
    record IssuePhoto(String file, String station, String time, List<String> issues) {
    }

    final Map<String, Station> stations = new TreeMap<>();
    final List<IssuePhoto> issuePhotos = new ArrayList<>();
    final Map<String, Integer> issueCounts = new TreeMap<>();
    final Map<String, Integer> orientation = new HashMap<>();
    int photosWithIssues;
    /** Why images.jsonl could not be read, when it could not: the page says so instead of the photos' figures. */
    String unreadable;

    private PhotoSurvey() {
    }

    /** @param shownFiles the photos that get a thumbnail, whose orientation is kept */
    static PhotoSurvey read(ObjectStore store, String imagesUri, Collection<String> shownFiles, int listRows) {
        PhotoSurvey survey = new PhotoSurvey();
        if (imagesUri == null) {
            return survey;
        }
        Set<String> shown = Set.copyOf(shownFiles);
        try {
            new StoredLines(store).read(Location.parse(imagesUri), line -> {
                if (!line.isBlank()) {
                    survey.add(Json.parse(line), shown, listRows);
                }
                return true;
            });
        } catch (ObjectNotFound e) {
            // the page is the run's summary: a work file gone since Stage-0 is a gap to name, not a failed run
            survey.unreadable = e.getMessage();
        }
        return survey;
    }

    private void add(JsonNode photo, Set<String> shown, int listRows) {
        String file = photo.path("file").asText("");
        String stationName = text(photo, "station");
        Station station = stations.computeIfAbsent(stationName == null ? NO_STATION : stationName, Station::new);
        station.photos++;
        if (text(photo, "error") != null) {
            station.failed++;
            return;
        }
        addIfPresent(station.deployments, text(photo, "deployment_id"));
        addIfPresent(station.cameras, text(photo, "camera"));
        String model = String.join(" ", nonNull(text(photo, "make")), nonNull(text(photo, "model"))).trim();
        addIfPresent(station.models, model.isEmpty() ? null : model);
        LocalDate day = day(text(photo, "datetime_local"));
        if (day != null) {
            station.first = station.first == null || day.isBefore(station.first) ? day : station.first;
            station.last = station.last == null || day.isAfter(station.last) ? day : station.last;
        }
        if (!station.hasPosition() && photo.path("latitude").isNumber() && photo.path("longitude").isNumber()) {
            station.latitude = photo.path("latitude").asDouble();
            station.longitude = photo.path("longitude").asDouble();
        }
        if (shown.contains(file) && photo.path("orientation").isInt()) {
            orientation.put(file, photo.path("orientation").asInt());
        }
        List<String> issues = new ArrayList<>();
        photo.path("issues").forEach(issue -> issues.add(issue.asText()));
        if (!issues.isEmpty()) {
            photosWithIssues++;
            issues.forEach(issue -> issueCounts.merge(issue, 1, Integer::sum));
            if (issuePhotos.size() < listRows) {
                issuePhotos.add(new IssuePhoto(file, station.name, text(photo, "datetime_local"), issues));
            }
        }
    }

    private static String text(JsonNode photo, String field) {
        JsonNode value = photo.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private static void addIfPresent(Set<String> set, String value) {
        if (value != null) {
            set.add(value);
        }
    }

    private static LocalDate day(String localTime) {
        if (localTime == null || localTime.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(localTime.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
