using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace LocalModels.Tests.Ollama;

/// <summary>
/// A one-request HTTP server on the loopback address that streams NDJSON lines with pauses between them and then
/// ends the body or keeps the connection open without a word: the timing a real server can have and the
/// simulator's route-level faults cannot express.
/// </summary>
internal sealed class RawNdjsonServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    private RawNdjsonServer(TcpListener listener, IEnumerable<(string Line, TimeSpan Pause)> lines, bool thenHang)
    {
        _listener = listener;
        _serving = Task.Run(() => ServeAsync(lines, thenHang));
    }

    public Uri BaseUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    public static RawNdjsonServer Start(IEnumerable<(string Line, TimeSpan Pause)> lines, bool thenHang)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new RawNdjsonServer(listener, lines, thenHang);
    }

    private async Task ServeAsync(IEnumerable<(string Line, TimeSpan Pause)> lines, bool thenHang)
    {
        try
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            using var stream = client.GetStream();
            // The request's head and its small JSON body arrive together; what they say does not matter here.
            var buffer = new byte[64 * 1024];
            _ = await stream.ReadAsync(buffer, _stop.Token);
            // No length and Connection: close: the body runs until the connection ends, as Ollama's streams do.
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nConnection: close\r\n\r\n"), _stop.Token);
            foreach (var (line, pause) in lines)
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), _stop.Token);
                await stream.FlushAsync(_stop.Token);
                await Task.Delay(pause, _stop.Token);
            }
            // Silent long enough for any limit a test sets, and not forever: a client that never gives up fails the test.
            if (thenHang) await Task.Delay(TimeSpan.FromSeconds(20), _stop.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or System.IO.IOException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try { _serving.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _stop.Dispose();
    }
}
