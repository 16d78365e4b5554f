using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LocalModels.Ollama;

namespace LocalModels.Simulation;

/// <summary>
/// The in-process HTTP host of the Ollama-compatible simulator, bound to the loopback address only. It answers
/// requests addressed to 127.0.0.1 and to localhost (the module's own default host, http://localhost:11434).
/// It knows nothing of Ollama: endpoint groups (the native /api side, the Anthropic /v1/messages side) register
/// routes on it.
/// Every request is recorded (method, path, headers) so tests can prove what reached the endpoint.
/// </summary>
public sealed class SimulatorServer : IDisposable
{
    private readonly bool _portChosenHere;
    private HttpListener _listener;
    private readonly List<SimulatorRoute> _routes = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, SimulatorFault> _faults = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _acceptLoop;

    public SimulatorServer(int port = 0)
    {
        _portChosenHere = port == 0;
        Port = _portChosenHere ? FindFreePort() : port;
        _listener = ListenerFor(Port);
    }

    public int Port { get; private set; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}");

    /// <summary>Every request received so far, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Cancelled when the server stops; long-running handlers (a model that never finishes) watch it.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Registers a handler for a method and a path (the query string is ignored when matching).</summary>
    public void Map(string method, string path, Func<SimulatorRequest, SimulatorResponse, Task> handler) =>
        _routes.Add(new SimulatorRoute(method.ToUpperInvariant(), path, handler));

    /// <summary>Answers every request to <paramref name="path"/> with the fault instead of the route (see <see cref="SimulatorFault"/>).</summary>
    public void InjectFault(string path, SimulatorFault fault) => _faults[path.TrimEnd('/')] = fault;

    public void ClearFaults() => _faults.Clear();

    public void Start()
    {
        // A free port found by probing can be taken by another process before the listener binds it; when the port
        // was this server's own choice, it simply takes another.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (_portChosenHere && attempt < 5)
            {
                _listener.Close();
                Port = FindFreePort();
                _listener = ListenerFor(Port);
            }
        }
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    private static HttpListener ListenerFor(int port)
    {
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        // HttpListener matches the Host header against its prefixes: without this, "localhost" gets a 404.
        listener.Prefixes.Add($"http://localhost:{port}/");
        return listener;
    }

    public void Dispose()
    {
        if (_stopping.IsCancellationRequested) return;
        _stopping.Cancel();
        try { _listener.Stop(); } catch (Exception ex) when (ex is ObjectDisposedException or HttpListenerException) { }
        try { _acceptLoop?.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
        try
        {
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // On Unix, closing after Stop looks the port up again to remove the prefixes and, when another listener
            // has taken the freed port meanwhile, fails to bind it: "Address already in use". Ours is closed already.
        }
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url?.AbsolutePath ?? "/";
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync().ConfigureAwait(false);
        }
        var headers = request.Headers.AllKeys
            .Where(key => key is not null)
            .ToDictionary(key => key!, key => request.Headers[key] ?? "", StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(request.HttpMethod, path, request.Url?.Query ?? "", headers, body, DateTimeOffset.UtcNow);
        _requests.Enqueue(recorded);

        // Lets the module mark results that came from here as simulated, whichever way the user started it.
        context.Response.Headers[SimulatorMarker.Header] = "1";
        var response = new SimulatorResponse(context.Response);
        try
        {
            if (await TryAnswerWithFaultAsync(path, response).ConfigureAwait(false)) return;
            var method = request.HttpMethod.ToUpperInvariant();
            var route = _routes.FirstOrDefault(r => r.Matches(method, path))
                ?? (method == "HEAD" ? _routes.FirstOrDefault(r => r.Matches("GET", path)) : null);
            if (route is null)
            {
                // Ollama answers unknown paths with a plain 404 "404 page not found" (Go's default mux text).
                await response.WriteTextAsync(404, "404 page not found").ConfigureAwait(false);
                return;
            }
            await route.Handler(new SimulatorRequest(recorded, _stopping.Token), response).ConfigureAwait(false);
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
            // Shutting down: the client sees the connection close, as with a real server that stops.
        }
        catch (HttpListenerException)
        {
            // The client went away (Claude Code killed mid-stream): nothing to answer.
        }
        catch (IOException)
        {
        }
        catch (Exception ex)
        {
            try { await response.WriteJsonAsync(500, new { error = ex.Message }).ConfigureAwait(false); }
            catch (Exception) { }
        }
        finally
        {
            response.Close();
        }
    }

    private async Task<bool> TryAnswerWithFaultAsync(string path, SimulatorResponse response)
    {
        var key = path.TrimEnd('/');
        if (!_faults.TryGetValue(key, out var fault)) return false;
        if (fault.Remaining is { } remaining)
        {
            if (remaining <= 1) _faults.TryRemove(key, out _);
            else _faults[key] = fault with { Remaining = remaining - 1 };
        }
        if (fault.Delay > TimeSpan.Zero) await Task.Delay(fault.Delay, _stopping.Token).ConfigureAwait(false);
        await response.WriteRawAsync(fault.Status, fault.ContentType, fault.Body).ConfigureAwait(false);
        return true;
    }

    private static int FindFreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private sealed record SimulatorRoute(string Method, string Path, Func<SimulatorRequest, SimulatorResponse, Task> Handler)
    {
        public bool Matches(string method, string path) =>
            Method == method && string.Equals(Path.TrimEnd('/'), path.TrimEnd('/'), StringComparison.Ordinal);
    }
}
