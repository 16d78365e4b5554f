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

    /// <summary>
    /// Told once, at the stream's first read, when the bytes it asked for were not all in memory (or the system cannot
    /// tell, see <see cref="CachedRead"/>): the disk is being waited on. Null: the first read is an ordinary one.
    /// </summary>
    internal Action? FirstReadWaits { get; set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_position == 0 && FirstReadWaits is { } waits)
        {
            FirstReadWaits = null;
            return ReadFirst(buffer, offset, count, waits);
        }
        return Read(buffer.AsSpan(offset, count));
    }

    /// <summary>The first read, from memory when the bytes are there; <paramref name="waits"/> is told when they are not.</summary>
    private int ReadFirst(byte[] buffer, int offset, int count, Action waits)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var wanted = (int)Math.Min(count, _length);
        var cached = wanted <= 0 ? 0 : CachedRead.Read(_handle, buffer, offset, wanted, 0);
        if (cached == wanted)
        {
            _position = cached;
            return cached;
        }
        waits();
        var fromMemory = Math.Max(cached, 0);
        _position = fromMemory;
        return fromMemory + Read(buffer.AsSpan(offset + fromMemory, count - fromMemory));
    }

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
