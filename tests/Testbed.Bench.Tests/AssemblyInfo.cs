// Pure computations and rendering to strings: nothing shared, nothing timed.
[assembly: Parallelizable(ParallelScope.All)]
