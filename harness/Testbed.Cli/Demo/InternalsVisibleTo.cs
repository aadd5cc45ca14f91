using System.Runtime.CompilerServices;

// The demo's publisher and channels are tested against real twins without going through the command line.
[assembly: InternalsVisibleTo("Testbed.Integration.Tests")]
