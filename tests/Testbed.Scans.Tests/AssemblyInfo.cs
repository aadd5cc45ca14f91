// Fixtures run in parallel: every test takes its own ports, temp dirs and Redis database.
[assembly: Parallelizable(ParallelScope.Fixtures)]
