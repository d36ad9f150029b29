package dk.munin.output.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * What a researcher must check before trusting the numbers: photos with timestamp issues (each
 * with its issues), photos Stage-0 could not read, photos the detector could not read, and photos
 * the page could not make a thumbnail of, each with its reason.
 */
final class ProblemsSection {

    /** A photo and why it is listed. */
    record Problem(String file, String reason) {
    }

    private ProblemsSection() {
    }

    /** @param report run_report.json, whose failed-photo lists are already capped by what it holds */
    static String html(PhotoSurvey survey, JsonNode report, List<Problem> thumbnailFailures, int listRows) {
        StringBuilder out = new StringBuilder("<section id=\"problems\"><h2>Timestamp issues and failed photos</h2>");
        out.append("<h3 id=\"timestamp-issues\">Timestamp issues</h3>");
        if (survey.photosWithIssues == 0) {
            out.append("<p>No photo has a timestamp issue.</p>");
        } else {
            out.append("<p>").append(Html.count(survey.photosWithIssues))
                    .append(" photos have timestamp issues; they are flagged, never changed (docs/time-correction.md).</p>");
            out.append("<table><thead><tr><th>issue</th><th>photos</th></tr></thead><tbody>");
            for (Map.Entry<String, Integer> issue : survey.issueCounts.entrySet()) {
                out.append("<tr>").append(Html.td(issue.getKey())).append(Html.tdNum(Html.count(issue.getValue()))).append("</tr>");
            }
            out.append("</tbody></table><table class=\"issues\"><thead><tr><th>photo</th><th>station</th><th>camera time</th>")
                    .append("<th>issues</th></tr></thead><tbody>");
            for (PhotoSurvey.IssuePhoto photo : survey.issuePhotos) {
                out.append("<tr>").append(Html.td(photo.file())).append(Html.td(photo.station()))
                        .append(Html.td(photo.time() == null ? "–" : photo.time())).append(Html.td(String.join(", ", photo.issues())))
                        .append("</tr>");
            }
            out.append("</tbody></table>").append(more(survey.photosWithIssues, survey.issuePhotos.size(), "stage0/images.jsonl"));
        }
        out.append(list("failed-photos", "Photos Stage-0 could not read", report.path("photos").path("failed_photos"), "error",
                listRows));
        out.append(list("detector-failures", "Photos the detector could not read",
                report.path("detections").path("detector_failed_photos"), "failure", listRows));
        if (!thumbnailFailures.isEmpty()) {
            out.append("<h3 id=\"thumbnail-failures\">Photos without a thumbnail</h3><table><thead><tr><th>photo</th><th>why</th></tr></thead><tbody>");
            thumbnailFailures.forEach(problem -> out.append("<tr>").append(Html.td(problem.file())).append(Html.td(problem.reason())).append("</tr>"));
            out.append("</tbody></table>");
        }
        return out.append("</section>").toString();
    }

    private static String list(String id, String title, JsonNode photos, String reasonField, int listRows) {
        StringBuilder out = new StringBuilder("<h3 id=\"").append(id).append("\">").append(Html.esc(title)).append("</h3>");
        if (!photos.isArray() || photos.isEmpty()) {
            return out.append("<p>None.</p>").toString();
        }
        out.append("<table><thead><tr><th>photo</th><th>why</th></tr></thead><tbody>");
        int listed = 0;
        for (JsonNode photo : photos) {
            if (listed++ == listRows) {
                break;
            }
            out.append("<tr>").append(Html.td(photo.path("file").asText())).append(Html.td(photo.path(reasonField).asText())).append("</tr>");
        }
        return out.append("</tbody></table>").append(more(photos.size(), Math.min(listRows, photos.size()), "run_report.json")).toString();
    }

    private static String more(int total, int listed, String where) {
        return total > listed
                ? "<p class=\"note\">" + Html.count(total - listed) + " more are not listed (munin.report.list-rows): " + where + " has them all.</p>"
                : "";
    }
}
