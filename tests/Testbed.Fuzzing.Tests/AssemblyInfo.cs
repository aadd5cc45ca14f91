// Not parallel: the memory checks read the process-wide managed heap, and each target keeps a core busy.
[assembly: NonParallelizable]
