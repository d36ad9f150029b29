package dk.munin.budget;

/**
 * The detector speed table has a row Munin cannot use; the message names the table, the line and
 * the column. The table ships in the jar, so this is a build mistake, never a user's.
 */
public class InvalidSpeedTable extends IllegalArgumentException {

    public InvalidSpeedTable(String message) {
        super(message);
    }
}
