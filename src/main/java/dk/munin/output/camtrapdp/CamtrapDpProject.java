package dk.munin.output.camtrapdp;

import java.time.Instant;
import java.util.List;

/**
 * What datapackage.json says about the package and the project behind it. Camtrap DP keeps the
 * two apart: {@code name}, {@code id} and {@code title} are the package's, {@code projectTitle}
 * and the rest describe the study. The coverage ({@code spatial}, {@code temporal},
 * {@code taxonomic}) and {@code project.observationLevel} are not given here: the writer derives
 * them from the rows it writes.
 *
 * @param name               the package's name: lower case letters, digits, {@code - . _ /} (the
 *                           Frictionless name rule), e.g. a session id in lower case
 * @param id                 a globally unique identifier of the package, or {@code null}
 * @param title              the package's title, or {@code null}
 * @param projectId          the project's identifier, or {@code null}
 * @param projectTitle       the project's title; required
 * @param samplingDesign     how the cameras were placed; required
 * @param captureMethod      how the cameras took their media; at least one, and every
 *                           {@link CamtrapDpMedia#captureMethod()} given must be among them
 * @param individualAnimals  whether the project marks or recognises individual animals
 * @param contributors       at least one (Frictionless requires it; Camtrap DP restricts the roles)
 * @param created            when the package was made
 * @param sources            the tools the data came through (e.g. Munin and its version), or empty
 * @param licenses           empty, or a licence for the data and one for the media (Camtrap DP: both or none)
 * @param coordinatePrecision the least precise precision of the deployments' coordinates (e.g. 0.001
 *                           for rounded ones), or {@code null}
 */
public record CamtrapDpProject(String name, String id, String title, String projectId, String projectTitle,
                               SamplingDesign samplingDesign, List<CamtrapDpMedia.CaptureMethod> captureMethod,
                               boolean individualAnimals, List<Contributor> contributors, Instant created,
                               List<Source> sources, List<License> licenses, Double coordinatePrecision) {

    /** The lists are copied; they must hold no null. */
    public CamtrapDpProject {
        captureMethod = captureMethod == null ? List.of() : List.copyOf(captureMethod);
        contributors = contributors == null ? List.of() : List.copyOf(contributors);
        sources = sources == null ? List.of() : List.copyOf(sources);
        licenses = licenses == null ? List.of() : List.copyOf(licenses);
    }

    /**
     * A person or organisation behind the package.
     *
     * @param role  {@code null} for the Frictionless default, {@code contributor}
     * @param path  a URL (an ORCID, a homepage), or {@code null}
     */
    public record Contributor(String title, Role role, String email, String path, String organization) {
    }

    /**
     * A tool the data came through.
     *
     * @param path    the tool's URL, or {@code null}
     * @param version its version, or {@code null}
     */
    public record Source(String title, String path, String version) {
    }

    /**
     * One licence: a name (an SPDX or Open Definition identifier such as {@code CC0-1.0}) or a path
     * (the licence's URL), exactly one of them, as the Frictionless schema takes it ({@code oneOf}).
     */
    public record License(String name, String path, Scope scope) {
    }

    /** The sampling designs of Camtrap DP's {@code project.samplingDesign}. */
    public enum SamplingDesign implements CamtrapDp.Term {
        SIMPLE_RANDOM,
        SYSTEMATIC_RANDOM,
        CLUSTERED_RANDOM,
        EXPERIMENTAL,
        TARGETED,
        OPPORTUNISTIC;
    }

    /** The contributor roles Camtrap DP allows. */
    public enum Role implements CamtrapDp.Term {
        CONTACT,
        PRINCIPAL_INVESTIGATOR,
        RIGHTS_HOLDER,
        PUBLISHER,
        CONTRIBUTOR;
    }

    /** What a licence covers: the package's data, or the media files its filePaths name. */
    public enum Scope implements CamtrapDp.Term {
        DATA,
        MEDIA;
    }
}
