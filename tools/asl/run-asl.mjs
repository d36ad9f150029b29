// Runs an ASL document with aws-local-stepfunctions, an interpreter independent of Munin's
// embedded runner, so tests can hold both to the same answers.
//
//   node --import ./polyfill.mjs run-asl.mjs <definition.asl.json>  < request.json
//
// request.json: {
//   "input":   <execution input>,
//   "context": <context object fields to provide, e.g. {"Execution": {"Id": ..., "Name": ...}}>,
//   "tasks":   {"<Task state name>": [<outcome>, ...]}   (one outcome per attempt; the last repeats)
// }
// An outcome is {"result": <task result>}, {"error": "<name>", "cause": "<text>"}, or
// {"echoLambda": {<fields>}}: the lambda:invoke result of a function that returns its Payload
// with those fields set.
//
// Prints one JSON line: {"status": "SUCCEEDED"|"FAILED", "output"|"error","cause": ..., "states": [...]}
// where states lists the states entered, in order. Retry pauses and Wait states do not sleep.
import { readFileSync } from 'node:fs';
import { StateMachine } from 'aws-local-stepfunctions';

const definition = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const request = JSON.parse(readFileSync(0, 'utf8'));

function outcomeOf(outcome, taskInput) {
  if ('error' in outcome) {
    const error = new Error(outcome.cause);
    error.name = outcome.error;
    throw error;
  }
  if ('echoLambda' in outcome) {
    return {
      ExecutedVersion: '$LATEST',
      Payload: { ...taskInput.Payload, ...outcome.echoLambda },
      StatusCode: 200,
    };
  }
  return outcome.result;
}

const taskResourceLocalHandlers = {};
for (const [stateName, outcomes] of Object.entries(request.tasks ?? {})) {
  let attempt = 0;
  taskResourceLocalHandlers[stateName] = async (taskInput) => {
    const outcome = outcomes[Math.min(attempt, outcomes.length - 1)];
    attempt += 1;
    return outcomeOf(outcome, taskInput);
  };
}
const retryIntervalOverrides = {};
const waitTimeOverrides = {};
for (const [stateName, state] of Object.entries(definition.States)) {
  if (state.Retry) retryIntervalOverrides[stateName] = 0;
  if (state.Type === 'Wait') waitTimeOverrides[stateName] = 0;
}

const execution = new StateMachine(definition).run(request.input, {
  overrides: { taskResourceLocalHandlers, retryIntervalOverrides, waitTimeOverrides },
  context: request.context ?? {},
});

const states = [];
const logged = (async () => {
  for await (const event of execution.eventLogs) {
    if (event.type === 'StateEntered') states.push(event.state.name);
  }
})();

let report;
try {
  const output = await execution.result;
  report = { status: 'SUCCEEDED', output };
} catch (failure) {
  const error = failure.cause ?? failure;
  report = { status: 'FAILED', error: error.name, cause: error.cause ?? error.message };
}
await logged;
console.log(JSON.stringify({ ...report, states }));
