using System;
using System.Threading.Tasks;

namespace LocalModels.Simulation.Anthropic;

/// <summary>Errors in the Anthropic shape Ollama uses: {"type":"error","error":{"type":T,"message":M},"request_id":...}.</summary>
internal static class AnthropicError
{
    /// <summary>The error type Ollama derives from the HTTP status.</summary>
    public static string TypeFor(int status) => status switch
    {
        400 => "invalid_request_error",
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        429 => "rate_limit_error",
        503 or 529 => "overloaded_error",
        _ => "api_error",
    };

    public static Task WriteAsync(SimulatorResponse response, int status, string message) =>
        response.WriteJsonAsync(status, new
        {
            type = "error",
            error = new { type = TypeFor(status), message },
            request_id = NewRequestId(),
        });

    public static string NewRequestId() => "req_" + Guid.NewGuid().ToString("N").Substring(0, 24);
}
