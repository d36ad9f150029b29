// aws-local-stepfunctions 3 calls Promise.withResolvers, which Node has from version 22 on.
// Loaded with `node --import ./polyfill.mjs` so the tools also run on Node 20.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
