import { imageNodeOptions, runtimeNodeOptions } from './image-node-options';

it('reads NODE_OPTIONS from the runtime stage only, across continued ENV lines', () => {
  const dockerfile = [
    'FROM node:20 AS build',
    'ENV NODE_OPTIONS=--max-old-space-size=4096',
    'FROM base AS runtime',
    'ENV NODE_ENV=production \\',
    '    NODE_OPTIONS="--max-old-space-size=256 --enable-source-maps" \\',
    '    PORT=3000',
    'CMD ["node", "main.js"]',
  ].join('\n');
  expect(runtimeNodeOptions(dockerfile)).toEqual(['--max-old-space-size=256', '--enable-source-maps']);
  expect(runtimeNodeOptions('FROM base AS runtime\nENV NODE_ENV=production\n')).toEqual([]);
  expect(() => runtimeNodeOptions('FROM base\nENV A=1\n')).toThrow(/runtime/);
});

it('the api and worker images cap the heap, and the bench runs them with that cap', () => {
  for (const role of ['api', 'worker'] as const) expect(imageNodeOptions(role)).toEqual(['--max-old-space-size=256']);
});
