// Research runs (`rapport analyse …`) with a plain command line start without commander and load
// only the command they run: the benchmark's whole-process time is mostly start-up. Help and
// mistakes go through commander, which explains them; the rest of the program (instruments,
// server, drivers) is not loaded for analyse at all.
async function main(): Promise<void> {
  if (process.argv[2] === 'analyse') {
    const { runAnalyseArgv } = await import('./analyse/direct.js');
    const code = await runAnalyseArgv(process.argv.slice(3));
    if (code !== null) {
      process.exitCode = code;
      return;
    }
    const [{ Command }, { registerAnalyseCommands }] = await Promise.all([
      import('commander'),
      import('./analyse/index.js'),
    ]);
    const p = new Command('rapport').showHelpAfterError();
    registerAnalyseCommands(p);
    await p.parseAsync(process.argv);
    return;
  }
  const { buildProgram } = await import('./program.js');
  await buildProgram().parseAsync(process.argv);
}

try {
  await main();
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
}
