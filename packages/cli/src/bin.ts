// Research runs (`rapport analyse …`) start by loading only commander and the
// analytics: the benchmark's whole-process time is mostly start-up, and the
// rest of the program (instruments, server, drivers) is not needed for them.
async function program() {
  if (process.argv[2] === 'analyse') {
    const [{ Command }, { registerAnalyseCommands }] = await Promise.all([
      import('commander'),
      import('./analyse/index.js'),
    ]);
    const p = new Command('rapport').showHelpAfterError();
    registerAnalyseCommands(p);
    return p;
  }
  const { buildProgram } = await import('./program.js');
  return buildProgram();
}

try {
  await (await program()).parseAsync(process.argv);
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
}
