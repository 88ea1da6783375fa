// A node:test reporter that ends the process at the first failing test: a mutant is killed as soon
// as one test fails, the rest of the file need not run.
export default async function* bail(source) {
  for await (const event of source) {
    if (event.type === 'test:fail' && !event.data.todo && !event.data.skip) process.exit(1);
  }
}
