using Testbed.Fuzzing.Engine;

namespace Testbed.Fuzzing.Tests.Engine;

/// <summary>Deliberately broken parsers: the engine must catch each kind of failure.</summary>
internal static class ToyTargets
{
    public static FuzzTargetInfo Info(string name, Func<FuzzTarget> create) => new(name, "toy", create);

    private static readonly byte[][] Text = [[.. "PX=12;SP=100\r"u8], [.. "{\"value\": 1}"u8]];

    /// <summary>Throws on any input that contains a 0xFF byte (a parser that trusts its input).</summary>
    public sealed class ThrowsOnFf : FuzzTarget
    {
        public override IReadOnlyList<byte[]> Corpus => Text;

        public override void Run(byte[] input)
        {
            if (input.Contains((byte)0xFF)) throw new IndexOutOfRangeException("0xFF is not a table index");
        }
    }

    /// <summary>Never returns on an input longer than 300 bytes, until released (a parser stuck in a loop).</summary>
    public sealed class HangsOnLongInput(ManualResetEventSlim release) : FuzzTarget
    {
        public override IReadOnlyList<byte[]> Corpus => Text;

        public override void Run(byte[] input)
        {
            if (input.Length > 300) release.Wait();
        }
    }

    /// <summary>Keeps 4 KiB of every input it sees (a cache that is never trimmed).</summary>
    public sealed class Leaks : FuzzTarget
    {
        private readonly List<byte[]> _kept = [];

        public override IReadOnlyList<byte[]> Corpus => Text;

        public override void Run(byte[] input) => _kept.Add(new byte[4096]);
    }

    /// <summary>Allocates 64 MiB for one input (a length field trusted as an allocation size).</summary>
    public sealed class Balloons : FuzzTarget
    {
        public override IReadOnlyList<byte[]> Corpus => Text;

        public override void Run(byte[] input)
        {
            if (input.Length == 0) GC.KeepAlive(new byte[64 << 20]);
        }
    }

    /// <summary>Parses nothing and never fails: the engine must not report anything.</summary>
    public sealed class Clean : FuzzTarget
    {
        public override IReadOnlyList<byte[]> Corpus => Text;

        public override IReadOnlyList<byte[]> Tokens => Bytes(";", "=");

        public override int MaxInputLength => 512;

        public override void Run(byte[] input) => GC.KeepAlive(input.Sum(b => b));
    }
}
