using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LocalModels.Traces;
using Xunit;

namespace LocalModels.Tests.Traces;

/// <summary>
/// The file reader splits lines out of fixed-size blocks (<see cref="TraceFile.BlockSize"/>): a line inside a block is
/// passed as it lies there, one that crosses blocks is gathered first. Every line must come out whole wherever the
/// block and read boundaries fall.
/// </summary>
public sealed class LineSplittingTests
{
    [Fact]
    public void Lines_come_out_whole_wherever_blocks_and_reads_end()
    {
        var block = TraceFile.BlockSize;
        var random = new Random(20261203);
        // Lengths at and around one, two and three blocks, then random ones up to three blocks.
        var lengths = new[] { 1, 2, block - 2, block - 1, block, block + 1, 5, 2 * block - 1, 2 * block, 2 * block + 1, 3 * block + 7 }
            .Concat(Enumerable.Range(0, 40).Select(_ => random.Next(1, 3 * block)))
            .ToArray();
        var lines = lengths.Select((length, i) => Line(length, i)).ToArray();
        var bytes = lines.SelectMany(line => line.Append((byte)'\n')).ToArray();

        foreach (var stream in new Stream[] { new MemoryStream(bytes), new ShortReadStream(bytes, new Random(7)) })
        {
            var received = new List<byte[]>();
            var oversized = 0;
            TraceFile.ForEachLine(stream, line => received.Add(line.ToArray()), () => oversized++);
            Assert.Equal(0, oversized);
            Assert.Equal(lines.Length, received.Count);
            for (var i = 0; i < lines.Length; i++)
                Assert.True(lines[i].AsSpan().SequenceEqual(received[i]), $"line {i} ({lines[i].Length} bytes) came out as {received[i].Length} bytes");
        }
    }

    [Fact]
    public void A_last_line_without_a_newline_comes_out_too()
    {
        var line = Line(TraceFile.BlockSize + 3, 1);
        var received = new List<byte[]>();
        TraceFile.ForEachLine(new MemoryStream(line), l => received.Add(l.ToArray()), () => { });
        Assert.True(line.AsSpan().SequenceEqual(Assert.Single(received)));
    }

    /// <summary>A line of <paramref name="length"/> bytes whose bytes tell its place, so a shifted copy shows.</summary>
    private static byte[] Line(int length, int index)
    {
        var line = new byte[length];
        for (var i = 0; i < length; i++) line[i] = (byte)('!' + (i * 31 + index * 7) % 90);
        return line;
    }

    /// <summary>Hands out a random part of what is asked for, as a pipe or an interrupted read may.</summary>
    private sealed class ShortReadStream(byte[] data, Random random) : Stream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(data.Length - _position, random.Next(1, count + 1));
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
