package dk.munin.output.camtrapdp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The package's coverage, derived from the rows it holds rather than asked of the caller, so
 * datapackage.json can never disagree with its tables.
 */
final class Coverage {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Coverage() {
    }

    /** A written deployment: where it stood and the window it stood there (given, or taken from its media). */
    record Placed(double latitude, double longitude, OffsetDateTime start, OffsetDateTime end) {
    }

    /**
     * GeoJSON of the deployments' bounding box, positions as [longitude, latitude]: a Point when
     * all stood at one place, a LineString when they share a latitude or a longitude (a box there
     * would have no area), else a Polygon whose ring runs counterclockwise (RFC 7946) from the
     * south-west corner, as in Camtrap DP's example. A box across the antimeridian is not made:
     * such deployments get a box spanning the globe's other side.
     */
    static ObjectNode spatial(List<Placed> deployments) {
        double south = deployments.stream().mapToDouble(Placed::latitude).min().orElseThrow();
        double north = deployments.stream().mapToDouble(Placed::latitude).max().orElseThrow();
        double west = deployments.stream().mapToDouble(Placed::longitude).min().orElseThrow();
        double east = deployments.stream().mapToDouble(Placed::longitude).max().orElseThrow();
        ObjectNode geometry = JSON.objectNode();
        if (south == north && west == east) {
            geometry.put("type", "Point");
            geometry.set("coordinates", position(west, south));
        } else if (south == north || west == east) {
            geometry.put("type", "LineString");
            geometry.set("coordinates", JSON.arrayNode().add(position(west, south)).add(position(east, north)));
        } else {
            geometry.put("type", "Polygon");
            ArrayNode ring = JSON.arrayNode()
                    .add(position(west, south)).add(position(east, south))
                    .add(position(east, north)).add(position(west, north))
                    .add(position(west, south));
            geometry.set("coordinates", JSON.arrayNode().add(ring));
        }
        return geometry;
    }

    private static ArrayNode position(double longitude, double latitude) {
        return JSON.arrayNode().add(longitude).add(latitude);
    }

    /**
     * The first deployment's start date and the last one's end date, each on the clock of its
     * own offset (the deployment's local date, as a field worker would write it).
     */
    static ObjectNode temporal(List<Placed> deployments) {
        Comparator<OffsetDateTime> byInstant = Comparator.comparing(OffsetDateTime::toInstant);
        OffsetDateTime start = deployments.stream().map(Placed::start).min(byInstant).orElseThrow();
        OffsetDateTime end = deployments.stream().map(Placed::end).max(byInstant).orElseThrow();
        ObjectNode temporal = JSON.objectNode();
        temporal.put("start", Cells.date(start));
        temporal.put("end", Cells.date(end));
        return temporal;
    }

    /**
     * One entry per distinct observations.scientificName, sorted; empty when nothing was named
     * (a detector's boxes name no taxon), which the profile allows. Only the name is given: Munin
     * holds no taxon identifiers, ranks or vernacular names.
     */
    static ArrayNode taxonomic(Collection<String> scientificNames) {
        ArrayNode taxa = JSON.arrayNode();
        for (String name : new TreeSet<>(scientificNames)) {
            taxa.add(JSON.objectNode().put("scientificName", name));
        }
        return taxa;
    }
}
