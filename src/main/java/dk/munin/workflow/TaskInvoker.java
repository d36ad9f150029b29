package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls the binding registered for a Task's Resource and turns what happens into ASL errors: a
 * TaskFailure keeps its name, a bug in a binding is States.TaskFailed, and a Task with a time
 * limit that runs over is States.Timeout (its thread is interrupted, as Step Functions abandons
 * the task).
 */
final class TaskInvoker {

    private final Map<String, TaskBinding> bindings;

    TaskInvoker(Map<String, TaskBinding> bindings) {
        this.bindings = Map.copyOf(bindings);
    }

    JsonNode invoke(String resource, TaskRequest request, Duration timeout) throws StateError, InterruptedException {
        TaskBinding binding = bindings.get(resource);
        try {
            JsonNode result = timeout == null ? binding.invoke(request) : invokeWithin(binding, request, timeout);
            return result == null ? NullNode.getInstance() : result;
        } catch (TaskFailure e) {
            throw new StateError(e.error(), e.cause());
        } catch (RuntimeException e) {
            throw new StateError(ErrorNames.TASK_FAILED, e.getClass().getName() + ": " + e.getMessage());
        }
    }

    private static JsonNode invokeWithin(TaskBinding binding, TaskRequest request, Duration timeout)
            throws TaskFailure, InterruptedException, StateError {
        FutureTask<JsonNode> task = new FutureTask<>(() -> binding.invoke(request));
        Thread worker = new Thread(task, "asl-task-" + request.state());
        worker.setDaemon(true);
        worker.start();
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new StateError(ErrorNames.TIMEOUT, "Task " + request.state() + " did not finish within "
                    + timeout.toSeconds() + " second(s)");
        } catch (InterruptedException e) {
            task.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable failure = e.getCause();
            if (failure instanceof TaskFailure taskFailure) {
                throw taskFailure;
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StateError(ErrorNames.TASK_FAILED, failure.toString());
        }
    }
}
