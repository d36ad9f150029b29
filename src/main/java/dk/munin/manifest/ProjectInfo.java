package dk.munin.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.output.camtrapdp.CamtrapDp;
import dk.munin.output.camtrapdp.CamtrapDpProject;
import dk.munin.state.RunState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The manifest's optional {@code project}: who and what the survey is, for the Camtrap DP
 * package's datapackage.json (docs/camtrap-dp.md). GuardBudget validates it; Stage-2 reads it.
 *
 * @param title          the project's title; null when not given
 * @param samplingDesign one of Camtrap DP's sampling designs (simpleRandom, ..., opportunistic); null when not given
 * @param contributors   the people and organisations behind it; empty when not given
 */
public record ProjectInfo(String title, String samplingDesign, List<Contributor> contributors) {

    public static final String TITLE = "title";
    public static final String SAMPLING_DESIGN = "sampling_design";
    public static final String CONTRIBUTORS = "contributors";
    public static final List<String> FIELDS = List.of(TITLE, SAMPLING_DESIGN, CONTRIBUTORS);
    public static final List<String> CONTRIBUTOR_FIELDS = List.of("title", "email", "role", "organization", "path");
    /** Camtrap DP's project.samplingDesign terms. */
    public static final List<String> SAMPLING_DESIGNS = terms(CamtrapDpProject.SamplingDesign.values());
    /** Camtrap DP's contributor roles. */
    public static final List<String> ROLES = terms(CamtrapDpProject.Role.values());

    private static final ProjectInfo NONE = new ProjectInfo(null, null, List.of());

    /** A contributor as the manifest names one; only the title is required. */
    public record Contributor(String title, String email, String role, String organization, String path) {
    }

    public ProjectInfo {
        contributors = List.copyOf(contributors);
    }

    /**
     * @param project the manifest's {@code project}; missing or null is no project information
     * @throws InvalidManifest naming the field, e.g. {@code project.contributors[1].role}
     */
    public static ProjectInfo parse(JsonNode project) {
        if (project == null || project.isMissingNode() || project.isNull()) {
            return NONE;
        }
        String field = RunState.PROJECT;
        requireObject(project, field, FIELDS);
        List<Contributor> contributors = new ArrayList<>();
        JsonNode list = project.get(CONTRIBUTORS);
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new InvalidManifest(field + "." + CONTRIBUTORS, "must be a list of {\"title\": ..., \"email\": ..., \"role\": ...}");
            }
            for (int i = 0; i < list.size(); i++) {
                String at = field + "." + CONTRIBUTORS + "[" + i + "]";
                JsonNode contributor = list.get(i);
                requireObject(contributor, at, CONTRIBUTOR_FIELDS);
                String title = text(contributor, "title", at);
                if (title == null) {
                    throw new InvalidManifest(at + ".title", "is required: the person's or organisation's name");
                }
                contributors.add(new Contributor(title, text(contributor, "email", at),
                        oneOf(text(contributor, "role", at), ROLES, at + ".role"), text(contributor, "organization", at),
                        text(contributor, "path", at)));
            }
        }
        return new ProjectInfo(text(project, TITLE, field),
                oneOf(text(project, SAMPLING_DESIGN, field), SAMPLING_DESIGNS, field + "." + SAMPLING_DESIGN), contributors);
    }

    private static void requireObject(JsonNode node, String field, List<String> known) {
        if (!node.isObject()) {
            throw new InvalidManifest(field, "must be an object with any of " + String.join(", ", known) + ", got " + Quoted.value(node));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidManifest(field + "." + Quoted.name(name), "unknown field; it may have " + String.join(", ", known));
            }
        }
    }

    private static String text(JsonNode object, String name, String field) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidManifest(field + "." + name, "must be a non-empty string, got " + Quoted.value(value));
        }
        return value.asText();
    }

    private static List<String> terms(CamtrapDp.Term[] values) {
        return Arrays.stream(values).map(CamtrapDp.Term::term).toList();
    }

    private static String oneOf(String value, List<String> terms, String field) {
        if (value != null && !terms.contains(value)) {
            throw new InvalidManifest(field, "must be one of " + String.join(", ", terms) + ", got '" + value + "'");
        }
        return value;
    }
}
