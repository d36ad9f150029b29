// Runs ASL documents with aws-local-stepfunctions, an interpreter independent of Munin's
// embedded runner, so tests can hold both to the same answers. All runs of one call share one
// Node process, because loading the library takes most of a second.
//
//   node --import ./polyfill.mjs run-asl.mjs < runs.json
//
// runs.json is an array of runs:
//   {
//     "definition": "<path of the ASL file>",
//     "input":      <execution input>,
//     "context":    <context object fields to provide, e.g. {"Execution": {"Id": ..., "Name": ...}}>,
//     "tasks":      {"<Task state name>": [<outcome>, ...]}   (one outcome per attempt; the last repeats)
//   }
// An outcome is {"result": <task result>}, {"error": "<name>", "cause": "<text>"}, or
// {"echoLambda": {<fields>}}: the lambda:invoke result of a function that returns its Payload
// with those fields set.
//
// Prints a JSON array with one answer per run, in order:
//   {"status": "SUCCEEDED", "output": ..., "states": [...]} or
//   {"status": "FAILED", "error": ..., "cause": ..., "states": [...]}
// where states lists the states entered, in order: the execution's own, not those of a Map's
// iterations (the embedded runner's history has one entry per Map state, not one per item).
// Retry pauses and Wait states do not sleep, in a Map's ItemProcessor too.
import { readFileSync } from 'node:fs';
import { StateMachine } from 'aws-local-stepfunctions';

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

// The library validates a definition each time it is constructed, which takes most of the time
// of a run; each file is validated on its first run only.
const validated = new Set();

async function run({ definition: file, input, context, tasks }) {
  const definition = JSON.parse(readFileSync(file, 'utf8'));
  const stateMachineOptions = validated.has(file) ? { validationOptions: { noValidate: true } } : {};
  validated.add(file);
  const taskResourceLocalHandlers = {};
  for (const [stateName, outcomes] of Object.entries(tasks ?? {})) {
    let attempt = 0;
    taskResourceLocalHandlers[stateName] = async (taskInput) => {
      const outcome = outcomes[Math.min(attempt, outcomes.length - 1)];
      attempt += 1;
      return outcomeOf(outcome, taskInput);
    };
  }
  const retryIntervalOverrides = {};
  const waitTimeOverrides = {};
  const overrideSleeps = (states) => {
    for (const [stateName, state] of Object.entries(states)) {
      if (state.Retry) retryIntervalOverrides[stateName] = 0;
      if (state.Type === 'Wait') waitTimeOverrides[stateName] = 0;
      const processor = state.ItemProcessor ?? state.Iterator;
      if (processor) overrideSleeps(processor.States);
    }
  };
  overrideSleeps(definition.States);

  const execution = new StateMachine(definition, stateMachineOptions).run(input, {
    overrides: { taskResourceLocalHandlers, retryIntervalOverrides, waitTimeOverrides },
    context: context ?? {},
  });
  const states = [];
  const logged = (async () => {
    for await (const event of execution.eventLogs) {
      // A Map iteration's events carry the item's index.
      if (event.type === 'StateEntered' && event.index === undefined) states.push(event.state.name);
    }
  })();

  let answer;
  try {
    answer = { status: 'SUCCEEDED', output: await execution.result };
  } catch (failure) {
    const error = failure.cause ?? failure;
    answer = { status: 'FAILED', error: error.name, cause: error.cause ?? error.message };
  }
  await logged;
  return { ...answer, states };
}

const runs = JSON.parse(readFileSync(0, 'utf8'));
const answers = [];
for (const each of runs) {
  answers.push(await run(each));
}
console.log(JSON.stringify(answers));
