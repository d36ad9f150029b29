package dk.munin.exif;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the IFD0 Make and Model a camera wrote into a make and model to group by. Trail
 * cameras are not consistent: Cuddeback writes them swapped (Make "G4", Model "CUDDEBACK"),
 * Reconyx writes "RECONYX" or "Reconyx", Bushnell leaves Model empty, some write no Make.
 * The known makes come from munin.exif.camera-makes.
 */
public class CameraMakes {

    /** Reconyx's maker note identifies the make even where IFD0 has no Make at all. */
    static final String RECONYX = "RECONYX";

    private final List<String> knownMakes;

    /** @param knownMakes comma-separated maker names in their canonical spelling */
    public CameraMakes(String knownMakes) {
        this.knownMakes = Arrays.stream(knownMakes.split(","))
                .map(String::trim).filter(make -> !make.isEmpty()).toList();
    }

    /**
     * @param rawMake   IFD0 Make as stored (null when absent)
     * @param rawModel  IFD0 Model as stored (null when absent)
     * @param reconyx   whether the photo carries a Reconyx maker note
     */
    public MakeAndModel normalise(String rawMake, String rawModel, boolean reconyx) {
        String make = blankToNull(rawMake);
        String model = blankToNull(rawModel);
        Optional<String> knownMake = known(make);
        Optional<String> modelIsMake = known(model);
        if (knownMake.isEmpty() && modelIsMake.isPresent()) {
            return new MakeAndModel(modelIsMake.get(), make); // swapped, as Cuddeback writes them
        }
        if (knownMake.isPresent()) {
            return new MakeAndModel(knownMake.get(), model);
        }
        if (make == null && reconyx) {
            return new MakeAndModel(RECONYX, model);
        }
        return new MakeAndModel(make, model);
    }

    private Optional<String> known(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return knownMakes.stream().filter(make -> make.toUpperCase(Locale.ROOT).equals(name.toUpperCase(Locale.ROOT))).findFirst();
    }

    private static String blankToNull(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.replace('\0', ' ').trim();
        return trimmed.isEmpty() ? null : trimmed;
    }

    public record MakeAndModel(String make, String model) {
    }
}
