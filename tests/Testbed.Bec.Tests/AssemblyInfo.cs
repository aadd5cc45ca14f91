// Fixtures run in parallel: every test takes its own Redis database and its own channel names.
[assembly: Parallelizable(ParallelScope.Fixtures)]
