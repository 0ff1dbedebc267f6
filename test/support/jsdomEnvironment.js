/* The jsdom environment of the tests that render the pane and the inbox's pages. Under mutation
 * testing (jest.mutate.config.js sets VR_MUTATE) it is StrykerJS's jsdom environment, which
 * reports which test covers which mutant: an environment named in a test's docblock is not
 * replaced by the runner's own, and without that report the run stops before testing any mutant. */
module.exports = process.env.VR_MUTATE === '1' ? require('@stryker-mutator/jest-runner/jest-env/jsdom') : require('jest-environment-jsdom');
