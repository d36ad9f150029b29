package dk.munin.output.camtrapdp;

/**
 * One reason a Camtrap DP package is not valid.
 *
 * @param file   the package file at fault, relative to the package folder (e.g. {@code media.csv})
 * @param row    the 1-based data row (row 1 is the first line after the header), or {@code null}
 *               when the finding is about the file as a whole (its header, datapackage.json)
 * @param field  the field (CSV column or JSON location) at fault, or {@code null}
 * @param reason what is wrong, in words a data manager can act on
 */
public record Finding(String file, Integer row, String field, String reason) {

    @Override
    public String toString() {
        StringBuilder where = new StringBuilder(file);
        if (row != null) {
            where.append(" row ").append(row);
        }
        if (field != null) {
            where.append(" field ").append(field);
        }
        return where.append(": ").append(reason).toString();
    }
}
