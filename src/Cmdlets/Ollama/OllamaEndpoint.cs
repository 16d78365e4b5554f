using System;
using LocalModels.Errors;

namespace LocalModels.Ollama;

/// <summary>
/// Where the Ollama server is: an explicit -OllamaHost, else OLLAMA_HOST, else http://localhost:11434. Accepts
/// what Ollama itself accepts: with or without scheme, host alone, host:port, and 0.0.0.0 (a bind address that
/// clients must reach as localhost).
/// </summary>
public static class OllamaEndpoint
{
    public const string EnvironmentVariable = "OLLAMA_HOST";
    public const int DefaultPort = 11434;
    public static readonly Uri Default = new("http://localhost:11434");

    /// <summary>Resolves the explicit value if given, else the environment variable's value, else the default.</summary>
    public static Uri Resolve(string? explicitHost, string? environmentValue)
    {
        if (!string.IsNullOrWhiteSpace(explicitHost)) return Parse(explicitHost!);
        if (!string.IsNullOrWhiteSpace(environmentValue)) return Parse(environmentValue!);
        return Default;
    }

    /// <summary>Resolves with this process's OLLAMA_HOST.</summary>
    public static Uri Resolve(string? explicitHost) =>
        Resolve(explicitHost, Platform.PlatformFacts.Current.GetEnvironmentVariable(EnvironmentVariable));

    public static Uri Parse(string value)
    {
        var text = value.Trim();
        var scheme = "http";
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            scheme = text.Substring(0, schemeEnd).ToLowerInvariant();
            text = text.Substring(schemeEnd + 3);
            if (scheme != "http" && scheme != "https") throw Invalid(value, $"the scheme '{scheme}' is not http or https");
        }
        var slash = text.IndexOf('/');
        var path = slash >= 0 ? text.Substring(slash).TrimEnd('/') : "";
        var authority = slash >= 0 ? text.Substring(0, slash) : text;
        if (authority.Length == 0) throw Invalid(value, "it names no host");

        string host;
        string? portText = null;
        if (authority.StartsWith("[", StringComparison.Ordinal))
        {
            var close = authority.IndexOf(']');
            if (close < 0) throw Invalid(value, "an IPv6 address is missing its closing ']'");
            host = authority.Substring(0, close + 1);
            var rest = authority.Substring(close + 1);
            if (rest.StartsWith(":", StringComparison.Ordinal)) portText = rest.Substring(1);
            else if (rest.Length > 0) throw Invalid(value, "unexpected text after the IPv6 address");
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon >= 0 ? authority.Substring(0, colon) : authority;
            portText = colon >= 0 ? authority.Substring(colon + 1) : null;
        }

        var port = scheme == "https" && portText is null ? 443 : DefaultPort;
        if (portText is not null && (!int.TryParse(portText, out port) || port < 1 || port > 65535))
            throw Invalid(value, $"'{portText}' is not a port number between 1 and 65535");

        // 0.0.0.0 and :: are what the server binds to; a client reaches that server on the loopback address.
        if (host is "0.0.0.0" or "" ) host = "localhost";
        if (host == "[::]") host = "[::1]";
        if (Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown) throw Invalid(value, $"'{host}' is not a host name or address");

        return new Uri($"{scheme}://{host}:{port}{path}");
    }

    private static LocalModelsException Invalid(string value, string why) =>
        new(ErrorIds.InvalidOllamaHost, ErrorKind.InvalidArgument,
            $"The Ollama host '{value}' is not valid: {why}. Use a form like 'localhost:11434' or 'http://127.0.0.1:11434' (in -OllamaHost or OLLAMA_HOST).",
            value);
}
