package dk.munin.exif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.testing.SharedData;
import dk.munin.manifest.PhotoIdentity;
import dk.munin.stage.stage0exif.Stage0ExifTest;
import dk.munin.state.Json;
import dk.munin.testing.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Which camera took each photo (docs/cameras.md), as Stage-0 writes it into images.jsonl. */
class CameraIdentityTest {

    private static final LocalDateTime TAKEN = LocalDateTime.of(2024, 5, 5, 22, 0, 0);

    @TempDir
    Path dir;

    @Test
    void camtrapRSpeciesFoldersAreNotCamerasTheStationsDevicesAre() throws IOException {
        Path sabah = SharedData.image("camtrapR_sabah");

        Map<String, String> cameras = cameras(run(Map.of(), sabah, null));

        Map<String, Set<String>> foldersByCamera = cameras.entrySet().stream().collect(Collectors.groupingBy(Map.Entry::getValue,
                TreeMap::new, Collectors.mapping(e -> folder(e.getKey()), Collectors.toCollection(TreeSet::new))));
        Map<String, Long> photosByCamera = cameras.values().stream()
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        // camtrapR's sample has one photo of a G4 in StationB/UNID; every other StationB photo, whatever its
        // species folder, is of the G6.1
        assertThat(foldersByCamera).containsOnly(
                entry("StationA:CUDDEBACK G4", Set.of("StationA/PBE", "StationA/VTA")),
                entry("StationB:CUDDEBACK G6.1", Set.of("StationB/MNE", "StationB/PBE", "StationB/VTA")),
                entry("StationB:CUDDEBACK G4", Set.of("StationB/UNID")));
        assertThat(photosByCamera).containsOnly(
                entry("StationA:CUDDEBACK G4", 8L), entry("StationB:CUDDEBACK G6.1", 22L), entry("StationB:CUDDEBACK G4", 1L));
    }

    @Test
    void aFolderOfSeveralMakesHasOneCameraPerMakeAndModel() throws IOException {
        copyShared("camtrapR_sabah/StationA/PBE/StationA__2009-04-21__00-40-00(1).JPG", "in/Site/g4.JPG");
        copyShared("camtrapR_sabah/StationB/MNE/StationB__2009-04-15__07-21-00(1).JPG", "in/Site/g61 first.JPG");
        copyShared("camtrapR_sabah/StationB/MNE/StationB__2009-04-15__07-23-00(1).JPG", "in/Site/g61 second.JPG");
        copyShared("metadata_extractor/Bushnell Trophy HD Aggressor 119775C firmware BS685BWYx08237.jpg", "in/Site/bushnell.jpg");
        copyShared("ena24_zamba/49.jpg", "in/Site/rapidfire.jpg");
        copyShared("animl_southwest/2021-05-28_SYFR0041_deer.JPG", "in/Site/sy.JPG");

        Map<String, String> cameras = cameras(run(Map.of(), dir.resolve("in"), null));

        assertThat(cameras).containsOnly(
                entry("Site/g4.JPG", "Site:CUDDEBACK G4"),
                entry("Site/g61 first.JPG", "Site:CUDDEBACK G6.1"),
                entry("Site/g61 second.JPG", "Site:CUDDEBACK G6.1"),
                entry("Site/bushnell.jpg", "Site:BUSHNELL"), // Bushnell leaves Model empty
                entry("Site/rapidfire.jpg", "Site:RECONYX RC55 RAPIDFIRE"), // an older Reconyx without a serial number in the photo
                entry("Site/sy.JPG", "Site:SY 4.0CG-R"));
    }

    @Test
    void twoReconyxSerialsInOneFolderAreTwoCamerasAndOneSerialAcrossCardFoldersIsOne() throws IOException {
        reconyx("HLPX1").writeTo(dir.resolve("in/Station/100RECNX/RCNX0001.JPG"));
        reconyx("HLPX2").writeTo(dir.resolve("in/Station/100RECNX/RCNX0002.JPG"));
        reconyx("HLPX1").writeTo(dir.resolve("in/Station/101RECNX/RCNX0001.JPG"));

        Map<String, String> cameras = cameras(run(Map.of(), dir.resolve("in"), null));

        assertThat(cameras).containsOnly(
                entry("Station/100RECNX/RCNX0001.JPG", "Station:RECONYX HLPX1"),
                entry("Station/100RECNX/RCNX0002.JPG", "Station:RECONYX HLPX2"),
                entry("Station/101RECNX/RCNX0001.JPG", "Station:RECONYX HLPX1"));
    }

    @Test
    void aFlatFolderOfRealReconyxCardsHasOneCameraPerSerial() throws IOException {
        Path buow = SharedData.image("animl_buow"); // photos directly in input_uri: no folder before the separator

        Map<String, String> cameras = cameras(run(Map.of(), buow, null));

        assertThat(cameras).containsOnly(
                entry("IMG_0919.JPG", ":RECONYX P900HK05277856"),
                entry("IMG_1160.JPG", ":RECONYX P900HK05277856"),
                entry("IMG_8968.JPG", ":RECONYX P900FF03149458"),
                entry("RCNX0242.JPG", ":RECONYX HLPXEL09018058"),
                entry("RCNX7686.JPG", ":RECONYX HLPXEL09018058"),
                entry("RCNX1419.JPG", ":RECONYX HLPXEL09019291"));
    }

    @Test
    void atCameraFolderLevel2TheStationAndCameraFoldersNameTheCameraAndDevicesStillSplitIt() throws IOException {
        cuddeback("G4").writeTo(dir.resolve("in/StationA/CAM1/PBE/a.JPG"));
        cuddeback("G4").writeTo(dir.resolve("in/StationA/CAM1/VTA/b.JPG"));
        cuddeback("G4").writeTo(dir.resolve("in/StationA/CAM2/PBE/c.JPG"));
        TestPhotos.jpeg().taken(TAKEN).camera("BUSHNELL", "").writeTo(dir.resolve("in/StationA/CAM1/PBE/d.JPG"));
        TestPhotos.jpeg().taken(TAKEN).writeTo(dir.resolve("in/StationA/CAM3/MNE/e.JPG"));

        JsonNode state = run(Map.of(Stage0Settings.CAMERA_FOLDER_LEVEL, "2"), dir.resolve("in"), null);

        assertThat(cameras(state)).containsOnly(
                entry("StationA/CAM1/PBE/a.JPG", "StationA/CAM1:CUDDEBACK G4"),
                entry("StationA/CAM1/VTA/b.JPG", "StationA/CAM1:CUDDEBACK G4"),
                entry("StationA/CAM2/PBE/c.JPG", "StationA/CAM2:CUDDEBACK G4"),
                entry("StationA/CAM1/PBE/d.JPG", "StationA/CAM1:BUSHNELL"),
                entry("StationA/CAM3/MNE/e.JPG", "StationA/CAM3")); // nothing identifies the device: the folders alone
        assertThat(Stage0ExifTest.lines(state)).extracting(l -> l.path("station").asText()).containsOnly("StationA");
    }

    @Test
    void aPhotoWithoutAnyIdentityIsNotPutOnAnIdentifiedCameraOfItsFolder() throws IOException {
        reconyx("HLPX1").writeTo(dir.resolve("in/StationA/100RECNX/RCNX0001.JPG"));
        TestPhotos.jpeg().taken(TAKEN).writeTo(dir.resolve("in/StationA/100RECNX/RCNX0002.JPG"));

        assertThat(cameras(run(Map.of(), dir.resolve("in"), null))).containsOnly(
                entry("StationA/100RECNX/RCNX0001.JPG", "StationA:RECONYX HLPX1"),
                entry("StationA/100RECNX/RCNX0002.JPG", "StationA"));
    }

    @Test
    void aDeploymentThatNamesTheCameraWinsOneThatDoesNotKeepsThePhotosOwn() throws IOException {
        reconyx("HLPX1").writeTo(dir.resolve("in/StationA/100RECNX/RCNX0001.JPG"));
        TestPhotos.jpeg().taken(TAKEN).writeTo(dir.resolve("in/StationA/100RECNX/RCNX0002.JPG"));
        reconyx("HLPX2").writeTo(dir.resolve("in/StationB/RCNX0001.JPG"));
        cuddeback("G4").writeTo(dir.resolve("in/StationC/CAM1/IMG0001.JPG"));
        String deployments = """
                [{"deployment_id": "A-2024", "station": "StationA", "camera": "StationA"},
                 {"deployment_id": "B-2024", "serial_number": "HLPX2"},
                 {"deployment_id": "C-2024", "camera": "StationC/CAM1"}]""";

        JsonNode state = run(Map.of(), dir.resolve("in"), deployments);

        Map<String, JsonNode> byFile = Stage0ExifTest.lines(state).stream()
                .collect(Collectors.toMap(l -> l.path("file").asText(), Function.identity()));
        // the manifest says StationA's photos, with a serial number or without, are of one camera
        assertThat(byFile.get("StationA/100RECNX/RCNX0001.JPG").path("camera").asText()).isEqualTo("StationA");
        assertThat(byFile.get("StationA/100RECNX/RCNX0002.JPG").path("camera").asText()).isEqualTo("StationA");
        assertThat(byFile.get("StationA/100RECNX/RCNX0002.JPG").path("deployment_id").asText()).isEqualTo("A-2024");
        assertThat(byFile.get("StationA/100RECNX/RCNX0001.JPG").path("station").asText()).isEqualTo("StationA");
        JsonNode bySerial = byFile.get("StationB/RCNX0001.JPG");
        assertThat(bySerial.path("camera").asText()).isEqualTo("StationB:RECONYX HLPX2");
        assertThat(bySerial.path("deployment_id").asText()).isEqualTo("B-2024");
        // a manifest written when the folder holding the photos was the camera still finds them, and names their camera
        JsonNode byHoldingFolder = byFile.get("StationC/CAM1/IMG0001.JPG");
        assertThat(byHoldingFolder.path("deployment_id").asText()).isEqualTo("C-2024");
        assertThat(byHoldingFolder.path("camera").asText()).isEqualTo("StationC/CAM1");
        assertThat(state.path("stage0_exif").path("photos_in_deployments").asInt()).isEqualTo(4);
    }

    @Test
    void atCameraFolderLevel2ADeploymentNamesTheCameraByItsFolders() throws IOException {
        reconyx("HLPX1").writeTo(dir.resolve("in/StationA/CAM1/100RECNX/RCNX0001.JPG"));
        reconyx("HLPX1").writeTo(dir.resolve("in/StationA/CAM1/101RECNX/RCNX0001.JPG"));

        JsonNode state = run(Map.of(Stage0Settings.CAMERA_FOLDER_LEVEL, "2"), dir.resolve("in"), """
                [{"deployment_id": "A1", "camera": "StationA/CAM1"}]""");

        assertThat(Stage0ExifTest.lines(state)).extracting(l -> l.path("deployment_id").asText() + " " + l.path("camera").asText())
                .containsOnly("A1 StationA/CAM1");
    }

    @Test
    void theNameDependsOnlyOnThePhotoAndASeparatorInsideTheDeviceDoesNotPassForOne() {
        CameraIdentity identity = new CameraIdentity(1, 0);

        PhotoIdentity nothing = identity.identify("IMG1.JPG", null, null, null, null);
        PhotoIdentity colon = identity.identify("S/IMG1.JPG", "ACME", "TRAIL:CAM", null, null);
        PhotoIdentity serialOverModel = identity.identify("S/100RECNX/IMG1.JPG", "RECONYX", "HC500 HYPERFIRE", "H500X", "NORTH");

        assertThat(nothing.camera()).as("a photo in input_uri that names no device").isNull();
        assertThat(colon.camera()).isEqualTo("S:ACME TRAIL CAM");
        assertThat(serialOverModel).isEqualTo(new PhotoIdentity("S", "S:RECONYX H500X", "S", "S/100RECNX", "H500X", "NORTH"));
    }

    private static TestPhotos.Builder reconyx(String serial) {
        return TestPhotos.jpeg().camera("RECONYX", "HF2 PRO COVERT").taken(TAKEN)
                .makerNote(ReconyxNotes.hyperFire2(1, 1, 7, TAKEN, serial, "LABEL"));
    }

    private static TestPhotos.Builder cuddeback(String model) {
        return TestPhotos.jpeg().camera(model, "CUDDEBACK").taken(TAKEN); // Cuddeback writes Make and Model swapped
    }

    private static String folder(String file) {
        return file.substring(0, file.lastIndexOf('/'));
    }

    private void copyShared(String image, String target) throws IOException {
        Path to = dir.resolve(target);
        Files.createDirectories(to.getParent());
        Files.copy(SharedData.image(image), to);
    }

    private JsonNode run(Map<String, String> settings, Path input, String deployments) {
        ObjectNode manifest = Json.object();
        manifest.put("input_uri", input.toString());
        manifest.put("output_uri", dir.resolve("out").toString());
        manifest.put("max_images", 1000);
        if (deployments != null) {
            manifest.set("deployments", Json.parse(deployments));
        }
        return Stage0Fixtures.stage(new LocalFileStore(), Stage0Fixtures.NOW, settings).run(manifest);
    }

    private static Map<String, String> cameras(JsonNode state) throws IOException {
        return Stage0ExifTest.lines(state).stream().collect(Collectors.toMap(l -> l.path("file").asText(),
                l -> l.path("camera").isNull() ? "null" : l.path("camera").asText(), (a, b) -> a, TreeMap::new));
    }
}
