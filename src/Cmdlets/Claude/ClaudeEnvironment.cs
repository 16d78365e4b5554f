using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace LocalModels.Claude;

/// <summary>
/// The environment of a Claude Code child process pointed at a local Ollama endpoint. It is applied to the child's
/// ProcessStartInfo only: the user's own session is never changed. It does three things:
/// <list type="number">
/// <item>points every model slot (main, opus/sonnet/haiku/fable, subagents) at the local model and the local URL;</item>
/// <item>turns off what is pointless or harmful against a local endpoint (telemetry, error reports, feedback,
/// auto-update, non-essential traffic, the attribution header and token reminders that break Ollama's KV cache);</item>
/// <item>removes every cloud credential or routing override that could send a request, or a secret, elsewhere
/// (see <see cref="RemovedVariables"/> and <see cref="RemovedPrefixes"/>).</item>
/// </list>
/// IS_SANDBOX is never set: the module does not lift Claude Code's refusal to bypass permissions as root.
/// </summary>
public sealed class ClaudeEnvironment
{
    /// <summary>The token Ollama expects ("required but ignored"); it reaches the server as <c>Authorization: Bearer ollama</c>.</summary>
    public const string LocalAuthToken = "ollama";

    /// <summary>
    /// Credentials and endpoint overrides that must not reach the child. A real Anthropic key, an OAuth token or a
    /// cloud provider's credentials would otherwise be sent to (or make Claude Code prefer over) the local endpoint;
    /// model overrides would route a slot to a model that is not the one under test; a Unix socket would bypass the URL.
    /// ANTHROPIC_API_KEY and ANTHROPIC_AUTH_TOKEN are listed too: they are removed, then set to local values.
    /// </summary>
    public static IReadOnlyList<string> RemovedVariables { get; } = new[]
    {
        // Anthropic first-party credentials and routing
        "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_CUSTOM_HEADERS", "ANTHROPIC_UNIX_SOCKET",
        "ANTHROPIC_API_HOST", "ANTHROPIC_IDENTITY_TOKEN", "ANTHROPIC_IDENTITY_TOKEN_FILE", "ANTHROPIC_PROFILE",
        "ANTHROPIC_ORGANIZATION_ID", "ANTHROPIC_WORKSPACE_ID", "ANTHROPIC_SERVICE_ACCOUNT_ID", "ANTHROPIC_FEDERATION_RULE_ID",
        "ANTHROPIC_ENVIRONMENT_KEY", "ANTHROPIC_WORK_SECRET", "ANTHROPIC_WEBHOOK_SIGNING_KEY",
        "CLAUDE_CODE_OAUTH_TOKEN", "CLAUDE_CODE_OAUTH_REFRESH_TOKEN", "CLAUDE_CODE_OAUTH_TOKEN_FILE_DESCRIPTOR",
        // Model overrides that would send a slot to another model
        "ANTHROPIC_MODEL", "ANTHROPIC_SMALL_FAST_MODEL", "ANTHROPIC_DEFAULT_MODEL", "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION",
        // AWS (Bedrock) credentials, profiles and bearer tokens
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
        "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_CREDENTIAL_EXPIRATION", "AWS_ROLE_ARN",
        "AWS_ROLE_SESSION_NAME", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        // Google (Vertex) credentials and project
        "GOOGLE_APPLICATION_CREDENTIALS", "GOOGLE_OAUTH_ACCESS_TOKEN", "GOOGLE_CLOUD_PROJECT", "GOOGLE_CLOUD_QUOTA_PROJECT",
        "GCLOUD_PROJECT", "CLOUD_ML_REGION",
        // Azure (Foundry) credentials
        "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_TENANT_ID", "AZURE_CLIENT_CERTIFICATE_PATH",
        "AZURE_CLIENT_CERTIFICATE_PASSWORD", "AZURE_USERNAME", "AZURE_PASSWORD", "AZURE_FEDERATED_TOKEN_FILE",
        // Not credentials, but sent to the endpoint as they are (beta headers, extra request body fields): a local
        // model has no use for them, and a measured run must not depend on the user's shell.
        "ANTHROPIC_BETAS", "CLAUDE_CODE_EXTRA_BODY",
        // Lifts Claude Code's refusal to bypass permissions as root: never inherited, never set.
        "IS_SANDBOX",
    };

    /// <summary>Whole families removed by prefix: provider endpoints and keys, Bedrock bearer tokens, Vertex regions.</summary>
    public static IReadOnlyList<string> RemovedPrefixes { get; } = new[]
    {
        "ANTHROPIC_AWS_", "ANTHROPIC_BEDROCK_", "ANTHROPIC_VERTEX_", "ANTHROPIC_FOUNDRY_", "ANTHROPIC_GOOGLE_CLOUD_",
        "AWS_BEARER_TOKEN_", "VERTEX_REGION_",
    };

    /// <summary>Cloud providers Claude Code could be switched to; each is forced off.</summary>
    public static IReadOnlyList<string> ProviderSwitches { get; } = new[]
    {
        "CLAUDE_CODE_USE_BEDROCK", "CLAUDE_CODE_USE_VERTEX", "CLAUDE_CODE_USE_FOUNDRY", "CLAUDE_CODE_USE_ANTHROPIC_AWS",
        "CLAUDE_CODE_USE_ANTHROPIC_GOOGLE_CLOUD", "CLAUDE_CODE_USE_MANTLE",
    };

    private readonly SortedDictionary<string, string> _set = new(StringComparer.Ordinal);
    private bool _allowlistOnly;

    private ClaudeEnvironment()
    {
    }

    /// <summary>Variables the child gets, name -> value (an empty value is set as empty, not removed).</summary>
    public IReadOnlyDictionary<string, string> Variables => _set;

    /// <summary>The environment for Claude Code on <paramref name="model"/> served at <paramref name="baseUrl"/>.</summary>
    /// <param name="baseUrl">The Ollama server (its scheme, host and port are used).</param>
    /// <param name="model">The Ollama model name, given to every model slot.</param>
    /// <param name="contextLength">The context the model runs with, when known. Claude Code cannot ask Ollama for
    /// num_ctx and assumes 1m tokens for a model it does not know, so it would never compact before Ollama silently
    /// drops the oldest messages. CLAUDE_CODE_MAX_CONTEXT_TOKENS makes its window exactly num_ctx, headless and
    /// interactive, without a warning; CLAUDE_CODE_AUTO_COMPACT_WINDOW would be clamped to 100k (2.1.328).</param>
    public static ClaudeEnvironment ForLocalModel(Uri baseUrl, string model, int? contextLength)
    {
        if (string.IsNullOrWhiteSpace(model)) throw new ArgumentException("A model name is required.", nameof(model));
        var environment = new ClaudeEnvironment();
        var set = environment._set;
        set["ANTHROPIC_BASE_URL"] = baseUrl.GetLeftPart(UriPartial.Authority);
        set["ANTHROPIC_AUTH_TOKEN"] = LocalAuthToken;
        set["ANTHROPIC_API_KEY"] = "";
        foreach (var name in ProviderSwitches) set[name] = "0";
        foreach (var slot in new[] { "ANTHROPIC_DEFAULT_OPUS_MODEL", "ANTHROPIC_DEFAULT_SONNET_MODEL", "ANTHROPIC_DEFAULT_HAIKU_MODEL",
                     "ANTHROPIC_DEFAULT_FABLE_MODEL", "CLAUDE_CODE_SUBAGENT_MODEL" })
            set[slot] = model;
        // Both change the prompt from turn to turn, which invalidates Ollama's KV cache (ollama launch claude does the same).
        set["CLAUDE_CODE_ATTRIBUTION_HEADER"] = "0";
        set["CLAUDE_CODE_TOTAL_TOKENS_REMINDER"] = "off";
        set["DISABLE_TELEMETRY"] = "1";
        set["DISABLE_ERROR_REPORTING"] = "1";
        set["DISABLE_AUTOUPDATER"] = "1";
        set["DISABLE_FEEDBACK_COMMAND"] = "1";
        set["CLAUDE_CODE_DISABLE_FEEDBACK_SURVEY"] = "1";
        // Only POST /v1/messages reaches the endpoint: no HEAD preflight, no side calls to anthropic.com.
        set["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1";
        if (contextLength is > 0)
            set["CLAUDE_CODE_MAX_CONTEXT_TOKENS"] = contextLength.Value.ToString(CultureInfo.InvariantCulture);
        return environment;
    }

    /// <summary>Adds or overrides one variable (per-run isolation: CLAUDE_CONFIG_DIR, TMPDIR, retries...).</summary>
    public ClaudeEnvironment With(string name, string value)
    {
        if (name == "IS_SANDBOX")
            throw new InvalidOperationException("The module never sets IS_SANDBOX: Claude Code's root check stays in force.");
        _set[name] = value;
        return this;
    }

    /// <summary>
    /// Unattended runs: the child inherits only <see cref="EnvironmentAllowlist"/> from the user's environment, plus
    /// what this object sets. Without it (Invoke-ClaudeLocal) the child keeps the user's environment less
    /// <see cref="RemovedVariables"/>.
    /// </summary>
    public ClaudeEnvironment InheritOnlyAllowlist()
    {
        _allowlistOnly = true;
        return this;
    }

    /// <summary>True when the child starts from <see cref="EnvironmentAllowlist"/> rather than the whole environment.</summary>
    public bool AllowlistOnly => _allowlistOnly;

    /// <summary>True when the module itself decides this variable, so a task may not set it with -Environment.</summary>
    public bool IsReserved(string name) =>
        IsRemoved(name) || _set.Keys.Contains(name, StringComparer.OrdinalIgnoreCase)
        || ProviderSwitches.Contains(name, StringComparer.OrdinalIgnoreCase)
        || name.StartsWith("ANTHROPIC_", StringComparison.OrdinalIgnoreCase)
        || name.Equals(RunMarker.VariableName, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the variable is one the child must not inherit.</summary>
    public static bool IsRemoved(string name) =>
        RemovedVariables.Contains(name, StringComparer.OrdinalIgnoreCase)
        || RemovedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>Writes this environment into the child's start info: removals first, then the local values.</summary>
    public void ApplyTo(ProcessStartInfo startInfo)
    {
        var childEnvironment = startInfo.Environment;
        foreach (var name in childEnvironment.Keys.Where(name => IsRemoved(name) || (_allowlistOnly && !EnvironmentAllowlist.Allows(name))).ToList())
            childEnvironment.Remove(name);
        foreach (var pair in _set)
            childEnvironment[pair.Key] = pair.Value;
    }

    /// <summary>Names of the parent's variables that <see cref="ApplyTo"/> would drop, for verbose output (values never shown).</summary>
    public static IReadOnlyList<string> InheritedCredentialNames(IEnumerable<string> parentNames) =>
        parentNames.Where(IsRemoved).OrderBy(name => name, StringComparer.Ordinal).ToList();
}
