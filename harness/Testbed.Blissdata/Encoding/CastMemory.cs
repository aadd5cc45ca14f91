using System.Buffers;
using System.Runtime.InteropServices;

namespace Testbed.Blissdata.Encoding;

/// <summary>The bytes of a <typeparamref name="T"/> array as <see cref="Memory{T}"/> of bytes, without copying.</summary>
internal sealed class CastMemory<T>(T[] values) : MemoryManager<byte> where T : unmanaged
{
    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(values.AsSpan());

    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        // Each pin has its own handle, freed when the MemoryHandle is disposed.
        var handle = GCHandle.Alloc(values, GCHandleType.Pinned);
        return new MemoryHandle((byte*)handle.AddrOfPinnedObject() + elementIndex, handle);
    }

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
