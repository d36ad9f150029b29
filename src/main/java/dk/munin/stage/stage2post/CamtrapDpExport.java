package dk.munin.stage.stage2post;

import dk.munin.cluster.CameraBox;
import dk.munin.cluster.Event;
import dk.munin.cluster.EventCategory;
import dk.munin.contract.megadetector.DetectionStop;
import dk.munin.contract.storage.Location;
import dk.munin.manifest.ProjectInfo;
import dk.munin.manifest.SpeciesFrom;
import dk.munin.output.camtrapdp.CamtrapDp;
import dk.munin.output.camtrapdp.CamtrapDpDeployment;
import dk.munin.output.camtrapdp.CamtrapDpMedia;
import dk.munin.output.camtrapdp.CamtrapDpObservation;
import dk.munin.output.camtrapdp.CamtrapDpProject;
import dk.munin.output.camtrapdp.CamtrapDpSummary;
import dk.munin.output.camtrapdp.CamtrapDpWriter;
import dk.munin.output.camtrapdp.InvalidCamtrapDpInput;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Stage-2's run as a Camtrap DP package (docs/camtrap-dp.md): a deployment per manifest
 * deployment (or per camera without a table), a media row per photo Stage-0 read, media-level
 * observations per box that counts (a blank one for a photo without any) and event-level ones
 * per event. A package Camtrap DP would refuse (a deployment without coordinates) is not written,
 * and the reason goes to the run report instead of failing the run.
 */
final class CamtrapDpExport {

    /** The package's folder under output_uri. */
    static final String FOLDER = "camtrap-dp/";
    private static final String JPEG = "image/jpeg";
    /** Reconyx's maker note names a time-lapse frame so (images.jsonl's trigger_mode); any other photo was triggered. */
    private static final String TIME_LAPSE_TRIGGER = "Time Lapse";

    /** The package written, or why none was. */
    /**
     * @param deploymentsLeftOut deployments none of whose photos has a known UTC offset: Camtrap DP
     *                           cannot place them in time
     * @param mediaLeftOut       the photos of those deployments, left out with them
     */
    record Outcome(CamtrapDpSummary summary, String skippedBecause, int deploymentsLeftOut, int mediaLeftOut) {

        /** How the run report names what is left out with such a deployment. */
        static final String DEPLOYMENTS_WITHOUT_TIME = "deployments: none of its photos has a known UTC offset "
                + "(give the deployment or the manifest a time_zone)";
        static final String MEDIA_OF_DEPLOYMENTS_WITHOUT_TIME = "media: its deployment has no photo with a known UTC offset";

        String uri() {
            return summary == null ? null : summary.descriptor().uri();
        }
    }

    /**
     * What the run knows, as the package needs it.
     *
     * @param input         input_uri, below which the photos' files lie
     * @param photos        the photos Stage-0 read, in images.jsonl's order
     * @param counted       the boxes that count, per photo
     * @param undetected    the photos the detector could not read or did not reach, with its reason: unclassified, not blank
     * @param eventOfBox    the event a counted box belongs to
     * @param labelOf       a photo's species label (species_from folder), else null
     * @param eventOfLabel  the event of a labelled photo
     * @param classifiedBy  the detector, as detections.json names it
     * @param classifiedAt  when it ran (detections.json's detection_completion_time), or null
     */
    record Run(String sessionId, Location input, Instant created, ProjectInfo project, SpeciesFrom speciesFrom, List<PhotoFacts> photos,
               Map<String, List<CameraBox>> counted, Map<String, String> undetected, List<Event> events,
               Function<CameraBox, String> eventOfBox, Function<String, String> labelOf, Function<String, String> eventOfLabel,
               String classifiedBy, OffsetDateTime classifiedAt) {
    }

    private final CamtrapDpWriter writer;

    CamtrapDpExport(CamtrapDpWriter writer) {
        this.writer = writer;
    }

    /**
     * Media and observations are made one by one while the writer reads them, so the package of a
     * run with a million boxes never holds its rows in memory.
     */
    Outcome write(Location output, Run run) {
        List<CamtrapDpDeployment> deployments = deployments(run.photos());
        Set<String> placed = deployments.stream().map(CamtrapDpDeployment::deploymentID).collect(Collectors.toSet());
        List<PhotoFacts> photos = run.photos().stream().filter(photo -> placed.contains(deploymentId(photo))).toList();
        int unplacedDeployments = (int) run.photos().stream().map(CamtrapDpExport::deploymentId).distinct().count() - placed.size();
        Map<String, PhotoFacts> byFile = new HashMap<>();
        photos.forEach(photo -> byFile.put(photo.file(), photo));
        Iterable<CamtrapDpMedia> media = () -> photos.stream().map(photo -> media(run.input(), photo)).iterator();
        Iterable<CamtrapDpObservation> observations = () -> Stream.concat(
                photos.stream().flatMap(photo -> mediaObservations(run, photo, media(run.input(), photo)).stream()),
                run.events().stream().flatMap(event -> eventObservation(run, event, byFile).stream())).iterator();
        try {
            return new Outcome(writer.write(output.resolve(FOLDER), project(run), deployments, media, observations), null,
                    unplacedDeployments, run.photos().size() - photos.size());
        } catch (InvalidCamtrapDpInput e) {
            return new Outcome(null, e.getMessage(), 0, 0);
        }
    }

    /** The manifest's deployment, else the camera: a camera at its station is a deployment of the whole run. */
    private static String deploymentId(PhotoFacts photo) {
        if (photo.deploymentId() != null) {
            return photo.deploymentId();
        }
        String camera = Stage2Post.camera(photo, photo.file());
        return camera.isEmpty() ? "input" : camera;
    }

    /**
     * One per deployment: where its first photo with a position says it stood, and its camera;
     * none for a deployment no photo of which can be placed in time (it would have neither start
     * nor end).
     */
    private static List<CamtrapDpDeployment> deployments(List<PhotoFacts> photos) {
        Map<String, PhotoFacts> first = new LinkedHashMap<>();
        Map<String, PhotoFacts> located = new HashMap<>();
        Set<String> withIssues = new HashSet<>();
        Set<String> placed = new HashSet<>();
        for (PhotoFacts photo : photos) {
            String id = deploymentId(photo);
            first.putIfAbsent(id, photo);
            if (timestamp(photo) != null) {
                placed.add(id);
            }
            if (photo.latitude() != null && photo.longitude() != null) {
                located.putIfAbsent(id, photo);
            }
            if (photo.hasIssues() || photo.utc() == null) {
                withIssues.add(id);
            }
        }
        List<CamtrapDpDeployment> deployments = new ArrayList<>();
        first.forEach((id, photo) -> {
            if (!placed.contains(id)) {
                return;
            }
            PhotoFacts position = located.getOrDefault(id, photo);
            deployments.add(new CamtrapDpDeployment(id, photo.station(), photo.station(), position.latitude(), position.longitude(),
                    null, null, null, photo.serialNumber() != null ? photo.serialNumber() : photo.camera(),
                    CamtrapDpDeployment.cameraModel(photo.make(), photo.model()), withIssues.contains(id), null));
        });
        return deployments;
    }

    private static CamtrapDpMedia media(Location input, PhotoFacts photo) {
        return new CamtrapDpMedia(photo.file(), deploymentId(photo), captureMethod(photo), timestamp(photo),
                input.resolve(photo.file()).uri(), false,
                photo.file().substring(photo.file().lastIndexOf('/') + 1), JPEG, null);
    }

    private static CamtrapDpMedia.CaptureMethod captureMethod(PhotoFacts photo) {
        return TIME_LAPSE_TRIGGER.equals(photo.triggerMode()) ? CamtrapDpMedia.CaptureMethod.TIME_LAPSE
                : CamtrapDpMedia.CaptureMethod.ACTIVITY_DETECTION;
    }

    /** The camera's corrected local time with its UTC offset; null while the offset is unknown. */
    private static OffsetDateTime timestamp(PhotoFacts photo) {
        if (photo.local() == null || photo.utcOffset() == null) {
            return null;
        }
        return photo.local().atOffset(ZoneOffset.of(photo.utcOffset()));
    }

    /** A box that counts is an observation of its photo; a photo without any is blank, or its label's. */
    private static List<CamtrapDpObservation> mediaObservations(Run run, PhotoFacts photo, CamtrapDpMedia media) {
        String label = run.labelOf().apply(photo.file());
        List<CameraBox> boxes = run.counted().getOrDefault(photo.file(), List.of());
        List<CamtrapDpObservation> observations = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            CameraBox box = boxes.get(i);
            observations.add(new CamtrapDpObservation(photo.file() + "#" + (i + 1), media.deploymentID(), media.mediaID(),
                    run.eventOfBox().apply(box), null, null, CamtrapDpObservation.Level.MEDIA,
                    label == null ? categoryType(box.category()) : labelType(label), scientificName(label), 1,
                    new CamtrapDpObservation.Box(box.x(), box.y(), box.w(), box.h()),
                    label == null ? CamtrapDpObservation.ClassificationMethod.MACHINE : CamtrapDpObservation.ClassificationMethod.HUMAN,
                    label == null ? run.classifiedBy() : null, label == null ? run.classifiedAt() : null,
                    label == null ? box.conf() : null, List.of(), null));
        }
        if (boxes.isEmpty() && (label != null || run.speciesFrom() == SpeciesFrom.DETECTOR)) {
            String failure = run.undetected().get(photo.file());
            CamtrapDpObservation.Type unlabelled = failure != null ? CamtrapDpObservation.Type.UNCLASSIFIED : CamtrapDpObservation.Type.BLANK;
            observations.add(new CamtrapDpObservation(photo.file() + "#0", media.deploymentID(), media.mediaID(),
                    label == null ? null : run.eventOfLabel().apply(photo.file()), null, null,
                    CamtrapDpObservation.Level.MEDIA, label == null ? unlabelled : labelType(label),
                    scientificName(label), null, null,
                    label == null ? CamtrapDpObservation.ClassificationMethod.MACHINE : CamtrapDpObservation.ClassificationMethod.HUMAN,
                    label == null ? run.classifiedBy() : null, label == null ? run.classifiedAt() : null,
                    null, List.of(), failure == null ? null : unclassifiedBecause(failure)));
        }
        return observations;
    }

    /** Why a photo has no classification: the detector could not read it, or stopped (at its budget, ...) before it. */
    private static String unclassifiedBecause(String failure) {
        return DetectionStop.ofFailure(failure).map(stop -> "not detected: " + stop.inWords())
                .orElse("the detector could not read it: " + failure);
    }

    /** An event as Camtrap DP's event-level observation; one whose photos have no known offset cannot be placed in time. */
    private static Optional<CamtrapDpObservation> eventObservation(Run run, Event event, Map<String, PhotoFacts> byFile) {
        PhotoFacts firstPhoto = byFile.get(event.files().get(0));
        PhotoFacts lastPhoto = byFile.get(event.files().get(event.files().size() - 1));
        if (firstPhoto == null || lastPhoto == null || timestamp(firstPhoto) == null || timestamp(lastPhoto) == null) {
            return Optional.empty();
        }
        CamtrapDpMedia first = media(run.input(), firstPhoto);
        CamtrapDpMedia last = media(run.input(), lastPhoto);
        boolean labelled = SpeciesFrom.FOLDER.manifestName().equals(event.speciesFrom());
        return Optional.of(new CamtrapDpObservation(event.eventId(), first.deploymentID(), null, event.eventId(),
                first.timestamp(), last.timestamp(), CamtrapDpObservation.Level.EVENT,
                labelled ? labelType(event.species()) : categoryType(event.species()), labelled ? scientificName(event.species()) : null,
                event.maxBoxesInPhoto() > 0 ? event.maxBoxesInPhoto() : null, null,
                labelled ? CamtrapDpObservation.ClassificationMethod.HUMAN : CamtrapDpObservation.ClassificationMethod.MACHINE,
                labelled ? null : run.classifiedBy(), labelled ? null : run.classifiedAt(),
                labelled ? null : event.maxConf(), List.of(), null));
    }

    private static CamtrapDpObservation.Type categoryType(String category) {
        return switch (category) {
            case EventCategory.PERSON -> CamtrapDpObservation.Type.HUMAN;
            case EventCategory.VEHICLE -> CamtrapDpObservation.Type.VEHICLE;
            case EventCategory.BLANK -> CamtrapDpObservation.Type.BLANK;
            case EventCategory.UNKNOWN -> CamtrapDpObservation.Type.UNKNOWN;
            default -> CamtrapDpObservation.Type.ANIMAL;
        };
    }

    /** A folder named for people, vehicles, nothing or the unidentified says so; any other names an animal. */
    private static CamtrapDpObservation.Type labelType(String label) {
        return categoryType(EventCategory.ofLabel(label));
    }

    /** The folder's label as the taxon's name, for an animal; Camtrap DP names no taxon for the rest. */
    private static String scientificName(String label) {
        return label == null || labelType(label) != CamtrapDpObservation.Type.ANIMAL ? null : label;
    }

    private static CamtrapDpProject project(Run run) {
        ProjectInfo project = run.project();
        Set<CamtrapDpMedia.CaptureMethod> methods = EnumSet.noneOf(CamtrapDpMedia.CaptureMethod.class);
        run.photos().forEach(photo -> methods.add(captureMethod(photo)));
        if (methods.isEmpty()) {
            methods.add(CamtrapDpMedia.CaptureMethod.ACTIVITY_DETECTION);
        }
        List<CamtrapDpProject.Contributor> contributors = project.contributors().stream()
                .map(c -> new CamtrapDpProject.Contributor(c.title(), term(CamtrapDpProject.Role.values(), c.role()), c.email(),
                        c.path(), c.organization()))
                .toList();
        String version = CamtrapDpExport.class.getPackage().getImplementationVersion();
        return new CamtrapDpProject(packageName(run.sessionId()), null, project.title(), run.sessionId(),
                project.title() == null ? "Camera-trap survey " + run.sessionId() : project.title(),
                project.samplingDesign() == null ? CamtrapDpProject.SamplingDesign.OPPORTUNISTIC
                        : term(CamtrapDpProject.SamplingDesign.values(), project.samplingDesign()),
                List.copyOf(methods), false,
                contributors.isEmpty() ? List.of(new CamtrapDpProject.Contributor("Munin", CamtrapDpProject.Role.PUBLISHER, null, null, null))
                        : contributors,
                run.created(), List.of(new CamtrapDpProject.Source("Munin", null, version)), List.of(), null);
    }

    /** Frictionless names are lower case letters, digits and {@code - . _ /}. */
    private static String packageName(String sessionId) {
        return sessionId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._/-]", "-");
    }

    private static <T extends CamtrapDp.Term> T term(T[] values, String term) {
        return term == null ? null : Arrays.stream(values).filter(v -> v.term().equals(term)).findFirst().orElse(null);
    }
}
