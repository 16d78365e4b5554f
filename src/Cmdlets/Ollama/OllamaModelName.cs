using System;
using LocalModels.Errors;

namespace LocalModels.Ollama;

/// <summary>
/// Ollama's model name rules, checked before calling the server so users get
/// a clear message: <c>[[host/]namespace/]model[:tag]</c>. Every part starts with a letter, digit or '_';
/// model and tag continue with letters, digits, '_', '-', '.'; a namespace may not contain '.'; a host may also
/// contain ':' (a port). Model, namespace and tag are 1-80 characters, the host 1-350.
/// </summary>
public static class OllamaModelName
{
    private const int MaxPartLength = 80;
    private const int MaxHostLength = 350;

    public static bool IsValid(string? name) => Explain(name) is null;

    /// <summary>Throws <c>InvalidModelName</c> when the name breaks Ollama's rules.</summary>
    public static void Validate(string? name)
    {
        var problem = Explain(name);
        if (problem is not null)
            throw new LocalModelsException(ErrorIds.InvalidModelName, ErrorKind.InvalidArgument,
                $"'{name}' is not a valid Ollama model name: {problem}. Use [namespace/]name[:tag] with letters, digits, '_', '-' and '.', e.g. 'devstral-64k' or 'devstral-small-2:24b'.",
                name);
    }

    /// <summary>Why the name is invalid, or null when it is valid.</summary>
    public static string? Explain(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "the name is empty";
        var rest = name!;
        string? tag = null;
        if (rest.LastIndexOf(':') > rest.LastIndexOf('/'))
        {
            var colon = rest.LastIndexOf(':');
            tag = rest.Substring(colon + 1);
            rest = rest.Substring(0, colon);
        }
        var parts = rest.Split('/');
        if (parts.Length > 3) return "it has more than host/namespace/model parts";
        var model = parts[parts.Length - 1];
        return CheckPart("model name", model, allowDot: true, allowColon: false, MaxPartLength)
            ?? (tag is null ? null : CheckPart("tag", tag, allowDot: true, allowColon: false, MaxPartLength))
            ?? (parts.Length >= 2 ? CheckPart("namespace", parts[parts.Length - 2], allowDot: false, allowColon: false, MaxPartLength) : null)
            ?? (parts.Length == 3 ? CheckPart("host", parts[0], allowDot: true, allowColon: true, MaxHostLength) : null);
    }

    private static string? CheckPart(string what, string part, bool allowDot, bool allowColon, int maxLength)
    {
        if (part.Length == 0) return $"the {what} is empty";
        if (part.Length > maxLength) return $"the {what} is longer than {maxLength} characters";
        if (!IsWordChar(part[0])) return $"the {what} '{part}' must start with a letter, digit or '_'";
        for (var i = 1; i < part.Length; i++)
        {
            var c = part[i];
            if (IsWordChar(c) || c == '-' || (c == '.' && allowDot) || (c == ':' && allowColon)) continue;
            return $"the {what} '{part}' contains '{c}'";
        }
        return null;
    }

    private static bool IsWordChar(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_';

    /// <summary>Ollama's defaults for the parts a name leaves out (its DefaultName).</summary>
    public const string DefaultHost = "registry.ollama.ai";
    public const string DefaultNamespace = "library";
    public const string DefaultTag = "latest";

    /// <summary>
    /// True when two names refer to the same model: "x" is "x:latest" and "library/x:latest", and names compare
    /// case-insensitively, as Ollama's Name.EqualFold does.
    /// </summary>
    public static bool SameModel(string a, string b) => string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);

    /// <summary>
    /// The one spelling of a model name that every spelling of the same model shares: host/namespace/model:tag with
    /// Ollama's defaults filled in, in lower case (e.g. "Devstral-64K" → "registry.ollama.ai/library/devstral-64k:latest").
    /// For comparing and keying only; show users the name they gave.
    /// </summary>
    public static string Canonical(string name)
    {
        var rest = name.Trim();
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) rest = rest.Substring(scheme + 3);
        var tag = "";
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest.Substring(colon + 1);
            rest = rest.Substring(0, colon);
        }
        var slash = rest.LastIndexOf('/');
        var model = rest.Substring(slash + 1);
        var prefix = slash < 0 ? "" : rest.Substring(0, slash);
        var namespaceSlash = prefix.LastIndexOf('/');
        var space = prefix.Substring(namespaceSlash + 1);
        var host = namespaceSlash < 0 ? "" : prefix.Substring(0, namespaceSlash);
        return $"{OrDefault(host, DefaultHost)}/{OrDefault(space, DefaultNamespace)}/{model}:{OrDefault(tag, DefaultTag)}".ToLowerInvariant();
    }

    private static string OrDefault(string part, string fallback) => part.Length == 0 ? fallback : part;

    /// <summary>
    /// The name as Ollama's errors print it, defaults filled in and case kept
    /// ("deepseek-r1:32b" → "registry.ollama.ai/library/deepseek-r1:32b").
    /// </summary>
    public static string FullyQualified(string name)
    {
        var tagged = WithDefaultTag(name);
        return tagged.Split('/').Length switch
        {
            1 => $"{DefaultHost}/{DefaultNamespace}/{tagged}",
            2 => $"{DefaultHost}/{tagged}",
            _ => tagged,
        };
    }

    /// <summary>Adds ":latest" when the name has no tag, as Ollama does.</summary>
    public static string WithDefaultTag(string name)
    {
        var trimmed = name.Trim();
        return trimmed.LastIndexOf(':') > trimmed.LastIndexOf('/') ? trimmed : trimmed + ":" + DefaultTag;
    }
}
