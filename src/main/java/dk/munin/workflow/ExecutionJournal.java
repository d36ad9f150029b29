package dk.munin.workflow;

import java.util.Optional;

/**
 * Where an execution records its progress so that a run killed part-way (SIGKILL, a crash, a
 * laptop that sleeps for good) can be continued from its last completed state rather than from
 * the start. The embedded runner's stand-in for what Step Functions keeps for a redrive.
 */
public interface ExecutionJournal {

    /** Records nothing: every run starts at StartAt. */
    ExecutionJournal NONE = new ExecutionJournal() {
        @Override
        public Optional<ResumePoint> resumePoint() {
            return Optional.empty();
        }

        @Override
        public void stateCompleted(ResumePoint point) {
        }

        @Override
        public void executionEnded(ExecutionStatus status) {
        }
    };

    /** The point an earlier, interrupted run of this execution reached; empty to start at StartAt. */
    Optional<ResumePoint> resumePoint();

    /** Called after each state that moves on to another, before the next state starts. */
    void stateCompleted(ResumePoint point);

    /**
     * Called once the execution has ended. A cancelled (aborted) execution is an interruption like a
     * kill: a journal keeps its progress for it. After success or failure there is nothing to resume.
     */
    void executionEnded(ExecutionStatus status);
}
