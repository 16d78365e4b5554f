using System;
using System.IO;
using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;

namespace LocalModels.Platform;

/// <summary>
/// Reads a file's first <see cref="Length"/> bytes (its length when opened) through its handle, each read a pread at the
/// stream's position. A file that grows while it is read is read as it was when opened; one that shrinks ends early.
/// Knowing where the file ends spares the read that would only find its end.
/// </summary>
internal sealed class HandleReadStream : Stream
{
    private readonly SafeFileHandle _handle;
    private readonly long _length;
    private long _position;

    public HandleReadStream(SafeFileHandle handle, long length)
    {
        _handle = handle;
        _length = length;
    }

    /// <summary>The handle read through (for advice on it: <see cref="ReadAheadAdvice"/>).</summary>
    internal SafeFileHandle Handle => _handle;

    public override bool CanRead => !_handle.IsClosed;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var wanted = (int)Math.Min(buffer.Length, _length - _position);
        if (wanted <= 0) return 0;
        var read = RandomAccess.Read(_handle, buffer[..wanted], _position);
        _position += read;
        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _handle.Dispose();
        base.Dispose(disposing);
    }
}
