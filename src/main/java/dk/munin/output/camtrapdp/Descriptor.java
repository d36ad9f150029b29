package dk.munin.output.camtrapdp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * datapackage.json: the project's metadata as given, checked against the rules of the Camtrap DP
 * profile and of the Frictionless schema it builds on (which the validator cannot apply offline),
 * and the coverage derived from the rows.
 */
final class Descriptor {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String WHERE = "project";
    /** Frictionless: a package name is lower case letters, digits and {@code - . _ /}. */
    private static final Pattern NAME = Pattern.compile("^([-a-z0-9._/])+$");
    /** Frictionless: a licence name is an Open Definition / SPDX style identifier. */
    private static final Pattern LICENSE_NAME = Pattern.compile("^([-a-zA-Z0-9._])+$");
    private static final String TABULAR_RESOURCE = "tabular-data-resource";

    private Descriptor() {
    }

    static void check(CamtrapDpProject project, Problems problems) {
        if (project == null) {
            problems.add(WHERE, "is missing");
            return;
        }
        if (Cells.blank(project.name())) {
            problems.add(WHERE, "has no name (the package's name)");
        } else if (!NAME.matcher(project.name()).matches()) {
            problems.add(WHERE, "name '" + project.name() + "' is not a Frictionless name: lower case letters,"
                    + " digits and - . _ / only");
        }
        if (Cells.blank(project.projectTitle())) {
            problems.add(WHERE, "has no projectTitle, which Camtrap DP requires");
        }
        if (project.samplingDesign() == null) {
            problems.add(WHERE, "has no samplingDesign, which Camtrap DP requires");
        }
        if (project.captureMethod().isEmpty()) {
            problems.add(WHERE, "captureMethod names no method; Camtrap DP requires at least one");
        }
        if (project.created() == null) {
            problems.add(WHERE, "has no created time, which Camtrap DP requires");
        }
        checkContributors(project.contributors(), problems);
        checkSources(project.sources(), problems);
        checkLicenses(project.licenses(), problems);
        Double precision = project.coordinatePrecision();
        if (precision != null && !(precision > 0 && Double.isFinite(precision))) {
            problems.add(WHERE, "coordinatePrecision " + precision + " is not a positive number");
        }
    }

    private static void checkContributors(List<CamtrapDpProject.Contributor> contributors, Problems problems) {
        if (contributors.isEmpty()) {
            problems.add(WHERE, "has no contributors; the Frictionless schema requires at least one,"
                    + " a person or organisation to credit or contact");
        }
        for (int i = 0; i < contributors.size(); i++) {
            CamtrapDpProject.Contributor c = contributors.get(i);
            String which = "contributor " + (i + 1);
            if (Cells.blank(c.title())) {
                problems.add(WHERE, which + " has no title");
            } else {
                checkPath(which + " path", c.path(), problems);
            }
        }
    }

    private static void checkSources(List<CamtrapDpProject.Source> sources, Problems problems) {
        for (int i = 0; i < sources.size(); i++) {
            CamtrapDpProject.Source s = sources.get(i);
            String which = "source " + (i + 1);
            if (Cells.blank(s.title())) {
                problems.add(WHERE, which + " has no title");
            } else {
                checkPath(which + " path", s.path(), problems);
            }
        }
    }

    /** Camtrap DP: no licences, or at least one for the data and one for the media. */
    private static void checkLicenses(List<CamtrapDpProject.License> licenses, Problems problems) {
        if (licenses.isEmpty()) {
            return;
        }
        Set<CamtrapDpProject.Scope> scopes = EnumSet.noneOf(CamtrapDpProject.Scope.class);
        for (int i = 0; i < licenses.size(); i++) {
            CamtrapDpProject.License l = licenses.get(i);
            String which = "license " + (i + 1);
            if (Cells.blank(l.name()) == Cells.blank(l.path())) {
                problems.add(WHERE, which + " must have a name or a path, one of them (the Frictionless schema's oneOf)");
            } else if (!Cells.blank(l.name()) && !LICENSE_NAME.matcher(l.name()).matches()) {
                problems.add(WHERE, which + " name '" + l.name() + "' is not a licence identifier (letters, digits, - . _)");
            } else {
                checkPath(which + " path", l.path(), problems);
            }
            if (l.scope() == null) {
                problems.add(WHERE, which + " has no scope (data or media), which Camtrap DP requires");
            } else {
                scopes.add(l.scope());
            }
        }
        for (CamtrapDpProject.Scope scope : CamtrapDpProject.Scope.values()) {
            if (!scopes.contains(scope)) {
                problems.add(WHERE, "licenses has none for the " + scope.term()
                        + "; Camtrap DP asks for one for the data and one for the media, or no licenses at all");
            }
        }
    }

    private static void checkPath(String what, String path, Problems problems) {
        if (!Cells.blank(path) && !CamtrapDp.FRICTIONLESS_PATH.matcher(path).matches()) {
            problems.add(WHERE, what + " '" + path + "' is neither a URL nor a relative path"
                    + " (it must not start with '.', '/' or '~' nor hold '..')");
        }
    }

    /**
     * The descriptor, its properties in the order of Camtrap DP's example.
     *
     * @param levels the observation levels the written observations use
     */
    static ObjectNode of(CamtrapDpProject project, Collection<CamtrapDpObservation.Level> levels,
                         List<Coverage.Placed> deployments, Collection<String> scientificNames) {
        ObjectNode d = JSON.objectNode();
        ArrayNode resources = d.putArray("resources");
        for (CamtrapDp.Table table : CamtrapDp.Table.values()) {
            resources.addObject()
                    .put("name", table.resource())
                    .put("path", table.path())
                    .put("profile", TABULAR_RESOURCE)
                    .put("format", "csv")
                    .put("mediatype", "text/csv")
                    .put("encoding", "utf-8")
                    .put("schema", table.schemaUrl());
        }
        d.put("profile", CamtrapDp.PROFILE_URL);
        d.put("name", project.name());
        putIfGiven(d, "id", project.id());
        d.put("created", Cells.datetime(project.created()));
        putIfGiven(d, "title", project.title());
        ArrayNode contributors = d.putArray("contributors");
        for (CamtrapDpProject.Contributor c : project.contributors()) {
            ObjectNode node = contributors.addObject().put("title", c.title());
            putIfGiven(node, "email", c.email());
            putIfGiven(node, "path", c.path());
            if (c.role() != null) {
                node.put("role", c.role().term());
            }
            putIfGiven(node, "organization", c.organization());
        }
        if (!project.sources().isEmpty()) {
            ArrayNode sources = d.putArray("sources");
            for (CamtrapDpProject.Source s : project.sources()) {
                ObjectNode node = sources.addObject().put("title", s.title());
                putIfGiven(node, "path", s.path());
                putIfGiven(node, "version", s.version());
            }
        }
        if (!project.licenses().isEmpty()) {
            ArrayNode licenses = d.putArray("licenses");
            for (CamtrapDpProject.License l : project.licenses()) {
                ObjectNode node = licenses.addObject();
                putIfGiven(node, "name", l.name());
                putIfGiven(node, "path", l.path());
                node.put("scope", l.scope().term());
            }
        }
        d.set("project", projectNode(project, levels));
        if (project.coordinatePrecision() != null) {
            d.put("coordinatePrecision", project.coordinatePrecision());
        }
        d.set("spatial", Coverage.spatial(deployments));
        d.set("temporal", Coverage.temporal(deployments));
        d.set("taxonomic", Coverage.taxonomic(scientificNames));
        return d;
    }

    private static ObjectNode projectNode(CamtrapDpProject project, Collection<CamtrapDpObservation.Level> levels) {
        ObjectNode p = JSON.objectNode();
        putIfGiven(p, "id", project.projectId());
        p.put("title", project.projectTitle());
        p.put("samplingDesign", project.samplingDesign().term());
        ArrayNode methods = p.putArray("captureMethod");
        // uniqueItems: a method given twice is written once
        new LinkedHashSet<>(project.captureMethod()).forEach(m -> methods.add(m.term()));
        p.put("individualAnimals", project.individualAnimals());
        ArrayNode observationLevel = p.putArray("observationLevel");
        EnumSet<CamtrapDpObservation.Level> used = EnumSet.noneOf(CamtrapDpObservation.Level.class);
        used.addAll(levels);
        used.forEach(l -> observationLevel.add(l.term()));
        return p;
    }

    private static void putIfGiven(ObjectNode node, String field, String value) {
        if (!Cells.blank(value)) {
            node.put(field, value);
        }
    }
}
