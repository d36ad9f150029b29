package dk.munin.budget;

import dk.munin.PipelineError;

/**
 * Test stand-in for the budget stage's error, until that stage is on this branch: the workflow
 * tests only need its fully qualified name, which the ASL catches, and its message.
 */
public class BudgetExceeded extends PipelineError {

    public BudgetExceeded(String message) {
        super(message);
    }
}
